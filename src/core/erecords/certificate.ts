import type { PdfSigner } from '../pdf/sign/signer';
import { signDetached, verifyDetached, type DetachedVerification } from '../signing/detachedCms';
import { chinaDate } from './retention';

export const DISPOSAL_CERTIFICATE_FORMAT = 'erecord-disposal-certificate/1' as const;

/** One destroyed record as the certificate lists it: what it was, why it could go, and its bytes' digests. */
export interface CertifiedRecord {
  id: string;
  name: string;
  kind: string;
  feature: string;
  retention: string;
  endedAt: string;
  disposalDueOn: string;
  files: { name: string; size: number; sha256: string }[];
}

/**
 * The disposal certificate's fields (DB3206/T 1060 §6.1.2 Table 2 存储期限; the request, the approval
 * and what was destroyed), kept as signed JSON beside the signed PDF/A that prints them.
 */
export interface DisposalCertificate {
  format: typeof DISPOSAL_CERTIFICATE_FORMAT;
  number: string;
  unit: string;
  disposalId: string;
  reason: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  approvedBy: string;
  approvedByName: string;
  approvedAt: string;
  approvalNote: string;
  method: string;
  records: CertifiedRecord[];
}

export interface SignedDisposalCertificate extends DisposalCertificate {
  signer: { subject: string; fingerprint: string };
  /** Detached CMS (base64) over `certificatePayload` of the fields above. */
  signature: string;
}

/**
 * What is destroyed and what is not, said plainly: the workstation's own copy is deleted, which on
 * flash and journaling file systems does not make the bytes unrecoverable (NIST SP 800-88 Rev. 1
 * §2.5: clearing a file is not sanitizing the medium).
 */
export const DISPOSAL_METHOD =
  '从本工作站的文件存储区删除记录文件（其他登记未引用的）；登记信息（名称、日期、SHA-256）保留备查。文件级删除不能保证闪存或日志式文件系统上的数据不可恢复（NIST SP 800-88 Rev. 1）；存放过这些记录的存储介质在弃用、复用前须按存储介质清除流程办理（DB3206/T 1060 6.1.3 d）。';

/** Certificate numbers follow the disposal request's own number, so two approvals never share one. */
export function certificateNumber(disposalId: number, approvedAt: Date): string {
  return `DZJL-XH-${chinaDate(approvedAt).slice(0, 4)}-${String(disposalId).padStart(4, '0')}`;
}

/**
 * The bytes the signature covers: the fields as JSON with every object's keys in sorted order, so
 * that the file's formatting does not matter but any changed value does (like the audit checkpoint).
 */
export function certificatePayload(c: DisposalCertificate): Buffer {
  const { signer: _signer, signature: _signature, ...fields } = c as Partial<SignedDisposalCertificate> & DisposalCertificate;
  return Buffer.from(JSON.stringify(sortKeys(fields)), 'utf8');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  return value;
}

export async function signCertificate(c: DisposalCertificate, signer: PdfSigner, identity: { subject: string; fingerprint: string }): Promise<SignedDisposalCertificate> {
  const signature = await signDetached(certificatePayload(c), signer);
  return { ...c, signer: { subject: identity.subject, fingerprint: identity.fingerprint }, signature: signature.toString('base64') };
}

/** Whether a certificate's JSON is as the unit signed it. */
export function verifyCertificateJson(json: string | Buffer, trustedDer: readonly Buffer[]): DetachedVerification {
  let parsed: SignedDisposalCertificate;
  try {
    parsed = JSON.parse(String(json)) as SignedDisposalCertificate;
  } catch {
    return { isValid: false, signer: null, reasons: ['不是有效的 JSON。'] };
  }
  if (parsed.format !== DISPOSAL_CERTIFICATE_FORMAT || typeof parsed.signature !== 'string') {
    return { isValid: false, signer: null, reasons: ['不是电子记录销毁证明，或没有签名。'] };
  }
  return verifyDetached(certificatePayload(parsed), Buffer.from(parsed.signature, 'base64'), trustedDer);
}
