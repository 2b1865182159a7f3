import type { SigningIdentityRecord } from './identity';

/**
 * The unit's certificates over time (issue 3 item 1: rotating keeps old files verifiable). Pure
 * functions over plain data; the lead's store keeps the rows. Retired certificates stay trusted for
 * verification and are never used to sign.
 */
export interface UnitIdentities {
  identities: SigningIdentityRecord[];
  /** Fingerprint of the identity that signs from now on; null before set-up. */
  currentFingerprint: string | null;
}

export const emptyUnitIdentities = (): UnitIdentities => ({ identities: [], currentFingerprint: null });

/** Adds `next` and makes it current; the previous ones remain, as trust anchors only. */
export function rotateIdentity(state: UnitIdentities, next: SigningIdentityRecord): UnitIdentities {
  if (state.identities.some((identity) => identity.fingerprint === next.fingerprint)) {
    throw new Error('该证书已在本单位的证书列表中，无需重复添加。');
  }
  return { identities: [...state.identities, next], currentFingerprint: next.fingerprint };
}

export function currentIdentity(state: UnitIdentities): SigningIdentityRecord {
  const current = state.identities.find((identity) => identity.fingerprint === state.currentFingerprint);
  if (!current) throw new Error('本单位尚未设置签章证书。请先在“系统设置”中生成或导入单位证书。');
  return current;
}

/** Every certificate the unit has signed with: what verifyCertifiedPdf trusts. */
export function trustedCertificates(state: UnitIdentities, extraDer: Buffer[] = []): Buffer[] {
  return [...state.identities.map((identity) => identity.certificateDer), ...extraDer];
}

/** True when the current certificate expires within `days` (a reminder to rotate in time). */
export function isRotationDue(state: UnitIdentities, now: Date, days = 180): boolean {
  const current = state.identities.find((identity) => identity.fingerprint === state.currentFingerprint);
  return !current || new Date(current.notAfter).getTime() - now.getTime() < days * 86_400_000;
}
