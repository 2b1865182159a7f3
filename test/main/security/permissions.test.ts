import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from '../../../src/main/security/permissions';

const packaged = { devServerUrl: null };

describe('isPermissionGranted', () => {
  it('denies device, capture, location and notification permissions even to the app', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'usb', 'serial', 'display-capture', 'clipboard-read', 'openExternal', 'fileSystem', 'midi', 'unknown']) {
      expect(isPermissionGranted(permission, 'app://bundle/index.html', packaged)).toBe(false);
    }
  });

  it('grants full screen and clipboard write to the app origin only', () => {
    expect(isPermissionGranted('fullscreen', 'app://bundle/index.html', packaged)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://bundle', packaged)).toBe(true);
    expect(isPermissionGranted('fullscreen', 'https://evil.example/', packaged)).toBe(false);
    expect(isPermissionGranted('fullscreen', '', packaged)).toBe(false);
    expect(isPermissionGranted('fullscreen', 'http://localhost:5173/', packaged)).toBe(false);
    expect(isPermissionGranted('fullscreen', 'http://localhost:5173/', { devServerUrl: 'http://localhost:5173' })).toBe(true);
  });
});
