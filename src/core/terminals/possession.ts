import type { CurrentTerminalDto, Envelope } from '../../contract';
import type { Db } from '../store/db';
import type { Caller } from '../types';
import { TerminalChallenges } from './challenges';
import { terminalIdOf } from './fingerprint';
import { proofMessage, verifyPossession } from './proof';
import { isDesignatedTerminal, registerSeen } from './register';

/** What a browser sends back: its public key, the challenge it was given, and its signature. */
export interface TerminalProof {
  publicKey: string;
  challenge: string;
  signature: string;
}

const LABEL_MAX = 120;

/**
 * Proof of possession for browser terminals (decision 0012). The host asks for a challenge for a
 * session slot, the browser signs it with its non-extractable key, and a valid proof binds the slot
 * to that terminal: from then on every call of the slot carries its id. A failed proof leaves the
 * slot unregistered; a slot already bound to one key is never rebound to another.
 */
export class TerminalPossession {
  private readonly challenges = new TerminalChallenges();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  challenge(caller: Caller): { challenge: string; expiresAt: string } {
    return this.challenges.issue(caller.session, this.now());
  }

  /** `origin` is the host the browser addressed, `label` its own description (for people only). */
  prove(caller: Caller, proof: TerminalProof, origin: string, label: string): Envelope<CurrentTerminalDto> {
    const refuse = (message: string) => ({ ok: false as const, error: { code: 'forbidden' as const, message } });
    if (caller.channel !== 'web') return refuse('只有通过网页访问的浏览器需要证明终端身份。');
    const now = this.now();
    const taken = this.challenges.take(proof.challenge, caller.session, now);
    if (taken === 'expired') return refuse('终端验证已超时，请刷新页面重试。');
    if (taken !== 'ok') return refuse('终端验证的挑战码无效或已使用，请刷新页面重试。');
    const checked = verifyPossession(proof.publicKey, proof.signature, proofMessage(origin, proof.challenge));
    if (!checked.ok) return refuse(`终端验证未通过（${checked.reason}），本浏览器按未登记终端处理。`);
    const id = terminalIdOf(checked.fingerprint);
    const bound = caller.session.terminal;
    if (bound && bound.fingerprint !== checked.fingerprint) {
      return refuse('本浏览器会话已绑定另一个终端，请关闭浏览器后重新打开。');
    }
    const at = now.toISOString();
    const isRegistered = this.db.transaction(() =>
      registerSeen(
        this.db,
        { id, fingerprint: checked.fingerprint, publicKey: checked.spki.toString('base64'), kind: 'browser', label: label.slice(0, LABEL_MAX), legacyId: null },
        at,
      ),
    )();
    if (!isRegistered) return refuse(`终端编号 ${id} 已被另一把密钥占用，本浏览器按未登记终端处理。请清除本站数据后重新打开，以生成新的终端密钥。`);
    caller.session.terminal = { id, fingerprint: checked.fingerprint };
    return {
      ok: true,
      value: { id, fingerprint: checked.fingerprint, kind: 'browser', isDesignated: isDesignatedTerminal(this.db, id, checked.fingerprint) },
    };
  }
}
