import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bindingFolderName,
  electronBindingPath,
  missingBindingMessage,
} from '../../../src/main/native/bindingPath';
// @ts-expect-error: a plain .mjs build script without type declarations
import * as script from '../../../scripts/electron-native.mjs';

const where = {
  resourcesPath: '/opt/执法案卷归档工作站/resources',
  appPath: '/home/dev/dossier',
  electronVersion: '45.4.1',
  platform: 'linux',
  arch: 'arm64',
};

describe('electronBindingPath', () => {
  it('uses the project’s native/ folder when unpackaged', () => {
    expect(electronBindingPath({ ...where, isPackaged: false })).toBe(
      path.join('/home/dev/dossier', 'native', 'electron-v45.4.1-linux-arm64', 'better_sqlite3.node'),
    );
  });

  it('uses resources/native when packaged, outside app.asar where a .node cannot load', () => {
    const packaged = electronBindingPath({ ...where, isPackaged: true });
    expect(packaged).toBe(path.join('/opt/执法案卷归档工作站/resources', 'native', 'electron-v45.4.1-linux-arm64', 'better_sqlite3.node'));
    expect(packaged).not.toContain('app.asar');
  });

  it('never points at the Node build in node_modules', () => {
    expect(electronBindingPath({ ...where, isPackaged: false })).not.toContain('node_modules');
  });
});

describe('the build script', () => {
  it('names the folder exactly as main looks for it', () => {
    for (const [version, platform, arch] of [
      ['45.4.1', 'linux', 'x64'],
      ['45.4.1', 'linux', 'arm64'],
      ['46.0.0-beta.2', 'win32', 'x64'],
    ] as const) {
      expect(script.bindingFolderName(version, platform, arch)).toBe(bindingFolderName(version, platform, arch));
    }
  });

  it('skips quickly as a postinstall in CI or where Electron is not downloaded, never when run by hand', () => {
    const postinstall = { postinstall: true };
    expect(script.skipReason({ CI: 'true' }, postinstall)).toMatch(/CI/);
    expect(script.skipReason({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, postinstall)).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(script.skipReason({}, postinstall)).toBeNull();
    expect(script.skipReason({ CI: 'true', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, { postinstall: false })).toBeNull();
    expect(script.skipReason({ DOSSIER_SKIP_ELECTRON_NATIVE: '1' }, { postinstall: false })).toMatch(/DOSSIER_SKIP/);
  });

  it('keeps npm’s Node-header settings away from node-gyp', () => {
    const env = script.gypEnv({ PATH: '/usr/bin', npm_config_nodedir: '/usr', npm_config_target: '20.20.0', npm_config_runtime: 'node', npm_config_cache: '/c' });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/c' });
  });

  it('builds against Electron’s headers', () => {
    expect(script.gypArgs({ electronVersion: '45.4.1', arch: 'x64', headers: null, devdir: '/h/.electron-gyp' })).toEqual([
      'rebuild',
      '--release',
      '--target=45.4.1',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
      '--devdir=/h/.electron-gyp',
    ]);
    expect(script.gypArgs({ electronVersion: '45.4.1', arch: 'arm64', headers: '/srv/headers', devdir: '/x' })).toContain('--nodedir=/srv/headers');
  });

  it('reads its options', () => {
    expect(script.parseArgs(['--postinstall', '--force', '--arch=arm64'])).toMatchObject({ postinstall: true, force: true, arch: 'arm64', headers: null });
    expect(() => script.parseArgs(['--bogus'])).toThrow(/unknown option/);
  });
});

describe('missingBindingMessage', () => {
  it('tells users to reinstall and developers which command to run, in Chinese', () => {
    expect(missingBindingMessage(true, '/x')).toMatch(/重新安装/);
    expect(missingBindingMessage(false, '/x')).toContain('npm run native:electron');
  });
});
