export { intakeScans, intakeFiles, DEFAULT_DPI, DEFAULT_MAX_PIXELS } from './intake';
export { describeEmbedding, loadEmbedBytes } from './embed';
export { listInputs, compareNatural } from './listInputs';
export { composeOrientation, orientationMatrix, type QuarterTurn } from './orientation';
export type * from './types';
