import { buildClient, type ArchiveBridge, type ArchiveEvent, type Envelope, type LocalFile, type MethodName } from '../contract';

export type RawInvoke = (method: MethodName, request: unknown) => Promise<unknown>;
export type Subscribe = (listener: (event: ArchiveEvent) => void) => () => void;
/** Electron's `webUtils.getPathForFile`: the path of a dropped or chosen file, '' for one not on disk. */
export type PathForFile = (file: LocalFile) => string;

const unreachable: Envelope<never> = {
  ok: false,
  error: { code: 'internal', message: '无法连接工作站主进程，请关闭程序后重新打开' },
};

/**
 * `window.archive`: the contract's methods plus `onEvent` and the file staging pair (`stageFiles`,
 * `canStageFolders`), and nothing else, so the page never holds ipcRenderer or a way to name an
 * arbitrary channel. A transport failure comes back as an envelope, like every other failure, instead
 * of a rejected promise the UI would have to special-case.
 */
export function buildBridge(invoke: RawInvoke, subscribe: Subscribe, pathForFile: PathForFile): ArchiveBridge {
  const client = buildClient(async (method, request) => {
    try {
      return (await invoke(method, request)) as Envelope<unknown>;
    } catch {
      return unreachable;
    }
  });
  const onEvent = (listener: (event: ArchiveEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent 需要一个函数');
    return subscribe((event) => {
      // One faulty listener must not keep the others from hearing about a finished job.
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    });
  };
  // The app and the core share one machine: a dropped file (or folder) is read where it lies.
  const stageFiles = async (files: readonly LocalFile[]): Promise<Envelope<string[]>> => {
    const paths: string[] = [];
    for (const file of Array.from(files ?? [])) {
      let filePath: string;
      try {
        filePath = pathForFile(file);
      } catch {
        filePath = '';
      }
      if (!filePath) {
        return { ok: false, error: { code: 'bad-request', message: `无法取得“${String(file?.name ?? '')}”的位置：只能选择本机磁盘上的文件或文件夹。` } };
      }
      paths.push(filePath);
    }
    return { ok: true, value: paths };
  };
  return { ...client, onEvent, stageFiles, canStageFolders: true };
}
