import type { Checkpoint } from '../../contract';
import type { PdfSigner } from '../pdf/sign/signer';
import { signDetached, verifyDetached } from '../signing/detachedCms';
import type { Db } from '../store/db';
import { GENESIS_HASH } from './chain';

export const CHECKPOINT_FORMAT = 'dossier-audit-checkpoint/2' as const;

type CheckpointFields = Pick<Checkpoint, 'format' | 'fondsNumber' | 'terminalId' | 'count' | 'headHash' | 'at'>;

/**
 * The bytes the signature covers: the fields in a fixed order as a JSON array, so that the file's
 * own JSON formatting (indentation, key order after an edit by hand) does not matter, but any
 * changed value does.
 */
export function checkpointPayload(cp: CheckpointFields): Buffer {
  return Buffer.from(JSON.stringify([cp.format, cp.fondsNumber, cp.terminalId, cp.count, cp.headHash, cp.at]), 'utf8');
}

/** Pins the log's head now and signs it with the unit's certificate (DB3206/T 1060 §4.10). */
export async function makeCheckpoint(db: Db, fondsNumber: string, terminalId: string, at: string, signer: { signer: PdfSigner; subject: string; fingerprint: string }): Promise<Checkpoint> {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const fields = { format: CHECKPOINT_FORMAT, fondsNumber, terminalId, count: head?.seq ?? 0, headHash: head?.hash ?? GENESIS_HASH, at };
  const signature = await signDetached(checkpointPayload(fields), signer.signer);
  return { ...fields, signer: { subject: signer.subject, fingerprint: signer.fingerprint }, signature: signature.toString('base64') };
}

/** Whether the checkpoint was signed by one of the unit's certificates and is unchanged since. */
export function checkpointSignature(cp: Checkpoint, trustedDer: readonly Buffer[]): { isValid: boolean; signer: string | null; reason: string } {
  if (cp.format === 'dossier-audit-checkpoint/1') {
    return { isValid: false, signer: null, reason: '检查点未签名（旧格式），无法证明来自本单位且未被改动。请重新导出检查点。' };
  }
  const result = verifyDetached(checkpointPayload(cp), Buffer.from(cp.signature, 'base64'), trustedDer);
  return {
    isValid: result.isValid,
    signer: result.signer?.subject ?? null,
    reason: result.isValid ? `签名有效，签名者：${result.signer!.subject}` : `检查点的签名无效：${result.reasons.join('；')}`,
  };
}
