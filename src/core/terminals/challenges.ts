import { randomBytes } from 'node:crypto';

/** How long a browser has to sign a challenge; long enough for a slow first key generation. */
export const CHALLENGE_SECONDS = 60;
const MAX_PENDING = 1000;

export type ChallengeOutcome = 'ok' | 'unknown' | 'expired' | 'other-session';

/**
 * Random challenges the web host hands to browsers (decision 0012). Each is for one session slot and
 * one use: taken once, whatever the outcome, so a signature seen once cannot be replayed.
 */
export class TerminalChallenges {
  private readonly pending = new Map<string, { slot: object; expiresAt: number }>();

  issue(slot: object, now: Date): { challenge: string; expiresAt: string } {
    for (const [key, entry] of this.pending) if (entry.expiresAt <= now.getTime()) this.pending.delete(key);
    // Bounded, like the host's session slots: the oldest pending challenge goes first.
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = now.getTime() + CHALLENGE_SECONDS * 1000;
    this.pending.set(challenge, { slot, expiresAt });
    return { challenge, expiresAt: new Date(expiresAt).toISOString() };
  }

  take(challenge: string, slot: object, now: Date): ChallengeOutcome {
    const entry = this.pending.get(challenge);
    if (!entry) return 'unknown';
    this.pending.delete(challenge);
    if (entry.slot !== slot) return 'other-session';
    return entry.expiresAt > now.getTime() ? 'ok' : 'expired';
  }
}
