/**
 * `npm run web -- [--data <dir>] [--port <n>]`: the real core and the built renderer in a plain
 * browser, for development and end-to-end tests. Loopback only; never part of the packaged app.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, passphraseProtector } from '../core/createCore';
import { defaultDataDir } from '../core/dataDir';
import { startWebHost } from './server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '4780' },
      renderer: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口不正确：${values.port}`);
    process.exit(2);
  }
  const rendererDir = path.resolve(values.renderer ?? path.join(repoRoot, 'out', 'renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(`找不到界面文件 ${rendererDir}/index.html，请先运行 npx electron-vite build`);
    process.exit(2);
  }
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  // Development and tests only: the unit's signing key is sealed with DOSSIER_KEY_PASSPHRASE when set.
  const passphrase = process.env.DOSSIER_KEY_PASSPHRASE;
  const core = createCore({ dataDir, ...(passphrase ? { keyProtector: passphraseProtector(passphrase) } : {}) });
  const host = await startWebHost({ core, port, rendererDir });
  console.log(`执法案卷归档工作站（网页测试宿主）：${host.url}`);
  console.log(`数据目录：${dataDir}`);

  let isClosing = false;
  const shutdown = () => {
    if (isClosing) return;
    isClosing = true;
    void host.close().finally(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
