import { expect, it } from 'vitest';
import { contentUsesDeviceCmyk } from '../../../../src/core/pdf/import/deviceCmyk';

const uses = (content: string | Buffer) => contentUsesDeviceCmyk(typeof content === 'string' ? Buffer.from(content, 'latin1') : content);

it('sees DeviceCMYK painted by operator, colour space or inline image', () => {
  expect(uses('q 0 0 0 1 k 10 10 100 100 re f Q')).toBe(true);
  expect(uses('0.2 0.1 0 0 K 1 w 0 0 m 10 10 l S')).toBe(true);
  expect(uses('/DeviceCMYK cs 0 0 0 1 sc')).toBe(true);
  expect(uses('BI /W 1 /H 1 /CS /CMYK /BPC 8 ID \x00\x00\x00\xff EI')).toBe(true);
  expect(uses('BI /W 1 /H 1 /ColorSpace /DeviceCMYK /BPC 8 ID \x00\x00\x00\xff EI')).toBe(true);
});

it('is not fooled by k in strings, comments, names or image data', () => {
  expect(uses('BT /F1 12 Tf (0 0 0 1 k) Tj <6b> Tj [(k) 120 (K)] TJ ET 0 g')).toBe(false);
  expect(uses('% 0 0 0 1 k\n0 0 1 rg')).toBe(false);
  expect(uses('(nested (k) \\) k) Tj /k gs /K1 Do')).toBe(false);
  // Grey inline image whose data holds " k " and "EI" not followed by white space.
  expect(uses(Buffer.concat([Buffer.from('BI /W 6 /H 1 /CS /G /BPC 8 ID '), Buffer.from(' k EIx'), Buffer.from(' EI Q')]))).toBe(false);
  expect(uses('0 0 1 rg 0.5 G /CS0 cs 1 0 0 sc')).toBe(false);
});
