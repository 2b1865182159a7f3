/**
 * The app is served from one privileged custom origin, never from file://, so that the origin check
 * below, the CSP's 'self' and the permission handler all have one stable thing to compare against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface TrustedOrigins {
  /** The electron-vite dev server, only when the app is not packaged; null otherwise. */
  devServerUrl: string | null;
}

/**
 * `scheme://host[:port]` in lower case, or null. Computed by hand because WHATWG `URL.origin` is the
 * opaque "null" for custom schemes, which would make every app:// URL look alike (or unlike).
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** Whether a page at `url` is the app itself (the bundle, or the dev server during development). */
export function isTrustedOrigin(url: string, trusted: TrustedOrigins): boolean {
  const origin = originOf(url);
  if (origin === null) return false;
  if (origin === APP_ORIGIN) return true;
  if (trusted.devServerUrl === null) return false;
  return origin === originOf(trusted.devServerUrl);
}
