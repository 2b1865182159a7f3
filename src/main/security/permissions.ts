import { isTrustedOrigin, type TrustedOrigins } from './origin';

/**
 * The only browser permissions the workstation ever needs: full screen for the document viewer and
 * writing plain text to the clipboard (copying a case number). Camera, microphone, geolocation,
 * notifications, USB/HID/serial, screen capture and the rest are refused: scanners and storage media
 * are reached through the core, never through the page.
 */
const GRANTABLE = new Set(['fullscreen', 'clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string, trusted: TrustedOrigins): boolean {
  return GRANTABLE.has(permission) && isTrustedOrigin(requestingUrl, trusted);
}
