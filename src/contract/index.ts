export * from './roles';
export * from './permissions';
export * from './errors';
export * from './schemas';
export * from './dto';
export * from './methods';
export * from './api';
export * from './events';
