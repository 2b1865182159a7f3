/**
 * A module loaded on first use rather than when the core starts (pdfkit, sharp: tenths of a second
 * each on the 2-core machines here, paid by every CLI command and the app's start although most calls
 * need neither). One load is shared by all callers; a failed load is tried again next time.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
