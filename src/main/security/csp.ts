import { APP_ORIGIN, isTrustedOrigin, originOf, type TrustedOrigins } from './origin';

/**
 * Same policy as the web host serves (src/web/static.ts), so the renderer meets one CSP everywhere.
 * antd renders its styles at runtime (CSS-in-JS), hence 'unsafe-inline' for styles only.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Development only: Vite's React refresh preamble is an inline script and HMR talks over a websocket
 * to the dev server; stored files still come from the app origin.
 */
export function devCsp(devServerUrl: string): string {
  const dev = originOf(devServerUrl) ?? devServerUrl;
  const ws = dev.replace(/^http/, 'ws');
  return [
    `default-src 'self' ${APP_ORIGIN}`,
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' ${APP_ORIGIN} data: blob:`,
    "font-src 'self' data:",
    `connect-src 'self' ${APP_ORIGIN} ${ws}`,
    `media-src 'self' ${APP_ORIGIN} blob:`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The CSP to enforce on a response from `url`, or null when the response is not app content. */
export function cspFor(url: string, trusted: TrustedOrigins): string | null {
  if (!isTrustedOrigin(url, trusted)) return null;
  if (originOf(url) === APP_ORIGIN) return APP_CSP;
  return trusted.devServerUrl ? devCsp(trusted.devServerUrl) : null;
}

/**
 * Response headers with our CSP in force. Existing CSP headers in any letter case are dropped, since a
 * second, looser policy from a server would otherwise sit next to ours.
 */
export function withCsp(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}
