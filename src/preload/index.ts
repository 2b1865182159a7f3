import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
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
);

contextBridge.exposeInMainWorld('archive', bridge);
