/**
 * Terminals (DB3206/T 1060 §4.10.2: archived dossiers are read only at a designated terminal, 指定地点).
 * A terminal is an installation (the app and the CLI over one data folder) or a browser profile
 * through the web host; each is known by the SHA-256 fingerprint of its public key (decision 0012).
 */

export type TerminalKind = 'installation' | 'browser';

/**
 * The id calls carry when the browser behind them proved no key (no WebCrypto, a wrong signature, a
 * used or expired challenge). Such a terminal is never in the register, so it is never designated.
 */
export const UNREGISTERED_TERMINAL_ID = 'unregistered';

export interface TerminalDto {
  /** `T-` and the first 12 hex digits of the fingerprint. */
  id: string;
  /** SHA-256 of the public key (SPKI DER), 64 upper-case hex digits. */
  fingerprint: string;
  kind: TerminalKind;
  /** For people: this computer's app, or the browser's own description of itself (not proof of anything). */
  label: string;
  /** The random `T-…` id this installation had before it had a key (older data folders), if any. */
  legacyId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  isDesignated: boolean;
  /** Who designated it (or revoked the designation) last, when, and their note. */
  designatedBy: string | null;
  designatedAt: string | null;
  designationNote: string;
}

/** The caller's own terminal, as the core knows it. */
export interface CurrentTerminalDto {
  id: string;
  /** null for an unregistered browser: it proved no key. */
  fingerprint: string | null;
  kind: TerminalKind | 'unregistered';
  isDesignated: boolean;
}

/**
 * A fingerprint as people compare it aloud or by eye: the first `digits` hex digits in groups of
 * four (`3F2A 91C0 …`); the full value stays in JSON and in the register.
 */
export function groupFingerprint(fingerprint: string, digits = 20): string {
  const shown = fingerprint.slice(0, digits).toUpperCase().match(/.{1,4}/g) ?? [];
  return shown.join(' ') + (fingerprint.length > digits ? ' …' : '');
}

/**
 * What a browser signs to prove its terminal key to the web host: this context, the page's origin
 * and the host's challenge, one per line (UTF-8), so the signature serves nothing else.
 */
export const TERMINAL_PROOF_CONTEXT = 'dossier-terminal-proof/1';
