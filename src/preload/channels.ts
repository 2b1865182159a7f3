/** Must equal src/main/ipc/channels.ts; test/preload/bridge.test.ts checks it. */
export const INVOKE_CHANNEL = 'archive:invoke';
export const EVENT_CHANNEL = 'archive:event';
