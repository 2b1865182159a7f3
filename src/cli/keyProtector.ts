import { ApiFailure } from '../contract';
import { MIN_PASSPHRASE_LENGTH, passphraseProtector } from '../core/createCore';
import type { KeyProtector } from '../core/types';

/** The CLI's key protector; a passphrase being chosen must be long enough (checked before any work). */
export function protectorFor(passphrase: string, isNew: boolean): KeyProtector {
  if (isNew && [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new ApiFailure({ code: 'bad-request', message: `签章私钥保护口令至少需要 ${MIN_PASSPHRASE_LENGTH} 个字符，请换一个更长的口令。` });
  }
  return passphraseProtector(passphrase);
}
