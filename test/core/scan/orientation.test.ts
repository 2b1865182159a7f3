import { describe, expect, it } from 'vitest';
import { composeOrientation, isQuarterTurn, orientationMatrix, type QuarterTurn } from '../../../src/core/scan/orientation';
import type { Orientation } from '../../../src/core/scan/types';

const ALL: Orientation[] = [1, 2, 3, 4, 5, 6, 7, 8];
const TURNS: QuarterTurn[] = [0, 90, 180, 270];

/** A small image as rows of labels, 3 wide and 2 high: every cell distinct, so any turn or mirror shows. */
const STORED = [
  ['a', 'b', 'c'],
  ['d', 'e', 'f'],
];

/** Draws the stored cells through orientationMatrix, as the writer draws a page, into a grid. */
function draw(grid: string[][], orientation: Orientation): string[][] {
  const h = grid.length;
  const w = grid[0]!.length;
  const [a, b, c, d, e, f] = orientationMatrix(orientation, w, h);
  const outW = isQuarterTurn(orientation) ? h : w;
  const outH = isQuarterTurn(orientation) ? w : h;
  const out = Array.from({ length: outH }, () => new Array<string>(outW).fill('?'));
  for (let v = 0; v < h; v++) {
    for (let u = 0; u < w; u++) {
      const x = a * (u + 0.5) + c * (v + 0.5) + e;
      const y = b * (u + 0.5) + d * (v + 0.5) + f;
      out[Math.floor(y)]![Math.floor(x)] = grid[v]![u]!;
    }
  }
  return out;
}

/** A clockwise quarter turn of a grid, written out by hand (not through the matrices). */
function turnClockwise(grid: string[][]): string[][] {
  const h = grid.length;
  const w = grid[0]!.length;
  return Array.from({ length: w }, (_, y) => Array.from({ length: h }, (_, x) => grid[h - 1 - x]![y]!));
}

describe('composeOrientation', () => {
  it('turning by 0 keeps the file’s orientation; from an upright file the turns are 6, 3 and 8', () => {
    for (const o of ALL) expect(composeOrientation(o, 0)).toBe(o);
    expect(TURNS.map((r) => composeOrientation(1, r))).toEqual([1, 6, 3, 8]);
  });

  it.each(ALL)('orientation %i then each turn draws what the file’s orientation and then the turn draw', (o) => {
    let expected = draw(STORED, o);
    for (const r of TURNS) {
      expect(draw(STORED, composeOrientation(o, r))).toEqual(expected);
      expected = turnClockwise(expected);
    }
  });

  it('a quarter turn swaps the upright page’s sides, a half turn does not', () => {
    for (const o of ALL) {
      expect(isQuarterTurn(composeOrientation(o, 90))).toBe(!isQuarterTurn(o));
      expect(isQuarterTurn(composeOrientation(o, 180))).toBe(isQuarterTurn(o));
    }
  });
});
