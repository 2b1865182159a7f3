/**
 * `node --import tsx wipeChild.ts <dataDir> <tag> <device>`: a separate process that starts media.wipe
 * and, after its first checkpoint, prints `checkpoint` and waits to be killed (SIGKILL: a real crash,
 * no cleanup of any kind runs).
 */
import { createCore } from '../../../../src/core/createCore';
import { setAfterCheckpoint } from '../../../../src/core/media/sanitize/overwrite';
import { passphraseProtector } from '../../../../src/core/pdf/sign';

// Not from helpers/core.ts: it uses __dirname, which a plain ES module run by node has not.
const PASSWORD = 'correct-horse-1';

const [dataDir, tag, device] = process.argv.slice(2) as [string, string, string];
setAfterCheckpoint(() => {
  process.stdout.write('checkpoint\n');
  setInterval(() => undefined, 1000);
  return new Promise<void>(() => undefined);
});
const core = createCore({ dataDir, scryptCost: 1024, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
const officer = core.client({ channel: 'cli', session: { token: null } });
const login = await officer.auth.login({ username: 'officer', password: PASSWORD });
if (!login.ok) throw new Error(login.error.message);
const result = await officer.media.wipe({ tag, device, verification: 'full', witness: 'witness', witnessPassword: PASSWORD, confirmPassword: PASSWORD });
process.stdout.write(`finished ${JSON.stringify(result)}\n`);
