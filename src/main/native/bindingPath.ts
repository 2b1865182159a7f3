import path from 'node:path';

export const BINDING_FILE = 'better_sqlite3.node';
/** Folder (under the project, and under resources/ when packaged) holding Electron builds of the binding. */
export const NATIVE_FOLDER = 'native';

/**
 * One folder per Electron version, platform and arch. The exact Electron version (not just the ABI)
 * keys it so that scripts/electron-native.mjs needs no ABI table, which cannot be fetched offline,
 * and an Electron upgrade can never load a stale binding. scripts/electron-native.mjs builds the same
 * name; test/main/native/bindingPath.test.ts proves the two agree.
 */
export function bindingFolderName(electronVersion: string, platform: string, arch: string): string {
  return `electron-v${electronVersion}-${platform}-${arch}`;
}

export interface BindingLocation {
  isPackaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  /** app.getAppPath(): the project root when running unpackaged. */
  appPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

/**
 * Where the Electron build of better-sqlite3 lives. node_modules keeps the Node build for tests and
 * the CLI (docs/decisions/0002-native-sqlite-for-node-and-electron.md), so the app never loads it.
 */
export function electronBindingPath(where: BindingLocation): string {
  const base = where.isPackaged ? where.resourcesPath : where.appPath;
  return path.join(base, NATIVE_FOLDER, bindingFolderName(where.electronVersion, where.platform, where.arch), BINDING_FILE);
}

/** What to tell the user when the binding is missing: developers get the command, users the remedy. */
export function missingBindingMessage(isPackaged: boolean, bindingPath: string): string {
  if (isPackaged) {
    return `安装包缺少数据库组件（${bindingPath}）。请重新安装本程序；如仍出现此提示，请联系信息中心。`;
  }
  return (
    `未找到为 Electron 编译的数据库组件：${bindingPath}\n` +
    '请在联网环境下运行 `npm run native:electron`（需要下载 Electron 头文件），' +
    '或按 docs/decisions/0002-native-sqlite-for-node-and-electron.md 用离线头文件编译。'
  );
}
