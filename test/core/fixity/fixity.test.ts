import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../src/contract';
import { FIXTURE_FOLDER, setUpUnit, value, type TestUnit } from '../../helpers/core';

let unit: TestUnit;
afterEach(() => unit?.close());

async function importedUnit(): Promise<{ archivist: ArchiveApi; files: { id: string; sha256: string; name: string }[] }> {
  unit = await setUpUnit();
  const archivist = await unit.signIn('liu', ['archivist']);
  const imported = value(await archivist.cases.importFolder({ folder: FIXTURE_FOLDER }));
  const files = value(await archivist.cases.get({ caseId: imported.case.id })).records.flatMap((r) => r.files);
  return { archivist, files };
}

const storedPath = (sha: string) => path.join(unit.dir, 'files', sha.slice(0, 2), sha);

describe('fixity', () => {
  it('re-hashes every stored file and finds nothing wrong in an intact store', async () => {
    const { archivist } = await importedUnit();
    const report = value(await archivist.fixity.run());
    expect(report).toMatchObject({ checked: 5, findings: [] });
    expect(report.bytes).toBeGreaterThan(0);
  });

  it('reports changed and missing files, each in the audit log', async () => {
    const { archivist, files } = await importedUnit();
    const [changed, missing] = [files[0]!, files[1]!];
    fs.chmodSync(storedPath(changed.sha256), 0o600);
    fs.appendFileSync(storedPath(changed.sha256), 'x');
    fs.chmodSync(storedPath(missing.sha256), 0o600);
    fs.rmSync(storedPath(missing.sha256));

    const report = value(await archivist.fixity.run());
    expect(report.findings).toEqual([
      expect.objectContaining({ fileId: changed.id, problem: 'changed', actualSha256: expect.stringMatching(/^[0-9a-f]{64}$/), message: expect.stringContaining('内容已改变') }),
      expect.objectContaining({ fileId: missing.id, problem: 'missing', actualSha256: null, message: expect.stringContaining('缺失') }),
    ]);

    const auditor = await unit.signIn('shen', ['auditor']);
    const log = value(await auditor.audit.list({ action: 'fixity' })).items;
    expect(log.map((e) => [e.action, e.target, e.outcome])).toEqual([
      ['fixity.run', 'file-store', 'ok'],
      ['fixity.finding', `file:${missing.id}`, 'failed'],
      ['fixity.finding', `file:${changed.id}`, 'failed'],
    ]);
    expect(log[0]!.detail).toContain('发现 2 处问题');
    expect(value(await auditor.audit.verify({})).isIntact).toBe(true);
  });

  it('reports progress and can be cancelled by whoever started it', async () => {
    const { archivist } = await importedUnit();
    const events: { type: string; done?: number; total?: number }[] = [];
    const officer = await unit.signIn('chen', ['case-officer', 'security-officer']);
    const stop = unit.core.onEvent((e) => {
      events.push(e);
      if (e.type === 'job.progress' && e.done === 0) {
        // Someone else may not cancel it...
        void officer.jobs.cancel({ jobId: e.jobId }).then((r) => events.push({ type: `other:${r.ok ? 'ok' : r.error.code}` }));
        // ...its starter may.
        void archivist.jobs.cancel({ jobId: e.jobId });
      }
    });
    const r = await archivist.fixity.run();
    stop();
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('已取消') } });
    expect(events.map((e) => e.type)).toContain('job.finished');
    expect(events.map((e) => e.type)).toContain('other:forbidden');
    expect(value(await archivist.jobs.list())).toEqual([]);
  });

  it('stops at once when its starter\'s cancel overtook the start (the caller chose the job id)', async () => {
    const { archivist } = await importedUnit();
    const jobId = '2d0c4f7e-8a1b-4c2d-9e3f-4a5b6c7d8e9f';
    const officer = await unit.signIn('chen', ['case-officer', 'security-officer']);
    // Another person's early cancel is kept for them only: it does not stop this job.
    expect(value(await officer.jobs.cancel({ jobId }))).toBeNull();
    expect(value(await archivist.fixity.run({ jobId }))).toMatchObject({ jobId, checked: 5, findings: [] });

    const second = '3e1d5a8f-9b2c-4d3e-8f4a-5b6c7d8e9f0a';
    expect(value(await archivist.jobs.cancel({ jobId: second }))).toBeNull();
    expect(await archivist.fixity.run({ jobId: second })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已取消') } });
  });

  it('is refused to roles that do not keep the store', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    expect(await officer.fixity.run()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
