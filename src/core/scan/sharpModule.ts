import type sharpFn from 'sharp';

let loading: Promise<typeof sharpFn> | undefined;

/**
 * sharp (libvips), loaded when the first image is read rather than when the core starts: evaluating
 * it took 0.10–0.12 s here, which every CLI command and the app's start paid, and a conversion of
 * JPEG scans (embedded as they are) never needs it. A failed load is tried again next time.
 */
export function loadSharp(): Promise<typeof sharpFn> {
  loading ??= import('sharp').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
