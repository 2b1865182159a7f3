import path from 'node:path';
import type { Context, Handlers } from '../context';
import { CoreError } from '../errors';
import { loadPdfkit } from '../pdf/writer';
import { unitSignerAsync } from '../signing/unitSigner';
import { asJob } from '../jobs/asJob';
import type { JobControl } from '../jobs/jobs';
import { convertScans } from './convert';
import { convertRecord } from './convertRecord';

async function runJob<T>(ctx: Context, label: string, work: (control: JobControl) => Promise<T>): Promise<T & { jobId: string }> {
  const { jobId, value } = await asJob(ctx, 'scan', label, work);
  return { jobId, ...value };
}

export const scanHandlers: Pick<Handlers, 'scans.convert' | 'records.convert'> = {
  'scans.convert': {
    kind: 'change',
    access: 'records.write',
    runAsync: async (ctx, req) => {
      ctx.audit.target = `pdf:${path.basename(req.outPath)}`;
      for (const [field, p] of [['outPath', req.outPath], ...req.inputs.map((i, n) => [`inputs.${n}`, i] as const)] as const) {
        if (!path.isAbsolute(p)) throw new CoreError('bad-request', `请给出完整路径：${p}`, field);
      }
      // The PDF writer loads while the key is unsealed (decision 0017).
      loadPdfkit().catch(() => undefined);
      const { identity, signer, unit } = await unitSignerAsync(ctx, '生成签章 PDF');
      const r = await runJob(ctx, '扫描件转 PDF', (control) => convertScans({
        control,
        now: () => new Date(),
        inputs: req.inputs,
        outPath: req.outPath,
        metadata: { title: req.title, caseNumber: req.caseNumber, recordType: req.recordType, author: unit.compilingUnit },
        ocr: req.ocr,
        signer,
        signerName: identity.subject,
        location: unit.compilingUnit,
      }));
      ctx.audit.detail = `${r.pages.length} 页，SHA-256 ${r.sha256.slice(0, 16)}…${r.ocr ? '，含文字识别' : ''}`;
      return r;
    },
  },

  /**
   * A registered record's stored scans become its next signed version, kept in the file store
   * (DB3206/T 1060 §6.2.2 b, d, e). The scans themselves stay as they were imported.
   */
  'records.convert': {
    kind: 'change',
    access: 'records.write',
    runAsync: (ctx, req) => convertRecord(ctx, req),
  },
};
