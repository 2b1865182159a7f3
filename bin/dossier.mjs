#!/usr/bin/env node
// The `dossier` command. Runs the TypeScript sources through tsx so that it works straight after
// `npm install`, with no build step in between.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

// npm installs bins as symlinks (node_modules/.bin/dossier); the sources sit beside the real file.
const binFile = realpathSync(fileURLToPath(import.meta.url));
const root = path.resolve(path.dirname(binFile), '..');

// The project's tsconfig, not whatever tsconfig.json happens to be in the caller's working folder.
register({ tsconfig: path.join(root, 'tsconfig.core.json') });
await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href);
