export { intakeScans, DEFAULT_DPI, DEFAULT_MAX_PIXELS } from './intake';
export { loadEmbedBytes } from './embed';
export { listInputs, compareNatural } from './listInputs';
export { orientationMatrix } from './orientation';
export type * from './types';
