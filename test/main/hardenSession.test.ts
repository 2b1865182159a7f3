import { describe, expect, it, vi } from 'vitest';
import { hardenSession } from '../../src/main/hardenSession';
import { APP_CSP } from '../../src/main/security/csp';

type Fn = (...args: any[]) => any;

function fakeSession() {
  const handlers: Record<string, Fn> = {};
  const ses = {
    setPermissionRequestHandler: (h: Fn) => (handlers.request = h),
    setPermissionCheckHandler: (h: Fn) => (handlers.check = h),
    setDevicePermissionHandler: (h: Fn) => (handlers.device = h),
    setDisplayMediaRequestHandler: (h: Fn) => (handlers.display = h),
    on: (event: string, h: Fn) => (handlers[event] = h),
    webRequest: {
      onHeadersReceived: (h: Fn) => (handlers.headers = h),
      onBeforeRequest: (filter: unknown, h: Fn) => {
        handlers.beforeRequest = h;
        handlers.beforeRequestFilter = () => filter;
      },
    },
  };
  return { ses, handlers };
}

describe('hardenSession', () => {
  it('denies permission requests except the allowed ones for the app', () => {
    const { ses, handlers } = fakeSession();
    hardenSession(ses as never, { devServerUrl: null }, () => {});
    const answer = (permission: string, url: string) => {
      const callback = vi.fn();
      handlers.request!(null, permission, callback, { requestingUrl: url });
      return callback.mock.calls[0]?.[0];
    };
    expect(answer('media', 'app://bundle/index.html')).toBe(false);
    expect(answer('fullscreen', 'app://bundle/index.html')).toBe(true);
    expect(answer('fullscreen', 'https://evil.example/')).toBe(false);
    expect(handlers.check!(null, 'notifications', 'app://bundle', {})).toBe(false);
    expect(handlers.check!(null, 'clipboard-sanitized-write', 'app://bundle', {})).toBe(true);
    expect(handlers.device!({})).toBe(false);
  });

  it('refuses screen capture and downloads', () => {
    const { ses, handlers } = fakeSession();
    hardenSession(ses as never, { devServerUrl: null }, () => {});
    const capture = vi.fn();
    handlers.display!({}, capture);
    expect(capture).toHaveBeenCalledWith(null);
    const download = (url: string) => {
      const event = { preventDefault: vi.fn() };
      handlers['will-download']!(event, { getURL: () => url });
      return event.preventDefault.mock.calls.length === 0;
    };
    // A stored file shown inline is not saved; only the download intent, which the core checked as an export, is.
    expect(download('app://bundle/files/x')).toBe(false);
    expect(download('app://bundle/files/12?download=1')).toBe(true);
    expect(download('app://bundle/index.html?download=1')).toBe(false);
    expect(download('https://example.com/files/12?download=1')).toBe(false);
    expect(download('app://other/files/12?download=1')).toBe(false);
  });

  it('forces the CSP on app documents and leaves other responses alone', () => {
    const { ses, handlers } = fakeSession();
    hardenSession(ses as never, { devServerUrl: null }, () => {});
    const respond = (details: object) => {
      const callback = vi.fn();
      handlers.headers!(details, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(
      respond({ url: 'app://bundle/index.html', resourceType: 'mainFrame', responseHeaders: { 'content-security-policy': ['default-src *'] } }),
    ).toEqual({ responseHeaders: { 'Content-Security-Policy': [APP_CSP] } });
    expect(respond({ url: 'app://bundle/assets/a.js', resourceType: 'script', responseHeaders: {} })).toEqual({});
    expect(respond({ url: 'https://example.com/', resourceType: 'mainFrame', responseHeaders: {} })).toEqual({});
  });

  it('sends the dev server’s /files/ requests to the app protocol, only in development', () => {
    const packaged = fakeSession();
    hardenSession(packaged.ses as never, { devServerUrl: null }, () => {});
    expect(packaged.handlers.beforeRequest).toBeUndefined();

    const dev = fakeSession();
    hardenSession(dev.ses as never, { devServerUrl: 'http://localhost:5173' }, () => {});
    expect(dev.handlers.beforeRequestFilter!()).toEqual({ urls: ['http://localhost:5173/files/*'] });
    const callback = vi.fn();
    dev.handlers.beforeRequest!({ url: 'http://localhost:5173/files/f%201' }, callback);
    expect(callback).toHaveBeenCalledWith({ redirectURL: 'app://bundle/files/f%201' });
  });
});
