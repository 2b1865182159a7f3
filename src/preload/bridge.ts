import { buildClient, type ArchiveBridge, type ArchiveEvent, type Envelope, type MethodName } from '../contract';

export type RawInvoke = (method: MethodName, request: unknown) => Promise<unknown>;
export type Subscribe = (listener: (event: ArchiveEvent) => void) => () => void;

const unreachable: Envelope<never> = {
  ok: false,
  error: { code: 'internal', message: '无法连接工作站主进程，请关闭程序后重新打开' },
};

/**
 * `window.archive`: the contract's methods plus `onEvent`, and nothing else, so the page never holds
 * ipcRenderer or a way to name an arbitrary channel. A transport failure comes back as an envelope,
 * like every other failure, instead of a rejected promise the UI would have to special-case.
 */
export function buildBridge(invoke: RawInvoke, subscribe: Subscribe): ArchiveBridge {
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
  return { ...client, onEvent };
}
