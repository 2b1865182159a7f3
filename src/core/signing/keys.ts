import { passphraseProtector, type KeyProtector, type PassphraseProtectorOptions, type SigningIdentityRecord } from '../pdf/sign';

export type KeyProtection = KeyProtector['kind'] | 'none';

/**
 * What this process can seal and unseal the unit's signing key with (issue 3 item 1), as runtime
 * state: the OS key store the app was started with, and a passphrase, either configured at start
 * (CLI, web host) or given during this run (set-up on a machine without a key store, then
 * `signing.unlock` after each restart). The passphrase is kept in memory only, never written.
 */
export class SigningKeys {
  private os: KeyProtector | null = null;
  private passphrase: KeyProtector | null = null;
  /** Whether a protector opened an identity's key: one scrypt per protector and key, not per call. */
  private readonly opened = new WeakMap<KeyProtector, Map<string, boolean>>();

  constructor(
    configured: KeyProtector | null,
    private readonly passphraseOptions: PassphraseProtectorOptions = {},
  ) {
    if (configured) this.slot(configured);
  }

  /** How a new key is sealed here: the OS key store when there is one, else the passphrase, else none. */
  get protection(): KeyProtection {
    return this.forNewKeys()?.kind ?? 'none';
  }

  forNewKeys(): KeyProtector | null {
    return this.os ?? this.passphrase;
  }

  /**
   * The protector of the identity's kind; failing that, whatever this process has, so that
   * `openSigner` names the mismatch (an 'os' key cannot be opened with a passphrase, and the reverse).
   */
  forIdentity(identity: Pick<SigningIdentityRecord, 'protection'> | null): KeyProtector | null {
    const own = identity ? (identity.protection === 'os' ? this.os : this.passphrase) : null;
    return own ?? this.forNewKeys();
  }

  /** True when this process holds the right protector and it really opens the identity's key. */
  canOpen(identity: Pick<SigningIdentityRecord, 'protection' | 'sealedKey' | 'fingerprint'>): boolean {
    const protector = this.forIdentity(identity);
    if (!protector || protector.kind !== identity.protection) return false;
    let known = this.opened.get(protector);
    if (!known) this.opened.set(protector, (known = new Map()));
    let ok = known.get(identity.fingerprint);
    if (ok === undefined) {
      ok = opens(protector, identity.sealedKey);
      known.set(identity.fingerprint, ok);
    }
    return ok;
  }

  /** A passphrase protector at this process's scrypt cost; the caller decides whether to keep it. */
  passphraseProtector(passphrase: string): KeyProtector {
    return passphraseProtector(passphrase, this.passphraseOptions);
  }

  /**
   * Checks a passphrase against a passphrase-sealed key; throws KeyProtectionError when wrong, so
   * that a wrong passphrase is never kept.
   */
  verifiedPassphrase(passphrase: string, identity: Pick<SigningIdentityRecord, 'sealedKey' | 'fingerprint'>): KeyProtector {
    const protector = this.passphraseProtector(passphrase);
    protector.unprotect(identity.sealedKey).fill(0);
    this.opened.set(protector, new Map([[identity.fingerprint, true]]));
    return protector;
  }

  /** Keeps a protector for the rest of this run; returns an undo for a transaction that rolls back. */
  keep(protector: KeyProtector): () => void {
    const before = { os: this.os, passphrase: this.passphrase };
    this.slot(protector);
    return () => {
      this.os = before.os;
      this.passphrase = before.passphrase;
    };
  }

  /** Records that a protector sealed a key just now, so status need not unseal it to know. */
  sealed(protector: KeyProtector, fingerprint: string): void {
    let known = this.opened.get(protector);
    if (!known) this.opened.set(protector, (known = new Map()));
    known.set(fingerprint, true);
  }

  private slot(protector: KeyProtector): void {
    if (protector.kind === 'os') this.os = protector;
    else this.passphrase = protector;
  }
}

function opens(protector: KeyProtector, sealedKey: Buffer): boolean {
  try {
    protector.unprotect(sealedKey).fill(0);
    return true;
  } catch {
    // A wrong passphrase, a corrupt envelope, or an OS key store that refuses (another Windows
    // user, a reset keyring): in each case this process cannot sign with the key.
    return false;
  }
}
