import type { Handlers } from '../context';

// Filled in by issue 6.
export const erecordHandlers: Partial<Handlers> = {};
