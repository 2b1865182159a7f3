import { describe, expect, it } from 'vitest';
import { turnBetween, turnRegion } from '../../../src/core/cases/recordPages';

const region = { x: 0.1, y: 0.2, width: 0.3, height: 0.1 };
const close = (r: typeof region) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]));

describe('a struck region turns with its page', () => {
  it('a quarter turn clockwise moves the top-left corner to the top-right and swaps the sides', () => {
    // Upright page: the region's top edge (y = 0.2) becomes its right edge at x = 1 − 0.2.
    expect(close(turnRegion(region, 90))).toEqual({ x: 0.7, y: 0.1, width: 0.1, height: 0.3 });
  });

  it('two quarter turns are a half turn, three are 270°, four are none', () => {
    const q = (r: typeof region) => turnRegion(r, 90);
    expect(close(q(q(region)))).toEqual(close(turnRegion(region, 180)));
    expect(close(q(q(q(region))))).toEqual(close(turnRegion(region, 270)));
    expect(close(q(q(q(q(region)))))).toEqual(close(region));
    expect(turnRegion(region, 0)).toEqual(region);
  });

  it('the turn between two rotations is clockwise and within a full turn', () => {
    expect(turnBetween(0, 90)).toBe(90);
    expect(turnBetween(270, 0)).toBe(90);
    expect(turnBetween(90, 0)).toBe(270);
    expect(turnBetween(180, 180)).toBe(0);
  });
});
