import { describe, expect, it } from 'vitest';
import { isBornDigital } from '../../src/renderer/features/records/pageModel';

const file = (mediaType: string) => ({ file: { id: '1', name: 'x', sha256: 'a'.repeat(64), size: 1, mediaType } });

describe('born-digital pages in the page grid (decision 0009)', () => {
  it('are the pages whose original is a PDF, not scans', () => {
    expect(isBornDigital(file('application/pdf'))).toBe(true);
    expect(isBornDigital(file('image/jpeg'))).toBe(false);
    expect(isBornDigital(file('image/tiff'))).toBe(false);
  });
});
