// `npm test`: everything, in the order a failure is cheapest to read: type check of every tsconfig,
// ESLint (with the layer rules), the electron-vite build of main, preload and renderer (what cannot run
// here must at least compile and bundle), vitest on Node, then the end-to-end suite in headless
// Chromium against the web host. Every step runs even after a failure, so one run shows them all.
// The last line is `N passed, N failed` over all suites, checks counted as one test each.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
const lines = [];

function step(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(label, command, args) {
  if (step(label, command, args)) passed++;
  else failed++;
}

/** Counts from a runner's JSON report; a missing report means the suite did not run: one failure. */
/** Names of failed tests, so that the summary at the end of a long log says which ones failed. */
function failedNames(label, json) {
  const names = [];
  for (const file of json.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') names.push(`${path.relative(root, file.name)} › ${t.fullName}: ${String(t.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300)}`);
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') names.push(`${path.relative(root, file.name)}: ${String(file.message ?? '').split('\n')[0].slice(0, 300)}`);
  }
  const walk = (s) => {
    for (const spec of s.specs ?? []) for (const t of spec.tests ?? []) if (t.status === 'unexpected') names.push(`${spec.file} › ${spec.title}: ${String(t.results?.at(-1)?.error?.message ?? '').split('\n')[0].slice(0, 300)}`);
    for (const child of s.suites ?? []) walk(child);
  };
  for (const s of json.suites ?? []) walk(s);
  return names.map((n) => `       ✗ ${label}: ${n}`);
}

function suite(label, command, args, report, count) {
  fs.rmSync(report, { force: true });
  const ok = step(label, command, args);
  if (!fs.existsSync(report)) {
    failed++;
    lines.push(`FAIL ${label}: no report written`);
    return;
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  const { p, f } = count(json);
  passed += p;
  failed += f;
  if (!ok && f === 0) failed++; // the runner failed outside any test (e.g. a crash in setup)
  lines.push(`     ${label}: ${p} passed, ${f} failed`, ...failedNames(label, json));
}

check('type check (every tsconfig)', process.execPath, [path.join(root, 'scripts/typecheck.mjs')]);
check('ESLint', bin('eslint'), ['.', '--max-warnings=0']);
check('build (electron-vite: main, preload, renderer)', bin('electron-vite'), ['build']);
suite('vitest (Node)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, 'vitest.json')}`], path.join(results, 'vitest.json'), (j) => ({
  p: j.numPassedTests,
  f: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0),
}));
suite('end-to-end (Playwright, Chromium)', bin('playwright'), ['test'], path.join(results, 'e2e.json'), (j) => ({
  p: j.stats.expected + (j.stats.flaky ?? 0),
  f: j.stats.unexpected,
}));

console.log(`\n=== summary ===\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
