// electron-builder hook: refuse to package without the Electron build of better-sqlite3 for the
// target, because an installer without it installs fine and then cannot open the archive.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// builder-util's Arch enum, by index.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Same folder name as src/main/native/bindingPath.ts and scripts/electron-native.mjs. */
function requiredBinding(projectDir, electronVersion, platform, arch) {
  return path.join(projectDir, 'native', `electron-v${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

function electronVersionOf(projectDir) {
  return JSON.parse(fs.readFileSync(path.join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

async function beforePack(context) {
  const projectDir = path.resolve(__dirname, '..');
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const electronVersion = context.packager?.config?.electronVersion ?? electronVersionOf(projectDir);
  const binding = requiredBinding(projectDir, electronVersion, context.electronPlatformName, arch);
  if (!fs.existsSync(binding)) {
    throw new Error(
      `Missing ${path.relative(projectDir, binding)}: build it on ${context.electronPlatformName}-${arch} with ` +
        '`npm run native:electron` (add --arch=<arch> for a cross build) before packaging.',
    );
  }
}

module.exports = beforePack;
module.exports.default = beforePack;
module.exports.requiredBinding = requiredBinding;
