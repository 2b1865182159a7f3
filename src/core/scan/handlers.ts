import path from 'node:path';
import type { Handlers } from '../context';
import { CoreError } from '../errors';
import { getUnit } from '../access/users';
import { KeyProtectionError, openSigner } from '../pdf/sign';
import { currentStoredIdentity } from '../signing/store';
import { convertScans } from './convert';

export const scanHandlers: Pick<Handlers, 'scans.convert'> = {
  'scans.convert': {
    kind: 'change',
    access: 'records.write',
    runAsync: async (ctx, req) => {
      ctx.audit.target = `pdf:${path.basename(req.outPath)}`;
      for (const [field, p] of [['outPath', req.outPath], ...req.inputs.map((i, n) => [`inputs.${n}`, i] as const)] as const) {
        if (!path.isAbsolute(p)) throw new CoreError('bad-request', `请给出完整路径：${p}`, field);
      }
      const identity = currentStoredIdentity(ctx.db);
      if (!identity) throw new CoreError('bad-request', '本单位还没有签章证书，不能生成签章 PDF。请由系统管理员创建或导入证书。');
      if (!ctx.keyProtector) throw new CoreError('bad-request', '无法使用签章私钥：请提供私钥保护口令（命令行用 DOSSIER_KEY_PASSPHRASE）。');
      let signer;
      try {
        signer = openSigner(identity, ctx.keyProtector, identity.chainDer);
      } catch (error) {
        throw new CoreError('bad-request', error instanceof KeyProtectionError || error instanceof Error ? error.message : String(error));
      }
      const unit = getUnit(ctx.db)!;
      const { jobId, done } = ctx.jobs.start('scan', ctx.user!.username, '扫描件转 PDF', (control) =>
        convertScans({
          inputs: req.inputs,
          outPath: req.outPath,
          metadata: { title: req.title, caseNumber: req.caseNumber, recordType: req.recordType, author: unit.compilingUnit },
          ocr: req.ocr,
          signer,
          signerName: identity.subject,
          location: unit.compilingUnit,
          control,
          now: () => new Date(),
        }),
      );
      const outcome = await done;
      if (outcome.outcome !== 'ok' || !outcome.value) throw new CoreError('bad-request', outcome.message);
      const r = outcome.value;
      ctx.audit.detail = `${r.pages.length} 页，SHA-256 ${r.sha256.slice(0, 16)}…${r.ocr ? '，含文字识别' : ''}`;
      return { jobId, ...r };
    },
  },
};
