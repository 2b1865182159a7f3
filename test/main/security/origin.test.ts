import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isTrustedOrigin, originOf } from '../../../src/main/security/origin';

const packaged = { devServerUrl: null };
const dev = { devServerUrl: 'http://localhost:5173' };

describe('originOf', () => {
  it('gives custom schemes a real origin, unlike URL.origin', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(originOf(APP_ENTRY_URL)).toBe(APP_ORIGIN);
    expect(originOf('APP://BUNDLE/x')).toBe(APP_ORIGIN);
  });

  it('is null for unparsable or hostless URLs', () => {
    expect(originOf('not a url')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
  });
});

describe('isTrustedOrigin', () => {
  it('trusts the app bundle only', () => {
    expect(isTrustedOrigin('app://bundle/index.html', packaged)).toBe(true);
    expect(isTrustedOrigin('app://bundle/cases/12', packaged)).toBe(true);
    expect(isTrustedOrigin('app://other/index.html', packaged)).toBe(false);
    expect(isTrustedOrigin('app://bundle.evil/index.html', packaged)).toBe(false);
    expect(isTrustedOrigin('https://bundle/index.html', packaged)).toBe(false);
    expect(isTrustedOrigin('file:///opt/app/index.html', packaged)).toBe(false);
    expect(isTrustedOrigin('', packaged)).toBe(false);
  });

  it('ignores credentials that try to dress a foreign host as the app', () => {
    expect(isTrustedOrigin('app://bundle@evil.example/index.html', packaged)).toBe(false);
    expect(isTrustedOrigin('app://evil@bundle/index.html', packaged)).toBe(true);
  });

  it('trusts the dev server only when one is configured, and only its exact origin', () => {
    expect(isTrustedOrigin('http://localhost:5173/', packaged)).toBe(false);
    expect(isTrustedOrigin('http://localhost:5173/#/cases', dev)).toBe(true);
    expect(isTrustedOrigin('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedOrigin('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedOrigin('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedOrigin('app://bundle/index.html', dev)).toBe(true);
  });
});
