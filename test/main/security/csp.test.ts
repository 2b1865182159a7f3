import { describe, expect, it } from 'vitest';
import { APP_CSP, cspFor, devCsp, withCsp } from '../../../src/main/security/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('APP_CSP', () => {
  const policy = directives(APP_CSP);

  it('runs only the bundle’s own scripts', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('forbids plugins, base rewriting, framing and form posts', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('talks to nothing but the app origin', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('devCsp', () => {
  it('allows the HMR websocket and the refresh preamble, and stored files from the app origin', () => {
    const policy = directives(devCsp('http://localhost:5173'));
    expect(policy.get('connect-src')).toEqual(["'self'", 'app://bundle', 'ws://localhost:5173']);
    expect(policy.get('script-src')).toContain("'unsafe-inline'");
    expect(policy.get('img-src')).toContain('app://bundle');
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });
});

describe('cspFor', () => {
  it('gives app content the strict policy and foreign content none', () => {
    expect(cspFor('app://bundle/index.html', { devServerUrl: null })).toBe(APP_CSP);
    expect(cspFor('https://example.com/', { devServerUrl: null })).toBeNull();
    expect(cspFor('http://localhost:5173/', { devServerUrl: null })).toBeNull();
    expect(cspFor('http://localhost:5173/', { devServerUrl: 'http://localhost:5173' })).toBe(devCsp('http://localhost:5173'));
  });
});

describe('withCsp', () => {
  it('replaces any CSP header regardless of case and keeps the rest', () => {
    const headers = withCsp(
      {
        'content-security-policy': ["default-src *"],
        'Content-Security-Policy-Report-Only': ['script-src *'],
        'Content-Type': ['text/html'],
      },
      APP_CSP,
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [APP_CSP] });
  });

  it('works without incoming headers', () => {
    expect(withCsp(undefined, APP_CSP)).toEqual({ 'Content-Security-Policy': [APP_CSP] });
  });
});
