import type sharpFn from 'sharp';
import { lazyModule } from '../lazyModule';

/**
 * sharp (libvips), loaded when the first image is read rather than when the core starts: evaluating
 * it took 0.10–0.12 s here, which every CLI command and the app's start paid, and a conversion of
 * JPEG scans (embedded as they are) never needs it.
 */
export const loadSharp: () => Promise<typeof sharpFn> = lazyModule(() => import('sharp').then((module) => module.default));
