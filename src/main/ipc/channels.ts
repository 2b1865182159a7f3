/**
 * IPC channel names. The preload keeps its own copy (it may not import main);
 * test/preload/bridge.test.ts proves the two agree.
 */
export const INVOKE_CHANNEL = 'archive:invoke';
export const EVENT_CHANNEL = 'archive:event';
