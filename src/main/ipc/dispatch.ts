import { isMethodName, type ApiError, type Envelope, type MethodName } from '../../contract';
import type { Caller } from '../../core/types';
import { isTrustedOrigin, type TrustedOrigins } from '../security/origin';

/** What main knows about the frame that sent an `archive:invoke`. */
export interface SenderInfo {
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  frameUrl: string | null;
  isMainFrame: boolean;
  webContentsId: number;
}

export interface DispatchDeps {
  invoke(method: MethodName, request: unknown, caller: Caller): Promise<Envelope<unknown>>;
  /** The caller (session slot) of a window, or null for a webContents main does not know. */
  callerFor(webContentsId: number): Caller | null;
  trusted: TrustedOrigins;
  log?: (message: string) => void;
  /** A refusal for a method this window may not call (the reading room's methods outside its window). */
  refuseFor?(method: MethodName, webContentsId: number): ApiError | null;
  /** Told of each answer, e.g. to open the print dialog after an allowed reading.print. */
  afterCall?(method: MethodName, result: Envelope<unknown>, webContentsId: number): void;
}

const refusal = (error: ApiError): Envelope<unknown> => ({ ok: false, error });

/**
 * The IPC transport's gate. Only the app's own top frame, in a window main created, may call the core:
 * an embedded frame or a page that got in by navigation gets a refusal, never a session. Failures go
 * back inside the envelope, exactly as over HTTP, so the renderer has one error path.
 */
export function createDispatch(deps: DispatchDeps) {
  return async (sender: SenderInfo, method: unknown, request: unknown): Promise<Envelope<unknown>> => {
    if (!sender.isMainFrame || sender.frameUrl === null || !isTrustedOrigin(sender.frameUrl, deps.trusted)) {
      deps.log?.(`refused archive:invoke from ${sender.frameUrl ?? 'a destroyed frame'}`);
      return refusal({ code: 'forbidden', message: '请求来源不是本工作站页面，已拒绝' });
    }
    const caller = deps.callerFor(sender.webContentsId);
    if (caller === null) return refusal({ code: 'forbidden', message: '该窗口不是本工作站创建的窗口，已拒绝' });
    if (!isMethodName(method)) {
      return refusal({ code: 'not-found', message: `没有这个接口：${String(method).slice(0, 80)}` });
    }
    const refused = deps.refuseFor?.(method, sender.webContentsId) ?? null;
    if (refused) {
      deps.log?.(`refused ${method} from window ${sender.webContentsId}`);
      return refusal(refused);
    }
    let result: Envelope<unknown>;
    try {
      result = await deps.invoke(method, request === undefined ? {} : request, caller);
    } catch (error) {
      deps.log?.(`core.invoke(${method}) threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return refusal({ code: 'internal', message: '工作站内部错误，请重试；如仍失败请联系系统管理员' });
    }
    try {
      deps.afterCall?.(method, result, sender.webContentsId);
    } catch (error) {
      // The core's answer stands; a failed follow-up (a print dialog that would not open) is only logged.
      deps.log?.(`after ${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return result;
  };
}
