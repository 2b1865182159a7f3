import type { WipeMethod, WipePlanDto } from '../../../contract';
import type { Db } from '../../store/db';

export interface WipeRunRow {
  id: number;
  medium_id: number;
  request_id: number | null;
  method: WipeMethod;
  device: string;
  bytes_total: number;
  passes: number;
  /** The pass under way (0-based); equal to `passes` once every pass is written (then verifying). */
  pass: number;
  bytes_done: number;
  status: 'running' | 'verifying' | 'done' | 'failed' | 'cancelled';
  verification: 'full' | 'sample' | 'none';
  started_by: string;
  witness: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  result: string;
}

/** Runs a crash or a cancel left: `running` (the process died), `cancelled`, `verifying` (passes all written). */
const UNFINISHED = "status IN ('running', 'cancelled', 'verifying')";

export function unfinishedRun(db: Db, mediumId: number): WipeRunRow | undefined {
  return db.prepare(`SELECT * FROM wipe_runs WHERE medium_id = ? AND ${UNFINISHED} ORDER BY id DESC LIMIT 1`).get(mediumId) as WipeRunRow | undefined;
}

/** What the plan shows of an unfinished run: the pass it is in (1-based) and that pass's bytes done. */
export function resumableOf(run: WipeRunRow | undefined): WipePlanDto['resumable'] {
  if (!run) return null;
  return { wipeId: String(run.id), bytesDone: run.bytes_done, bytesTotal: run.bytes_total, pass: Math.min(run.pass + 1, run.passes) };
}

export function startRun(
  db: Db,
  r: { mediumId: number; requestId: number | null; method: WipeMethod; device: string; bytesTotal: number; passes: number; verification: WipeRunRow['verification']; startedBy: string; witness: string | null; at: string },
): number {
  return db.transaction(() => {
    // A new run supersedes whatever unfinished run of the medium there was (another device, another size).
    db.prepare(`UPDATE wipe_runs SET status = 'failed', updated_at = ?, result = json_set(result, '$.supersededBy', 'new run') WHERE medium_id = ? AND ${UNFINISHED}`).run(r.at, r.mediumId);
    return Number(
      db
        .prepare(
          `INSERT INTO wipe_runs (medium_id, request_id, method, device, bytes_total, passes, pass, bytes_done, status, verification, started_by, witness, started_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, 0, 'running', ?, ?, ?, ?, ?)`,
        )
        .run(r.mediumId, r.requestId, r.method, r.device, r.bytesTotal, r.passes, r.verification, r.startedBy, r.witness, r.at, r.at).lastInsertRowid,
    );
  })();
}

/** One small transaction per checkpoint: called only after the bytes it names were fsynced. */
export function checkpointRun(db: Db, id: number, pass: number, bytesDone: number, status: WipeRunRow['status'] = 'running'): void {
  db.prepare('UPDATE wipe_runs SET pass = ?, bytes_done = ?, status = ?, updated_at = ? WHERE id = ?').run(pass, bytesDone, status, new Date().toISOString(), id);
}

export function setRunStatus(db: Db, id: number, status: WipeRunRow['status'], result?: object): void {
  const at = new Date().toISOString();
  const finished = status === 'done' || status === 'failed' ? at : null;
  db.prepare('UPDATE wipe_runs SET status = ?, updated_at = ?, finished_at = COALESCE(?, finished_at), result = COALESCE(?, result) WHERE id = ?').run(
    status,
    at,
    finished,
    result ? JSON.stringify(result) : null,
    id,
  );
}

export function getRun(db: Db, id: number): WipeRunRow {
  return db.prepare('SELECT * FROM wipe_runs WHERE id = ?').get(id) as WipeRunRow;
}

/** A drive sanitize's own state (before-hashes, the command, when it was sent), saved before each next step. */
export function saveRunState(db: Db, id: number, state: object): void {
  db.prepare('UPDATE wipe_runs SET result = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(state), new Date().toISOString(), id);
}
