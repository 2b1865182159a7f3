import { safeStorage } from 'electron';
import type { KeyProtector } from '../core/types';

/**
 * The unit's signing key sealed by the operating system's key store (DPAPI on Windows, the desktop
 * keyring on Linux). Where the platform offers none, no protector is given: the unit is set up
 * without a certificate rather than with a key sealed by a hard-coded password (safeStorage's
 * "basic_text" fallback on Linux is exactly that, so it is refused too).
 */
export function osKeyProtector(): KeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    kind: 'os',
    protect: (plain) => safeStorage.encryptString(plain.toString('base64')),
    unprotect: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
