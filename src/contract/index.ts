export * from './roles';
export * from './permissions';
export * from './errors';
export * from './schemas';
export * from './dto';
export * from './methods';
export * from './api';
export * from './events';
export { groupFingerprint, TERMINAL_PROOF_CONTEXT, UNREGISTERED_TERMINAL_ID } from './terminalDto';
