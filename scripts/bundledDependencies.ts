// Dependencies bundled into the app's main-process code instead of loaded from node_modules at run
// time. zod 4 is some 70 ES modules (its 64 locales among them): resolving and compiling them one by
// one took ~0.06–0.1 s of every start of the app and of each bench's measured child (decision 0019).
// electron.vite.config.ts and bench/measure.ts both read this list, so the benches start as the app does.
export const BUNDLED_DEPENDENCIES: readonly string[] = ['zod'];
