import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { isStateSecret, MEDIUM_KIND_LABELS, ROLE_LABELS } from '../../../contract';
import type { Context } from '../../context';
import { asJob } from '../../jobs/asJob';
import { removeReadOnlyFile, writeSignedPdf } from '../../scan/convert';
import { unitSigner } from '../../signing/unitSigner';
import type { MediumRow } from '../store';
import { displayNameOf } from '../store';
import { drawCheckoutFiling, type CheckoutFilingData } from './filingForm';
import { departmentOf, stepsOf, type RequestRow, type StepRow } from './store';

export interface FiledRecord {
  /** The signed PDF, under a temporary name in the store's own tmp folder. */
  tmpPath: string;
  name: string;
  /** Removes the temporary file, stored or not. */
  dispose(): void;
}

/**
 * The filing of a fully approved checkout with the information centre (DB3206/T 1060 §6.1.3 c 备案):
 * 存储介质领用备案表 as a certified, read-only PDF/A signed with the unit certificate, like the dossier's
 * acceptance report, naming the asker, the medium, purpose and days, and every step with who and when
 * — the last one being the step taken now.
 */
export async function fileCheckout(ctx: Context, t: { row: RequestRow; medium: MediumRow; step: StepRow }, note: string): Promise<FiledRecord> {
  const { identity, signer, unit } = unitSigner(ctx, '生成领用备案表');
  const data = filingData(ctx, t, note, unit.compilingUnit);
  const tmpPath = path.join(ctx.vault.root, 'tmp', `${randomUUID()}.pdf`);
  const title = `${t.medium.tag} 存储介质领用备案表（申请 ${t.row.id}）`;
  try {
    await asJob(ctx, 'media', `领用备案：${t.medium.tag}`, (control) =>
      writeSignedPdf({
        pages: [],
        outPath: tmpPath,
        metadata: { title, caseNumber: '', recordType: '存储介质领用备案表', author: unit.compilingUnit, subject: `存储介质 ${t.medium.tag}` },
        signer,
        signerName: identity.subject,
        location: unit.compilingUnit,
        control,
        now: () => new Date(),
        afterPages: (doc) => drawCheckoutFiling(doc, data),
      }),
    );
  } catch (error) {
    removeReadOnlyFile(tmpPath);
    throw error;
  }
  return {
    tmpPath,
    name: `${t.medium.tag}-领用备案表-${t.row.id}.pdf`,
    dispose: () => removeReadOnlyFile(tmpPath),
  };
}

function filingData(ctx: Context, t: { row: RequestRow; medium: MediumRow; step: StepRow }, note: string, compilingUnit: string): CheckoutFilingData {
  const { row, medium } = t;
  const steps = stepsOf(ctx.db, row.id).map((s) => (s.step === t.step.step ? { ...s, done_by: ctx.user!.username, done_at: ctx.nowIso, note } : s));
  return {
    compilingUnit,
    requestId: String(row.id),
    tag: medium.tag,
    mediumKind: MEDIUM_KIND_LABELS[medium.kind],
    classification: medium.classification,
    isClassified: isStateSecret(medium.classification),
    brandModel: [medium.brand, medium.model].filter(Boolean).join(' '),
    serial: medium.serial,
    capacity: medium.capacity_bytes === null ? '' : `${medium.capacity_bytes} 字节`,
    mediumDepartment: medium.department,
    asker: `${displayNameOf(ctx.db, row.requested_by) ?? row.requested_by}（${row.requested_by}）`,
    askerDepartment: departmentOf(ctx.db, row.requested_by),
    requestedAt: row.requested_at,
    purpose: row.purpose,
    days: row.days ?? 0,
    steps: steps.map((s) => ({ label: s.label, role: ROLE_LABELS[s.role], by: s.done_by ? `${displayNameOf(ctx.db, s.done_by)}（${s.done_by}）` : '', at: s.done_at ?? '', note: s.note })),
    filedAt: ctx.nowIso,
  };
}
