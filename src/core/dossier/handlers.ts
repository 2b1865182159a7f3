import { requireCaseAccess } from '../access/caseAccess';
import type { Context, Handlers } from '../context';
import { CoreError } from '../errors';
import { archiveDossier } from './archive';
import { compileDossier } from './compile';
import { DEFAULT_RULES, saveUnitRules, unitRules } from './rules';
import { importSampleCase } from './sample';
import { appendRecordToArchived } from './supplement';
import { dossierFindings, dossierState, toDossierDto } from './assemble';
import { filingNumberHolder, saveBinding, updateDossierRow, type StoredBinding } from './store';

type DossierMethods = 'dossiers.get' | 'dossiers.update' | 'dossiers.arrange' | 'dossiers.check' | 'dossiers.compile' | 'dossiers.archive' | 'rules.get' | 'rules.defaults' | 'rules.update' | 'cases.importSample' | 'dossiers.appendRecord';

/** Nothing in an archived dossier changes (DB3206/T 1060 §6.2.2 d; DOMAIN.md); corrections are appended records. */
/** Covers and binding are prepared by the people of the case ('edit'); compiling and archiving have their own rules. */
function openDossier(ctx: Context, caseId: string, action: 'edit' | 'compile' | 'archive' = 'edit') {
  const s = dossierState(ctx.db, caseId);
  ctx.audit.target = `case:${s.caseRow.case_number}/dossier`;
  if (!s.row.archived_at) requireCaseAccess(ctx, s.caseRow.id, action);
  if (s.row.archived_at) throw new CoreError('read-only', `案件“${s.caseRow.case_number}”的卷宗已归档，不能再修改。更正须作为新文书追加并在备考表中说明。`);
  return s;
}

/** The dossier's contents are the case's records: reading them is a view under the one policy (§4.10). */
function readableDossier(ctx: Context, caseId: string) {
  const s = dossierState(ctx.db, caseId);
  ctx.audit.target = `case:${s.caseRow.case_number}/dossier`;
  requireCaseAccess(ctx, s.caseRow.id, 'view');
  return s;
}

/** A change to what a volume would contain makes its compiled PDF out of date: it must be compiled again. */
function supersedeCompiled(ctx: Context, caseId: number): void {
  ctx.db.prepare('UPDATE dossier_volumes SET is_current = 0 WHERE case_id = ? AND is_current = 1').run(caseId);
}

export const dossierHandlers: Pick<Handlers, DossierMethods> = {
  'dossiers.get': {
    kind: 'read',
    access: 'cases.read',
    run: (ctx, req) => toDossierDto(ctx.db, readableDossier(ctx, req.caseId), ctx.now),
  },

  'dossiers.update': {
    kind: 'change',
    access: 'dossiers.compile',
    run: (ctx, req) => {
      const s = openDossier(ctx, req.caseId);
      if (req.filingNumber) {
        const holder = filingNumberHolder(ctx.db, req.filingNumber, s.caseRow.id);
        if (holder) throw new CoreError('conflict', `归档号 ${req.filingNumber} 已被案件“${holder}”使用，请换一个（可用建议的下一个归档号）。`, 'filingNumber');
      }
      const { caseId: _caseId, ...patch } = req;
      updateDossierRow(ctx.db, s.caseRow.id, patch);
      supersedeCompiled(ctx, s.caseRow.id);
      ctx.audit.detail = Object.keys(patch).join('、');
      return toDossierDto(ctx.db, dossierState(ctx.db, req.caseId), ctx.now);
    },
  },

  /**
   * The archivist's binding: every record of the case exactly once, in 正卷, 副卷 or left out with a
   * reason (the remarks sheet states it). Records the dossier produces itself are not listed.
   */
  'dossiers.arrange': {
    kind: 'change',
    access: 'dossiers.compile',
    run: (ctx, req) => {
      const s = openDossier(ctx, req.caseId);
      const titles = new Map(
        (ctx.db.prepare('SELECT id, title, type_number FROM records WHERE case_id = ? AND removed_at IS NULL').all(s.caseRow.id) as { id: number; title: string; type_number: number }[])
          .filter((r) => !s.rules.bindingTemplate.generatedTypes.includes(r.type_number))
          .map((r) => [String(r.id), r.title]),
      );
      const listed = [...req.volumes['正卷'], ...req.volumes['副卷'], ...req.excluded.map((e) => e.recordId)];
      const unknown = listed.find((id) => !titles.has(id));
      if (unknown) throw new CoreError('bad-request', `文书 ${unknown} 不属于本案件或已删除，请刷新后重试。`, 'volumes');
      const twice = listed.find((id, i) => listed.indexOf(id) !== i);
      if (twice) throw new CoreError('bad-request', `《${titles.get(twice)}》在卷内出现了不止一次，每份文书只能放在一处。`, 'volumes');
      const missing = [...titles.keys()].filter((id) => !listed.includes(id));
      if (missing.length) throw new CoreError('bad-request', `以下文书没有安排：${missing.map((id) => `《${titles.get(id)}》`).join('、')}。请放入正卷或副卷，或写明不入卷的原因。`, 'volumes');
      const badDuplex = req.duplex.find((id) => !titles.has(id));
      if (badDuplex) throw new CoreError('bad-request', `文书 ${badDuplex} 不属于本案件。`, 'duplex');
      const binding: StoredBinding = {
        order: { 正卷: req.volumes['正卷'], 副卷: req.volumes['副卷'] },
        volumeOf: Object.fromEntries([...req.volumes['正卷'].map((id) => [id, '正卷']), ...req.volumes['副卷'].map((id) => [id, '副卷'])]),
        excluded: Object.fromEntries(req.excluded.map((e) => [e.recordId, e.reason])),
        duplex: req.duplex,
      };
      saveBinding(ctx.db, s.caseRow.id, binding);
      supersedeCompiled(ctx, s.caseRow.id);
      ctx.audit.detail = `正卷 ${req.volumes['正卷'].length} 件，副卷 ${req.volumes['副卷'].length} 件，不入卷 ${req.excluded.length} 件`;
      return toDossierDto(ctx.db, dossierState(ctx.db, req.caseId), ctx.now);
    },
  },

  'dossiers.check': {
    kind: 'read',
    access: 'cases.read',
    run: (ctx, req) => dossierFindings(ctx.db, readableDossier(ctx, req.caseId), req.stage),
  },

  'dossiers.compile': {
    kind: 'change',
    access: 'dossiers.compile',
    runAsync: async (ctx, req) => compileDossier(ctx, openDossier(ctx, req.caseId, 'compile')),
  },

  'dossiers.archive': {
    kind: 'change',
    access: 'dossiers.archive',
    reauth: true,
    runAsync: async (ctx, req) => archiveDossier(ctx, openDossier(ctx, req.caseId, 'archive'), req.classCode),
  },

  'rules.get': {
    kind: 'read',
    access: 'signed-in',
    run: (ctx) => unitRules(ctx.db),
  },

  /** What the rules are before a unit changes them, so that 恢复默认 can show them before saving. */
  'rules.defaults': {
    kind: 'read',
    access: 'signed-in',
    run: () => structuredClone(DEFAULT_RULES),
  },

  /** The archive department keeps the unit's binding rules; a change applies to dossiers not yet archived. */
  'rules.update': {
    kind: 'change',
    access: 'dossiers.archive',
    run: (ctx, req) => {
      ctx.audit.target = 'unit-rules';
      ctx.audit.detail = Object.keys(req).join('、');
      saveUnitRules(ctx.db, req, ctx.user!.username, ctx.nowIso);
      return unitRules(ctx.db);
    },
  },

  'cases.importSample': {
    kind: 'change',
    access: 'cases.import',
    runAsync: (ctx) => importSampleCase(ctx),
  },

  'dossiers.appendRecord': {
    kind: 'change',
    access: 'dossiers.archive',
    runAsync: (ctx, req) => appendRecordToArchived(ctx, req),
  },
};
