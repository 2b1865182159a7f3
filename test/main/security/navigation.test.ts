import { describe, expect, it } from 'vitest';
import { isNavigationAllowed } from '../../../src/main/security/navigation';

describe('isNavigationAllowed', () => {
  const trusted = { devServerUrl: null };

  it('keeps the window inside the app', () => {
    expect(isNavigationAllowed('app://bundle/index.html', trusted)).toBe(true);
  });

  it('refuses every way out', () => {
    for (const url of [
      'https://www.example.com/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'app://files/1',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      'chrome://gpu',
    ]) {
      expect(isNavigationAllowed(url, trusted)).toBe(false);
    }
  });
});
