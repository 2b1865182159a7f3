import { ipcMain, webContents as allWebContents, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/types';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc/channels';
import { createDispatch, type DispatchDeps } from './ipc/dispatch';
import type { WindowCallers } from './ipc/sessions';
import { isTrustedOrigin, type TrustedOrigins } from './security/origin';

/** Connects `archive:invoke` to the core and pushes core events to every app window. */
export function startIpcTransport(
  core: Core,
  callers: WindowCallers,
  trusted: TrustedOrigins,
  log: (m: string) => void,
  // The reading room's gate and print follow-up (decision 0014).
  hooks: Pick<DispatchDeps, 'refuseFor' | 'afterCall'> = {},
): () => void {
  const dispatch = createDispatch({
    invoke: (method, request, caller) => core.invoke(method, request, caller),
    callerFor: (id) => callers.get(id),
    trusted,
    log,
    ...hooks,
  });
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, request: unknown) => {
    const frame = event.senderFrame;
    return dispatch(
      {
        frameUrl: frame ? frame.url : null,
        // By tree position rather than object identity, which Electron does not promise across calls.
        isMainFrame: frame !== null && frame.parent === null,
        webContentsId: event.sender.id,
      },
      method,
      request,
    );
  });
  const unsubscribe = core.onEvent((archiveEvent) => {
    for (const id of callers.ids()) {
      const contents = allWebContents.fromId(id);
      // A window is only told about the archive while it shows the app itself.
      if (contents && !contents.isDestroyed() && isTrustedOrigin(contents.getURL(), trusted)) {
        contents.send(EVENT_CHANNEL, archiveEvent);
      }
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
