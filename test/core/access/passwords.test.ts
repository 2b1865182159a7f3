import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/core/access/passwords';

describe('passwords', () => {
  it('hashes with scrypt, salted, parameters stored', () => {
    const a = hashPassword('秘密密码123', 1024);
    const b = hashPassword('秘密密码123', 1024);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(verifyPassword('秘密密码123', a)).toBe(true);
    expect(verifyPassword('秘密密码124', a)).toBe(false);
    expect(verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
