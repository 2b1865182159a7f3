import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBindingPath } from '../../../src/main/native/bindingPath';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const beforePack = require('../../../build/beforePack.cjs') as ((context: unknown) => Promise<void>) & {
  requiredBinding(projectDir: string, electronVersion: string, platform: string, arch: string): string;
};

type Config = Record<string, any>;
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it('matches electron-builder’s own schema', async () => {
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('sets every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the build output, never sources, tests or the dev host', () => {
    const includes = (config.files as string[]).filter((pattern) => !pattern.startsWith('!'));
    expect(includes.sort()).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
    expect(config.files).toContain('!src{,/**/*}');
    expect(config.files).toContain('!test{,/**/*}');
  });

  it('keeps node_modules’ Node build of better-sqlite3 and ships the Electron one as a resource', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('!node_modules/better-sqlite3/build{,/**/*}');
    for (const [platform, os] of [['win32', 'win'], ['linux', 'linux']] as const) {
      expect(config[os].extraResources).toEqual([
        { from: 'native', to: 'native', filter: [`electron-v*-${platform}-\${arch}/**`] },
      ]);
    }
  });

  it('builds NSIS for Windows and deb + AppImage for x64 and arm64 Linux', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux.category).toBe('Office');
    expect(config.productName).toBe('执法案卷归档工作站');
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });
});

describe('build/beforePack.cjs', () => {
  it('expects the binding where the packaged app will look for it', () => {
    const inProject = beforePack.requiredBinding('/p', '45.4.1', 'linux', 'arm64');
    const packaged = electronBindingPath({
      isPackaged: true,
      resourcesPath: '/r',
      appPath: '/a',
      electronVersion: '45.4.1',
      platform: 'linux',
      arch: 'arm64',
    });
    expect(path.relative('/p', inProject)).toBe(path.relative('/r', packaged));
  });

  it('refuses to package without the binding', async () => {
    const context = { arch: 3, electronPlatformName: 'linux', packager: { config: { electronVersion: '0.0.0-missing' } } };
    await expect(beforePack(context)).rejects.toThrow(/native\/electron-v0\.0\.0-missing-linux-arm64.*npm run native:electron/s);
  });

  it('lets packaging go ahead when the binding is there', async () => {
    const version = `0.0.0-test-${process.pid}`;
    const binding = beforePack.requiredBinding(root, version, 'linux', 'x64');
    const nativeDir = path.join(root, 'native');
    const hadNativeDir = fs.existsSync(nativeDir);
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.writeFileSync(binding, '');
    try {
      await expect(beforePack({ arch: 1, electronPlatformName: 'linux', packager: { config: { electronVersion: version } } })).resolves.toBeUndefined();
    } finally {
      fs.rmSync(path.dirname(binding), { recursive: true, force: true });
      if (!hadNativeDir) fs.rmSync(nativeDir, { recursive: true, force: true });
    }
  });
});
