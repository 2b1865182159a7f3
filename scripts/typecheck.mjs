// Type-checks every area with its own tsconfig, so that e.g. `window` is unknown in the core and
// `process` is unknown in the renderer (ARCHITECTURE.md, "Rules of the house").
import { spawnSync } from 'node:child_process';
const projects = ['tsconfig.core.json', 'tsconfig.main.json', 'tsconfig.renderer.json', 'tsconfig.test.json'];
let failed = 0;
for (const p of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', p, '--noEmit'], { stdio: 'inherit' });
  console.log(`typecheck ${p}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
