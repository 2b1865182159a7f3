import { unwrap, type Envelope, type MethodName, type RequestOf, type ResponseOf } from '../../contract';

type AnyCall = (request?: unknown) => Promise<Envelope<unknown>>;

let lastCallAt = Date.now();
const callListeners = new Set<() => void>();

/**
 * Calls one method of `window.archive` and unwraps its envelope, so that a refusal arrives as an
 * `ApiFailure` carrying the core's Chinese message. Every call goes through here, which lets the
 * idle watch know when the core last saw this window.
 */
export async function call<M extends MethodName>(method: M, request?: RequestOf<M>): Promise<ResponseOf<M>> {
  const [ns, verb] = method.split('.') as [string, string];
  const namespace = (window.archive as unknown as Record<string, Record<string, AnyCall>>)[ns];
  const fn = namespace?.[verb];
  if (!fn) throw new Error(`window.archive 缺少方法 ${method}`);
  lastCallAt = Date.now();
  for (const listener of callListeners) listener();
  const envelope = await fn(request ?? {});
  return unwrap(envelope as Envelope<ResponseOf<M>>);
}

export function getLastCallAt(): number {
  return lastCallAt;
}

export function onCall(listener: () => void): () => void {
  callListeners.add(listener);
  return () => callListeners.delete(listener);
}
