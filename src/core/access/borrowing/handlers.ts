import type { Handlers } from '../../context';

// Filled in by issue 5 work in progress.
export const borrowingHandlers: Partial<Handlers> = {};
