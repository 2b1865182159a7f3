import type { Handlers } from '../context';
import { CoreError } from '../errors';
import { exportCertificate, verifyCertifiedPdf } from '../pdf/sign';
import { signingStatus } from './status';
import { pdfToVerify } from './verifyTarget';
import { currentStoredIdentity, unitTrustAnchors } from './store';

type SigningMethods = 'signing.status' | 'signing.exportCertificate' | 'pdf.verify';

export const signingHandlers: Pick<Handlers, SigningMethods> = {
  'signing.status': {
    kind: 'read',
    access: 'signed-in',
    run: (ctx) => signingStatus(ctx),
  },

  /** The certificate is public; exporting it lets the information centre and others trust our files. */
  'signing.exportCertificate': {
    kind: 'view',
    access: 'signed-in',
    run: (ctx) => {
      const current = currentStoredIdentity(ctx.db);
      if (!current) throw new CoreError('not-found', '本单位还没有签章证书。请在初始设置时创建，或由系统管理员导入证书。');
      ctx.audit.target = `certificate:${current.fingerprint.slice(0, 16)}`;
      return { pem: exportCertificate(current, 'pem').toString('utf8'), fingerprint: current.fingerprint, subject: current.subject };
    },
  },

  /**
   * Checks any certified PDF against every certificate the unit has ever signed with
   * (DB3206/T 1060 §6.2.2 d: a signed record must not change). Logged, since it reads a file.
   */
  'pdf.verify': {
    kind: 'view',
    access: 'signed-in',
    runAsync: async (ctx, req) => {
      const r = await verifyCertifiedPdf(pdfToVerify(ctx, req), unitTrustAnchors(ctx.db));
      ctx.audit.detail = r.isValid ? `有效，签章人 ${r.signer?.subject ?? ''}` : `${r.status === 'unreadable' ? '无法读取' : '无效'}：${r.reasons.join('；')}`;
      return {
        status: r.status,
        isValid: r.isValid,
        reasons: r.reasons,
        signer: r.signer ? { subject: r.signer.subject, fingerprint: r.signer.fingerprint } : null,
        isSignerTrusted: r.isSignerTrusted,
        signedAt: r.signedAt,
        coversWholeFile: r.coversWholeFile,
        hasDocMdpP1: r.hasDocMdpP1,
        bytes: r.bytes,
        fileSha256: r.fileSha256,
      };
    },
  },
};
