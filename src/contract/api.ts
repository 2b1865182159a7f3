import type { Envelope } from './errors';
import type { MethodName, RequestOf, ResponseOf } from './methods';
import { METHOD_NAMES } from './methods';
import type { ArchiveEvent } from './events';

type Namespace<M extends string> = M extends `${infer N}.${string}` ? N : never;
type Verb<M extends string, N extends string> = M extends `${N}.${infer V}` ? V : never;

/** A method as the renderer sees it: request in, envelope out. Methods whose request is `{}` may omit it. */
// `{}` is exactly the test wanted here: "every field of the request is optional".
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Call<M extends MethodName> = {} extends RequestOf<M>
  ? (request?: RequestOf<M>) => Promise<Envelope<ResponseOf<M>>>
  : (request: RequestOf<M>) => Promise<Envelope<ResponseOf<M>>>;

/**
 * `window.archive`: one namespace per feature, one verb per method, derived from the method list so
 * that the interface and the list cannot drift apart.
 */
export type ArchiveApi = {
  [N in Namespace<MethodName>]: { [V in Verb<MethodName, N>]: Call<`${N}.${V}` & MethodName> };
};

/** A file the page holds: a DOM `File`, typed by its shape because the contract is compiled without the DOM. */
export interface LocalFile {
  readonly name: string;
  readonly size: number;
}

export interface ArchiveBridge extends ArchiveApi {
  /** Subscribe to events (job progress, session end). Returns the unsubscribe function. */
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
  /**
   * Dropped or chosen files as absolute paths on the machine that runs the core, for the methods that
   * take paths (`records.addScans`, `pdf.verify`). Not a method of the list: no request reaches the core.
   * In the app a file's path is its own (a dropped folder too, see `canStageFolders`). The web host
   * uploads the files into a staging folder of the browser's session, removed after the call that uses
   * them; with `folder`, the files go into a folder of that name and its path is returned instead.
   */
  stageFiles(files: readonly LocalFile[], folder?: string): Promise<Envelope<string[]>>;
  /** The app passes a dropped folder as it is (its path); a browser page lists the folder's files itself. */
  readonly canStageFolders: boolean;
}

export type Invoke = (method: MethodName, request: unknown) => Promise<Envelope<unknown>>;

/** Builds an `ArchiveApi` from one invoke function, walking the method list. */
export function buildClient(invoke: Invoke): ArchiveApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<Envelope<unknown>>>> = {};
  for (const method of METHOD_NAMES) {
    const [ns, verb] = method.split('.') as [string, string];
    api[ns] ??= {};
    api[ns][verb] = (request?: unknown) => invoke(method, request ?? {});
  }
  return api as unknown as ArchiveApi;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as string[]).includes(name);
}
