import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { BUNDLED_DEPENDENCIES } from './scripts/bundledDependencies';

export default defineConfig({
  main: {
    build: {
      // Dependencies stay in node_modules; better-sqlite3 above all, because its binding is chosen at
      // run time (docs/decisions/0002-native-sqlite-for-node-and-electron.md) and cannot be bundled.
      // Those in BUNDLED_DEPENDENCIES are bundled: many small modules that slowed every start.
      externalizeDeps: { include: ['better-sqlite3'], exclude: [...BUNDLED_DEPENDENCIES] },
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron' and a few polyfills, so the contract and zod
      // are bundled in, and it cannot be an ES module: CommonJS with a .cjs name, since the package
      // is "type": "module".
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; antd makes that 3 MB of script.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') },
      },
    },
  },
});
