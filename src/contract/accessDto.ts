/**
 * Borrowing and reading archived dossiers (DB3206/T 1060 §4.10.2, §4.10.3; DOMAIN.md "Access"):
 * a reader asks at a designated terminal, the archive department approves or rejects (never the
 * asker), the grant has a time window and print/export flags, is revocable and renewable, and the
 * reader accepts the confidentiality pledge before the first view. Reading happens in a reading
 * session whose every page is checked against the policy and watermarked.
 */
import type { AccessAction } from './accessSchemas';
import type { Role } from './roles';

export type AccessRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** Where an approved request's grant stands at the moment of asking. */
export type GrantState = 'not-started' | 'active' | 'expired' | 'revoked';

export interface AccessRequestDto {
  id: string;
  caseId: string;
  caseNumber: string;
  cause: string;
  /** 档号 of the archived dossier, when it has one. */
  archivalCode: string | null;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  /** The designated terminal the request was made at (§4.10.2). */
  terminalId: string;
  purpose: string;
  days: number;
  wantPrint: boolean;
  wantExport: boolean;
  /** The request this one asks to renew, if any. */
  renews: string | null;
  status: AccessRequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The archive department's reason for a rejection, or its note on an approval. */
  decisionNote: string;
  /** Present once approved. */
  grant: GrantDto | null;
}

export interface GrantDto {
  startsAt: string;
  endsAt: string;
  print: boolean;
  export: boolean;
  state: GrantState;
  /** Past its end and not revoked: listed for the archive department as overdue (逾期). */
  overdue: boolean;
  renewals: number;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string;
  /** The confidentiality pledge (§4.10.3), accepted before the first view; kept with the grant. */
  pledge: { acceptedAt: string; terminalId: string; version: string } | null;
}

/** The pledge's wording; its version is kept with each acceptance so a later change cannot rewrite what was accepted. */
export const PLEDGE_VERSION = '2024-1';
export const PLEDGE_TEXT = [
  '本人承诺：',
  '一、仅为申请中所述用途查阅本卷宗，不超出批准的期限和范围；',
  '二、对查阅中知悉的国家秘密、工作秘密、商业秘密和个人信息严格保密，不向无关人员透露；',
  '三、不以拍照、摄像、抄录、截屏等方式复制卷宗内容，经批准的打印、导出件妥善保管、用后按规定交回或销毁；',
  '四、不擅自涂改、抽换、损毁卷宗材料；',
  '五、查阅过程全程记录，违反上述承诺愿承担相应责任。',
  '（DB3206/T 1060—2023 §4.10.3）',
].join('\n');

/** access.explain: the policy's answer for one person, action, case and terminal, with the facts it used. */
export interface AccessExplainDto {
  allow: boolean;
  reason: string;
  /** Why it was refused, as the policy's code (role, state, terminal, grant, expired, revoked, flag, self). */
  code: string | null;
  facts: {
    username: string;
    roles: Role[];
    department: string;
    caseNumber: string;
    caseState: string;
    caseDepartment: string;
    /** Whether the person is one of the people of the case (a linked handler or the one who registered it). */
    personOfCase: boolean;
    terminalId: string;
    designatedTerminal: boolean;
    grant: 'none' | 'valid' | 'expired' | 'revoked';
  };
}

/** Unit access settings (§4.10.1): who besides the handlers may read a case before it is archived. */
export interface AccessSettingsDto {
  preArchiveReaders: Role[];
  /** Minutes without activity after which a reading session ends (the reader must sign in again). */
  readingIdleMinutes: number;
}

/** A reading session over an archived (or readable) dossier's compiled volumes. */
export interface ReadingSessionDto {
  readingId: string;
  caseId: string;
  caseNumber: string;
  cause: string;
  archivalCode: string | null;
  volumes: { volume: string; edition: number; pageCount: number }[];
  /** What the watermark says: reader, terminal and time (the time is refreshed per page). */
  watermark: { reader: string; terminalId: string };
  /** null when the reader reads as the archive department (no grant needed to view). */
  grant: { requestId: string; endsAt: string; print: boolean; export: boolean } | null;
  /** Text may be selected and copied only when export is granted (issue 5 item 5). */
  copyAllowed: boolean;
  printAllowed: boolean;
  exportAllowed: boolean;
}

/** One page, rendered by the core with the watermark burned into its pixels. */
export interface ReadingPageDto {
  volume: string;
  /** 1-based page of the volume file. */
  page: number;
  pageCount: number;
  /** `data:image/jpeg;base64,…` */
  image: string;
  widthPx: number;
  heightPx: number;
  watermark: string;
  /** Present only when export is granted: the page's text for copying. */
  text: string | null;
}

export interface ReadingExportDto {
  /** A stored file the reader may open (it is theirs and watermarked). */
  fileId: string;
  name: string;
  pageCount: number;
  sha256: string;
}

/** The policy's actions in the words people read (the policy's reasons, the explain screen, the CLI). */
export const ACCESS_ACTION_LABELS: Record<AccessAction, string> = {
  view: '查阅',
  print: '打印',
  export: '导出',
  edit: '修改',
  compile: '组卷',
  archive: '接收归档',
  approve: '审批借阅',
  administer: '系统管理',
};

/** Why the policy refused, by its code (src/core/access/policy.ts DenyCode). */
export const DENY_CODE_LABELS: Record<string, string> = {
  role: '角色不允许',
  state: '案件状态不允许',
  terminal: '非指定查阅终端',
  grant: '没有借阅授权',
  expired: '借阅授权已到期',
  revoked: '借阅授权已撤销',
  flag: '借阅授权不含此项',
  self: '不能审批本人的申请',
};

export const GRANT_FACT_LABELS: Record<AccessExplainDto['facts']['grant'], string> = {
  none: '无',
  valid: '有效',
  expired: '已到期',
  revoked: '已撤销',
};
