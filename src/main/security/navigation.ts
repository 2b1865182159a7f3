import { isTrustedOrigin, type TrustedOrigins } from './origin';

/**
 * The renderer is a single-page app: in-app routes never navigate the document. A navigation that
 * leaves the app origin would hand `window.archive` (the preload runs on every load) to a foreign page,
 * so it is refused; the workstation opens no external links at all.
 */
export function isNavigationAllowed(url: string, trusted: TrustedOrigins): boolean {
  return isTrustedOrigin(url, trusted);
}
