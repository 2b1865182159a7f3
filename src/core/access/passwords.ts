import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * scrypt with its parameters stored beside the hash (`scrypt$N$r$p$salt$hash`), so the cost can be
 * raised later without invalidating existing passwords. N = 2^15, r = 8 costs about 32 MiB and
 * ~100 ms per check on the 2-core machines here: slow for an offline guesser, fine for a login.
 */
export const DEFAULT_SCRYPT_COST = 2 ** 15;

export function hashPassword(password: string, cost = DEFAULT_SCRYPT_COST): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, 32, { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 });
  return ['scrypt', cost, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const N = Number(n);
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return timingSafeEqual(actual, expected);
}
