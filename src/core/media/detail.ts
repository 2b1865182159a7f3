import type { MediumDetailDto, MediumEventDto, MediumStatus } from '../../contract';
import type { Context } from '../context';
import { toRequestDto, type RequestRow } from './requests/store';
import { certificatesOf } from './sanitize/certificateStore';
import { getMediumByTag, toMediumDto } from './store';

/** The register's entry with its full history (§6.1.3 a), its requests and its certificates of sanitization. */
export function mediumDetail(ctx: Context, tag: string): MediumDetailDto {
  const row = getMediumByTag(ctx.db, tag);
  const events = ctx.db.prepare('SELECT at, actor, action, detail, from_status, to_status FROM media_events WHERE medium_id = ? ORDER BY id').all(row.id) as {
    at: string;
    actor: string;
    action: string;
    detail: string;
    from_status: MediumStatus | null;
    to_status: MediumStatus | null;
  }[];
  const history: MediumEventDto[] = events.map((e) => ({ at: e.at, actor: e.actor, action: e.action, detail: e.detail, fromStatus: e.from_status, toStatus: e.to_status }));
  const requests = (ctx.db.prepare('SELECT * FROM media_requests WHERE medium_id = ? ORDER BY id DESC').all(row.id) as RequestRow[]).map((r) => toRequestDto(ctx.db, r, ctx.user));
  return { ...toMediumDto(ctx.db, row, ctx.nowIso), history, requests, certificates: certificatesOf(ctx.db, row.id) };
}
