import { createRequire } from 'node:module';
import type Forge from 'node-forge';

let loaded: typeof Forge | undefined;

/**
 * node-forge, loaded on first use. It only opens PKCS#12 files and converts forge keys (decision
 * 0005), which no conversion or compilation needs, and evaluating it cost 55–100 ms of every start
 * of the CLI and the app. It is CommonJS, so a synchronous require keeps importPkcs12 synchronous.
 */
export function forge(): typeof Forge {
  return (loaded ??= createRequire(import.meta.url)('node-forge') as typeof Forge);
}
