// "Nothing may be downloaded at run time": a page is recognized in a child process where every
// socket, DNS lookup and fetch fails loudly, in its main and worker threads, from an empty working
// directory that must stay empty (cacheMethod 'none': no traineddata read from or written to it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { renderTextPage, tempDir } from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

it('recognizes a page with the network blocked and writes nothing into the working directory', async () => {
  const page = await renderTextPage([{ text: '行政处罚决定书', x: 100, baseline: 120, size: 64 }], 800, 200, 200);
  const inputDir = tempDir();
  const cwd = tempDir('dossier-ocr-cwd-');
  const image = path.join(inputDir, 'page.png');
  fs.writeFileSync(image, page.png);
  try {
    const child = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(here, 'blockNetwork.mjs')).href, '--import', tsxLoader, path.join(here, 'offlineChild.ts'), image], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toContain('network blocked in main thread');
    expect(child.stderr).toContain('network blocked in worker thread');
    expect(child.stderr).not.toContain('NETWORK ATTEMPT');
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout).lines).toContain('行政处罚决定书');
    expect(fs.readdirSync(cwd)).toEqual([]);
  } finally {
    fs.rmSync(inputDir, { recursive: true, force: true });
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 60_000);

it('the block is real: tesseract.js without langPath is caught reaching for its CDN', () => {
  const cwd = tempDir('dossier-ocr-cwd-');
  const tesseract = createRequire(import.meta.url).resolve('tesseract.js');
  const code = `require(${JSON.stringify(tesseract)}).createWorker('chi_sim', 1, { errorHandler: () => process.exit(0) }); setTimeout(() => process.exit(3), 20000);`;
  try {
    const child = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(here, 'blockNetwork.mjs')).href, '-e', code], { cwd, encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toMatch(/NETWORK ATTEMPT \(worker\): fetch https:\/\/cdn\.jsdelivr\.net\/npm\/@tesseract\.js-data\/chi_sim/);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 30_000);
