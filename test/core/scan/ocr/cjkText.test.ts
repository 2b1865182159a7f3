import { describe, expect, it } from 'vitest';
import { buildLine, isCjk, isRealSpace, removeCjkSpaces, repairWordBoxes } from '../../../../src/core/scan/ocr/cjkText';
import { parseTesseractTsv } from '../../../../src/core/scan/ocr/tsv';
import type { OcrWord } from '../../../../src/core/scan/ocr/types';

const box = (x0: number, x1: number, y0 = 10, y1 = 50) => ({ x0, y0, x1, y1 });
const word = (text: string, x0: number, x1: number, confidence = 90): OcrWord => ({ text, bbox: box(x0, x1), confidence });

describe('removeCjkSpaces', () => {
  it('removes the spaces tesseract puts between Chinese characters', () => {
    expect(removeCjkSpaces('行 政 处 罚 决 定 书')).toBe('行政处罚决定书');
    expect(removeCjkSpaces('行政 处 罚 决定 书')).toBe('行政处罚决定书');
  });

  it('removes spaces next to Chinese punctuation and full-width forms', () => {
    expect(removeCjkSpaces('经 查 ， 当事人 未 在 当地 进货 。')).toBe('经查，当事人未在当地进货。');
    expect(removeCjkSpaces('「 决定 」 、 第 ３ 条')).toBe('「决定」、第３条');
  });

  it('removes spaces between Chinese and Latin or digits, as Chinese typesetting writes them', () => {
    expect(removeCjkSpaces('南通 市 烟草 专卖 局 2024 年 第 12 号')).toBe('南通市烟草专卖局2024年第12号');
    expect(removeCjkSpaces('当事人 : 张 三')).toBe('当事人:张三');
  });

  it('keeps spaces between Latin words and numbers', () => {
    expect(removeCjkSpaces('GB 2626 No. 12 abc def')).toBe('GB 2626 No. 12 abc def');
    expect(removeCjkSpaces('依据 GB 2626 标准')).toBe('依据GB 2626标准');
  });

  it('collapses runs of spaces and keeps lines apart', () => {
    expect(removeCjkSpaces('  行  政 \t 处罚  \nABC   123  ')).toBe('行政处罚\nABC 123');
    expect(removeCjkSpaces('')).toBe('');
  });

  it('knows ideographs of the extension planes', () => {
    expect(isCjk('𠀀')).toBe(true);
    expect(removeCjkSpaces('𠀀 字')).toBe('𠀀字');
    expect(isCjk('A')).toBe(false);
    expect(isRealSpace('abc', 'def')).toBe(true);
    expect(isRealSpace('abc', '')).toBe(false);
  });
});

describe('buildLine', () => {
  it('merges Chinese runs into words whose boxes are the union of their parts', () => {
    const line = buildLine([word('南通', 100, 180), word('市', 180, 220, 70), word('2024', 240, 330), word('年', 330, 370), word('ABC', 400, 460), word('123', 480, 530)], box(100, 530));
    expect(line?.text).toBe('南通市2024年ABC 123');
    expect(line?.words.map((w) => w.text)).toEqual(['南通市2024年ABC', '123']);
    expect(line?.words[0]!.bbox).toEqual(box(100, 460));
    expect(line?.words[0]!.confidence).toBe(70);
    expect(line?.words[1]!.bbox).toEqual(box(480, 530));
  });

  it('keeps text and words consistent: the line is its words joined by single spaces', () => {
    const line = buildLine([word('No.', 0, 30), word('12', 40, 60), word('号', 60, 90), word(' ', 95, 96), word('文 书', 100, 150)])!;
    expect(line.text).toBe(line.words.map((w) => w.text).join(' '));
    expect(line.text).toBe('No. 12号文书');
  });

  it('returns nothing for a line without words', () => {
    expect(buildLine([word(' ', 0, 10)], box(0, 10))).toBeUndefined();
  });
});

describe('repairWordBoxes', () => {
  it('ends a word where the next starts, and keeps boxes inside the line', () => {
    // As measured: tesseract gave "行政" 562–1005 on a line 562–1005 whose second word began at 721.
    const fixed = repairWordBoxes([word('行政', 562, 1005), word('处', 721, 781), word('书', 965, 1010)], box(562, 1005));
    expect(fixed.map((w) => [w.bbox.x0, w.bbox.x1])).toEqual([
      [562, 721],
      [721, 781],
      [965, 1005],
    ]);
  });

  it('leaves boxes alone when the next word does not start further right', () => {
    const fixed = repairWordBoxes([word('a', 100, 200), word('b', 90, 150)]);
    expect(fixed[0]!.bbox).toEqual(box(100, 200));
  });
});

describe('parseTesseractTsv', () => {
  const row = (cols: (string | number)[]) => cols.join('\t');
  const tsv = [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
    row([1, 1, 0, 0, 0, 0, 0, 0, 1654, 1100, -1, '']),
    row([2, 1, 1, 0, 0, 0, 153, 96, 900, 400, -1, '']),
    row([3, 1, 1, 1, 0, 0, 153, 96, 900, 400, -1, '']),
    row([4, 1, 1, 1, 1, 0, 562, 96, 443, 59, -1, '']),
    row([5, 1, 1, 1, 1, 1, 562, 96, 443, 59, 96.2, '行政']),
    row([5, 1, 1, 1, 1, 2, 721, 100, 60, 50, 93.1, '处']),
    row([4, 1, 1, 1, 2, 0, 153, 243, 644, 41, -1, '']),
    row([5, 1, 1, 1, 2, 1, 153, 243, 345, 41, 96, '南通']),
    row([5, 1, 1, 1, 2, 2, 514, 243, 100, 41, 92, '2024']),
    row([5, 1, 1, 1, 2, 3, 700, 243, 40, 41, 90, '   ']),
    '',
  ].join('\n');

  it('reads the image size, lines in order and words with repaired boxes', () => {
    const parsed = parseTesseractTsv(tsv);
    expect(parsed.width).toBe(1654);
    expect(parsed.height).toBe(1100);
    expect(parsed.lines.map((l) => l.text)).toEqual(['行政处', '南通2024']);
    expect(parsed.lines[0]!.bbox).toEqual({ x0: 562, y0: 96, x1: 1005, y1: 155 });
    expect(parsed.lines[0]!.words[0]!.bbox).toEqual({ x0: 562, y0: 96, x1: 781, y1: 155 });
    expect(parsed.lines[0]!.words[0]!.confidence).toBeCloseTo(93.1);
    expect(parsed.lines[1]!.words[0]!.bbox.x1).toBe(614);
  });

  it('gives no lines for an empty page', () => {
    expect(parseTesseractTsv(tsv.split('\n').slice(0, 2).join('\n')).lines).toEqual([]);
  });
});
