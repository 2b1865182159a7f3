// `npm run bench [-- cases|scan|sign|compile]`: speed and memory figures, printed beside the reference tools that
// the issues name; never asserted in tests (the machines here vary too much from run to run).
import { benchCases } from './cases';
import { benchCompile } from './compile';
import { benchScan } from './scan';
import { benchWipe } from './wipe';
import { benchSign } from '../src/core/pdf/sign/bench';

const BENCHES: Record<string, () => Promise<void>> = {
  /** Case list and search at 100 000 cases (issue 2). */
  cases: benchCases,
  /** Scans to PDF/A against img2pdf at 300 and 1 000 pages (issue 3, item 12). */
  scan: async () => {
    await benchScan(300);
    await benchScan(1000);
  },
  /** A 300-page dossier from signed records against qpdf's merge (issue 4 item 11). */
  compile: async () => {
    await benchCompile(300);
  },
  /** Signing in place against `openssl dgst -sha256` of the same file (issue 3, item 12). */
  sign: async () => {
    await benchSign({ sizesMb: [512] });
  },
  /** One overwrite pass and the verification read on a 1 GiB image against dd and cat (issue 6 item 11). */
  wipe: benchWipe,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length) {
  console.error(`未知的基准测试：${unknown.join('、')}。可选：${Object.keys(BENCHES).join('、')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  console.log(`\n=== bench: ${name} ===`);
  await BENCHES[name]!();
}
