import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ArchiveEvent } from '../contract';
import { buildBridge } from './bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

const bridge = buildBridge(
  (method, request) => ipcRenderer.invoke(INVOKE_CHANNEL, method, request),
  (listener) => {
    const handler = (_event: IpcRendererEvent, archiveEvent: ArchiveEvent) => listener(archiveEvent);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  // The page's File objects are DOM objects; the contract only knows their shape.
  (file) => webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
);

contextBridge.exposeInMainWorld('archive', bridge);
