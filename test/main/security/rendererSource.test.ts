import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../src/main/security/origin';
import { resolveRendererSource } from '../../../src/main/security/rendererSource';

describe('resolveRendererSource', () => {
  it('loads the bundle when packaged, even if ELECTRON_RENDERER_URL is set', () => {
    const source = resolveRendererSource(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(source).toEqual({ entryUrl: APP_ENTRY_URL, trusted: { devServerUrl: null }, isDev: false });
  });

  it('loads the dev server in development', () => {
    const source = resolveRendererSource(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(source).toEqual({
      entryUrl: 'http://localhost:5173',
      trusted: { devServerUrl: 'http://localhost:5173' },
      isDev: true,
    });
  });

  it('loads the bundle unpackaged without a dev server (electron-vite preview)', () => {
    expect(resolveRendererSource(false, {})).toEqual({ entryUrl: APP_ENTRY_URL, trusted: { devServerUrl: null }, isDev: true });
  });

  it('refuses a dev server that is not on this machine', () => {
    for (const url of ['http://evil.example:5173', 'file:///tmp/index.html', 'javascript:alert(1)', 'nonsense']) {
      expect(resolveRendererSource(false, { ELECTRON_RENDERER_URL: url }).entryUrl).toBe(APP_ENTRY_URL);
    }
    expect(resolveRendererSource(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }).entryUrl).toBe('http://127.0.0.1:5173/');
  });
});
