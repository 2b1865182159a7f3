import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds a file or folder the app ships under `resources/`: in the packaged app electron-builder copies
 * it to <resources>/<name> (extraResources); in the source tree (tests, CLI, dev runs) it is found by
 * walking up from this module, then from the working directory. null when it is nowhere.
 */
export function findResource(name: string): string | null {
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(path.join(resourcesPath, name));
  let dir = moduleDir();
  for (let i = 0; dir && i < 8; i++) {
    candidates.push(path.join(dir, 'resources', name));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  candidates.push(path.join(process.cwd(), 'resources', name));
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

function moduleDir(): string | undefined {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}
