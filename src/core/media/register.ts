import type { MediumDto, MediumStatus, ParsedRequestOf } from '../../contract';
import { MEDIUM_KIND_LABELS, MEDIUM_STATUS_LABELS } from '../../contract';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { recordMediumEvent } from './history';
import { placeIdentityRecord } from './identity';
import { maySetStatus } from './rules';
import { assertTagAllowed } from './settings';
import { findMediumByTag, getMediumById, getMediumByTag, toMediumDto, type MediumRow } from './store';

type RegisterRequest = ParsedRequestOf<'media.register'>;

/**
 * Registers a medium as an asset (DB3206/T 1060 §6.1.3 a). With `device`, the signed identity record
 * is written onto it first (§6.1.3 e) and the register row is inserted with its nonce in one
 * transaction afterwards: a failure leaves no row, and a medium written but not registered carries a
 * record nobody's register knows, which every check refuses.
 */
export async function registerMedium(ctx: Context, req: RegisterRequest): Promise<MediumDto> {
  ctx.audit.target = `medium:${req.tag}`;
  assertRegistrable(ctx, req.tag);
  const fields = { tag: req.tag, kind: req.kind, classification: req.classification, serial: req.serial, capacity_bytes: req.capacityBytes };
  const identity = req.device ? await placeIdentityRecord(ctx, fields, req.device) : null;
  const id = ctx.db.transaction(() => {
    assertRegistrable(ctx, req.tag);
    const inserted = ctx.db
      .prepare(
        `INSERT INTO media (tag, kind, classification, brand, model, serial, capacity_bytes, department, note, registered_at, registered_by, identity_nonce, identity_written_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(req.tag, req.kind, req.classification, req.brand, req.model, req.serial, req.capacityBytes, req.department, req.note, ctx.nowIso, ctx.user!.username, identity?.nonce ?? null, identity?.writtenAt ?? null);
    const mediumId = Number(inserted.lastInsertRowid);
    recordMediumEvent(ctx.db, mediumId, { at: ctx.nowIso, actor: ctx.user!.username, action: '登记', detail: describeRegistration(req) });
    if (identity) recordMediumEvent(ctx.db, mediumId, { at: identity.writtenAt, actor: ctx.user!.username, action: '写入身份记录', detail: `写入 ${req.device}` });
    return mediumId;
  })();
  ctx.audit.detail = `登记存储介质 ${req.tag}（${req.classification}）${identity ? `，身份记录已写入 ${req.device}` : ''}`;
  return toMediumDto(ctx.db, getMediumById(ctx.db, id), ctx.nowIso);
}

function assertRegistrable(ctx: Context, tag: string): void {
  assertTagAllowed(ctx.db, tag);
  if (findMediumByTag(ctx.db, tag)) throw new CoreError('conflict', `资产编号 ${tag} 已登记，不能重复登记。请核对标签或换一个编号。`, 'tag');
}

function describeRegistration(req: RegisterRequest): string {
  return [MEDIUM_KIND_LABELS[req.kind], req.classification, req.brand, req.model, req.serial && `序列号 ${req.serial}`, req.capacityBytes !== null && `${req.capacityBytes} 字节`, `所属部门 ${req.department}`]
    .filter(Boolean)
    .join('，');
}

const UPDATE_COLUMNS = { brand: 'brand', model: 'model', serial: 'serial', capacityBytes: 'capacity_bytes', department: 'department', note: 'note' } as const;

/**
 * Corrects the register's descriptive fields; the tag, kind and 密级 never change (a medium of
 * another class is another asset). Each changed field goes into the history with old and new value.
 */
export function updateMedium(ctx: Context, req: ParsedRequestOf<'media.update'>): MediumDto {
  const row = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${row.tag}`;
  const changes: string[] = [];
  for (const [field, column] of Object.entries(UPDATE_COLUMNS) as [keyof typeof UPDATE_COLUMNS, (typeof UPDATE_COLUMNS)[keyof typeof UPDATE_COLUMNS]][]) {
    const next = req[field];
    if (next === undefined || next === row[column]) continue;
    ctx.db.prepare(`UPDATE media SET ${column} = ? WHERE id = ?`).run(next, row.id);
    changes.push(`${FIELD_LABELS[field]}：${shown(row[column])} → ${shown(next)}`);
  }
  if (!changes.length) throw new CoreError('bad-request', `没有要修改的内容：${row.tag} 的登记信息与所填相同。`);
  recordMediumEvent(ctx.db, row.id, { at: ctx.nowIso, actor: ctx.user!.username, action: '修改登记信息', detail: changes.join('；') });
  ctx.audit.detail = changes.join('；');
  return toMediumDto(ctx.db, getMediumById(ctx.db, row.id), ctx.nowIso);
}

const shown = (v: string | number | null) => (v === null || v === '' ? '（空）' : String(v));

const FIELD_LABELS: Record<keyof typeof UPDATE_COLUMNS, string> = { brand: '品牌', model: '型号', serial: '硬件序列号', capacityBytes: '容量', department: '所属部门', note: '备注' };

/** Lost, found again, or set aside for destruction, each with its reason in the history. */
export function setMediumStatus(ctx: Context, req: ParsedRequestOf<'media.setStatus'>): MediumDto {
  const row = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${row.tag}`;
  if (!maySetStatus(row.status, req.status)) {
    throw new CoreError('conflict', `${row.tag} 当前为“${MEDIUM_STATUS_LABELS[row.status]}”，不能直接改为“${MEDIUM_STATUS_LABELS[req.status]}”。${hintFor(row.status)}`, 'status');
  }
  const open = ctx.db.prepare("SELECT id, kind FROM media_requests WHERE medium_id = ? AND status IN ('pending', 'approved')").all(row.id) as { id: number; kind: string }[];
  // A lost medium cannot be handed over or wiped: its open requests end with it.
  if (req.status === 'lost') {
    for (const r of open) ctx.db.prepare("UPDATE media_requests SET status = 'withdrawn', decided_at = ?, reject_reason = ? WHERE id = ?").run(ctx.nowIso, `介质遗失：${req.reason}`, r.id);
  }
  recordMediumEvent(ctx.db, row.id, { at: ctx.nowIso, actor: ctx.user!.username, action: ACTIONS[req.status], detail: req.reason, toStatus: req.status });
  ctx.audit.detail = `${MEDIUM_STATUS_LABELS[row.status]} → ${MEDIUM_STATUS_LABELS[req.status]}：${req.reason}`;
  return toMediumDto(ctx.db, getMediumById(ctx.db, row.id), ctx.nowIso);
}

const ACTIONS = { lost: '登记遗失', 'in-stock': '入库', 'awaiting-destruction': '待销毁' } as const;

function hintFor(status: MediumStatus): string {
  if (status === 'checked-out') return '已领用的介质须先归还（或登记遗失）。';
  if (status === 'requested') return '请先办结或撤回其领用申请。';
  if (status === 'destroyed') return '已销毁的介质不能再改变状态。';
  return '';
}

/** The register's list (§6.1.3 a), filtered, in tag order. */
export function listMedia(ctx: Context, req: ParsedRequestOf<'media.list'>): MediumDto[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (req.status) {
    where.push('status = ?');
    args.push(req.status);
  }
  if (req.kind) {
    where.push('kind = ?');
    args.push(req.kind);
  }
  if (req.classification) {
    where.push('classification = ?');
    args.push(req.classification);
  }
  if (req.department) {
    where.push('department = ?');
    args.push(req.department);
  }
  if (req.holder) {
    where.push('holder = ?');
    args.push(req.holder);
  }
  if (req.query) {
    where.push("(instr(upper(tag), upper(?)) > 0 OR instr(brand, ?) > 0 OR instr(model, ?) > 0 OR instr(serial, ?) > 0)");
    args.push(req.query, req.query, req.query, req.query);
  }
  const rows = ctx.db.prepare(`SELECT * FROM media ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY tag`).all(...args) as MediumRow[];
  return rows.map((r) => toMediumDto(ctx.db, r, ctx.nowIso));
}
