/**
 * Storage media (DB3206/T 1060 §6.1.3; DOMAIN.md "Storage media"): the register, checkout through an
 * approval chain filed with the information centre, the signed identity record on each medium, and
 * sanitization with a certificate per NIST SP 800-88 Appendix G.
 */
import type { FileRef } from './dto';
import type { Classification, LabelSize, MediumKind, MediumStatus, WipeDestination } from './mediaSchemas';
import type { Role } from './roles';

export const MEDIUM_KIND_LABELS: Record<MediumKind, string> = {
  'usb-flash': 'U盘',
  hdd: '机械硬盘',
  ssd: '固态硬盘',
  'memory-card': '存储卡（含执法记录仪存储卡）',
  optical: '光盘',
  other: '其他',
};

export const MEDIUM_STATUS_LABELS: Record<MediumStatus, string> = {
  'in-stock': '在库',
  requested: '申领中',
  'checked-out': '已领用',
  'awaiting-wipe': '待清除',
  wiped: '已清除',
  'awaiting-destruction': '待销毁',
  destroyed: '已销毁',
  lost: '遗失',
};

export const LABEL_SIZE_LABELS: Record<LabelSize, string> = {
  '50x30': '50 × 30 mm 标签',
  '60x40': '60 × 40 mm 标签',
  '70x50': '70 × 50 mm 标签',
  'a4-24': 'A4 不干胶 24 格（70 × 37 mm）',
};

export const WIPE_DESTINATION_LABELS: Record<WipeDestination, string> = {
  reuse: '清除后再使用',
  retire: '清除后报废',
  'third-party': '清除后交第三方',
  destruction: '交付销毁',
};

/** 秘密, 机密, 绝密: state-secret levels, for which software wiping is never sufficient (§6.1.3 d, f). */
export function isStateSecret(level: Classification): boolean {
  return level === '秘密' || level === '机密' || level === '绝密';
}

export interface MediumDto {
  id: string;
  tag: string;
  kind: MediumKind;
  classification: Classification;
  brand: string;
  model: string;
  serial: string;
  capacityBytes: number | null;
  department: string;
  /** Username of the person it is checked out to, or null while in stock. */
  holder: string | null;
  holderName: string | null;
  status: MediumStatus;
  registeredAt: string;
  registeredBy: string;
  note: string;
  /** When the signed identity record was last written onto the medium (§6.1.3 e), or null. */
  identityWrittenAt: string | null;
  /** The medium holds data the app wrote encrypted with its own key, so cryptographic erase applies. */
  hasContentKey: boolean;
  /** A checkout due back before now. */
  isOverdue: boolean;
  dueAt: string | null;
}

export interface MediumEventDto {
  at: string;
  actor: string;
  /** What happened, in Chinese (登记, 领用申请, 审批, 备案, 交付, 归还, 清除, 证书 …). */
  action: string;
  detail: string;
  fromStatus: MediumStatus | null;
  toStatus: MediumStatus | null;
}

export interface MediumDetailDto extends MediumDto {
  history: MediumEventDto[];
  requests: MediaRequestDto[];
  certificates: SanitizationCertificateDto[];
}

export type MediaRequestKind = 'checkout' | 'wipe';
/** pending: a step is waiting; approved: every step taken; completed: handed over / wiped. */
export type MediaRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'completed';

export interface ChainStepDto {
  role: Role;
  label: string;
}

export interface MediaRequestStepDto extends ChainStepDto {
  /** Who took the step, when, and their note; null while waiting. */
  by: string | null;
  byName: string | null;
  at: string | null;
  note: string;
}

export interface MediaRequestDto {
  id: string;
  kind: MediaRequestKind;
  tag: string;
  mediumKind: MediumKind;
  classification: Classification;
  requestedBy: string;
  requestedByName: string;
  requestedByDepartment: string;
  requestedAt: string;
  /** The checkout's purpose or the wipe's reason. */
  purpose: string;
  days: number | null;
  destination: WipeDestination | null;
  status: MediaRequestStatus;
  steps: MediaRequestStepDto[];
  /** Index into `steps` of the step waiting, or null. */
  nextStep: number | null;
  /** Whether the caller may take the waiting step (right role, not the asker). */
  canAct: boolean;
  rejectedBy: string | null;
  rejectReason: string;
  /** The signed PDF of the filed checkout (备案), once the last step is taken. */
  filedRecord: FileRef | null;
}

export type WipeMethod = 'overwrite-1' | 'overwrite-pattern-complement' | 'file-level' | 'crypto-erase' | 'drive-sanitize' | 'destruction';

export const WIPE_METHOD_LABELS: Record<WipeMethod, string> = {
  'overwrite-1': '全盘覆写一遍并校验（NIST SP 800-88 清除）',
  'overwrite-pattern-complement': '全盘两遍覆写（图案及其反码）并回读校验',
  'file-level': '文件级覆写删除',
  'crypto-erase': '密码擦除（销毁介质密钥）',
  'drive-sanitize': '驱动器自带安全擦除',
  destruction: '交有资质机构物理销毁',
};

/** What sanitizing this medium means for its kind and 密级, before anything is done. */
export interface WipePlanDto {
  tag: string;
  kind: MediumKind;
  classification: Classification;
  /** The method the wizard proposes; `destruction` when software is not sufficient. */
  method: WipeMethod;
  methodLabel: string;
  /** Each pass in words (e.g. "第 1 遍：0x55 图案", "第 2 遍：0xAA 反码"). */
  passes: string[];
  verification: string;
  /** False for 涉密 media and optical discs: the app records the hand-off instead. */
  isSoftwareSufficient: boolean;
  /** Why this method, in Chinese, citing NIST SP 800-88. */
  explanation: string;
  /** What the method cannot guarantee, said plainly (SSD over-provisioning, journaling …). */
  limits: string[];
  /** Other methods that apply (file-level, crypto erase when the app wrote encrypted). */
  alternatives: WipeMethod[];
  /** The approved wipe request it would run under, or null (then it is refused). */
  approvedRequestId: string | null;
  /** An interrupted run that `media.wipe` would resume, with how far it got. */
  resumable: { wipeId: string; bytesDone: number; bytesTotal: number; pass: number } | null;
}

export interface WipeResultDto {
  wipeId: string;
  tag: string;
  method: WipeMethod;
  bytes: number;
  passes: number;
  verification: 'full' | 'sample' | 'none';
  isVerified: boolean;
  verificationDetail: string;
  /** Bytes already done by an interrupted run this one continued, or null. */
  resumedFromBytes: number | null;
  /** For file-level wiping: each file and what was done. */
  files?: { path: string; bytes: number }[];
  certificate: SanitizationCertificateDto;
}

/** NIST SP 800-88 Rev. 1 Appendix G "Sample Certificate of Sanitization", kept as signed PDF/A and JSON. */
export interface SanitizationCertificateDto {
  id: string;
  /** e.g. `QC-2026-0007`, unique. */
  number: string;
  tag: string;
  mediumKind: MediumKind;
  classification: Classification;
  manufacturer: string;
  model: string;
  serial: string;
  method: WipeMethod;
  methodLabel: string;
  /** 清除 / 清除（purge）/ 销毁, the NIST category. */
  category: 'clear' | 'purge' | 'destroy';
  tool: string;
  toolVersion: string;
  verification: string;
  performedBy: string;
  performedByName: string;
  witness: string;
  witnessName: string;
  performedAt: string;
  destination: WipeDestination;
  /** For destruction: the certified body and its own certificate. */
  destructionBody: string | null;
  pdf: FileRef;
  json: FileRef;
  /** The hand-off evidence, for destruction. */
  attachment: FileRef | null;
}

export type MediumCheckVerdict = 'ok' | 'unregistered' | 'mismatch' | 'forged' | 'not-checked-out' | 'not-usable';

export interface MediumCheckDto {
  device: string;
  verdict: MediumCheckVerdict;
  /** The tag the medium claims (or the register's, when they agree). */
  tag: string | null;
  /** Chinese: what is wrong and what to do. */
  message: string;
}

export interface MediaWriteResultDto {
  tag: string;
  files: { name: string; bytes: number }[];
  /** Encrypted with the medium's key, so cryptographic erase destroys them. */
  isEncrypted: boolean;
}

export interface MediaSettingsDto {
  assetTagPattern: string;
  assetTagExample: string;
  checkoutChain: ChainStepDto[];
  wipeChain: ChainStepDto[];
}
