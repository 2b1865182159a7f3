import { describe, expect, it } from 'vitest';
import { recordStrikeSchema, type RecordDto } from '../../src/contract';
import { parseHash, routeHash } from '../../src/renderer/app/route';
import { compareNames, groupChosenFolder, groupDrop } from '../../src/renderer/components/dropModel';
import {
  clampPage,
  describeRegion,
  fileUrl,
  gridFocusTarget,
  isSameOrder,
  moveItem,
  nextZoom,
  regionFromDrag,
  regionStyle,
  turn,
  unturnedBox,
} from '../../src/renderer/features/records/pageModel';
import { lockReasonOf } from '../../src/renderer/features/records/pageModel';

describe('turning and ordering pages', () => {
  it('turns a quarter left or right, wrapping at a full turn', () => {
    expect(turn(0, 'right')).toBe(90);
    expect(turn(270, 'right')).toBe(0);
    expect(turn(0, 'left')).toBe(270);
    expect(turn(90, 'left')).toBe(0);
  });

  it('moves one page to a new place and keeps the others in order', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
    expect(isSameOrder(moveItem(['a', 'b'], 1, 1), ['a', 'b'])).toBe(true);
    expect(isSameOrder(['a', 'b'], ['b', 'a'])).toBe(false);
  });

  it('moves keyboard focus through the grid by one, by a row and to the ends', () => {
    expect(gridFocusTarget(0, 'ArrowRight', 4, 10)).toBe(1);
    expect(gridFocusTarget(5, 'ArrowUp', 4, 10)).toBe(1);
    expect(gridFocusTarget(5, 'ArrowDown', 4, 10)).toBe(9);
    expect(gridFocusTarget(7, 'ArrowDown', 4, 10)).toBeNull();
    expect(gridFocusTarget(0, 'ArrowLeft', 4, 10)).toBeNull();
    expect(gridFocusTarget(4, 'Home', 4, 10)).toBe(0);
    expect(gridFocusTarget(4, 'End', 4, 10)).toBe(9);
    expect(gridFocusTarget(4, 'r', 4, 10)).toBeNull();
  });
});

describe('strike regions', () => {
  const box = { width: 400, height: 600 };

  it('turns a drag in either direction into fractions of the upright page that records.strike accepts', () => {
    const region = regionFromDrag({ x: 300, y: 450 }, { x: 100, y: 150 }, box)!;
    expect(region).toEqual({ x: 0.25, y: 0.25, width: 0.5, height: 0.5 });
    expect(recordStrikeSchema.safeParse({ recordId: '1', page: 1, region, reason: '笔误' }).success).toBe(true);
  });

  it('clamps a drag that leaves the page, and never lets rounding pass the edge', () => {
    const region = regionFromDrag({ x: 133.33333, y: -50 }, { x: 900, y: 200.123456 }, box)!;
    expect(region.x + region.width).toBeLessThanOrEqual(1);
    expect(region.y).toBe(0);
    expect(region.x + region.width).toBe(1);
    expect(recordStrikeSchema.safeParse({ recordId: '1', page: 1, region, reason: '笔误' }).success).toBe(true);
  });

  it('ignores a click or a twitch, and a page with no size', () => {
    expect(regionFromDrag({ x: 10, y: 10 }, { x: 11, y: 200 }, box)).toBeNull();
    expect(regionFromDrag({ x: 10, y: 10 }, { x: 10, y: 10 }, box)).toBeNull();
    expect(regionFromDrag({ x: 0, y: 0 }, { x: 10, y: 10 }, { width: 0, height: 10 })).toBeNull();
  });

  it('draws and describes a region in per cent of the page', () => {
    expect(regionStyle({ x: 0.1, y: 0.2, width: 0.333, height: 0.05 })).toEqual({ left: '10%', top: '20%', width: '33.3%', height: '5%' });
    expect(describeRegion({ x: 0.1, y: 0.2, width: 0.5, height: 0.05 })).toBe('左 10%、上 20%，宽 50%、高 5%');
  });

  it('sizes the unturned image inside an upright box', () => {
    expect(unturnedBox(90, 300, 400)).toEqual({ width: 400, height: 300 });
    expect(unturnedBox(180, 300, 400)).toEqual({ width: 300, height: 400 });
  });
});

describe('drops and chosen folders', () => {
  const f = (name: string, webkitRelativePath = '') => ({ name, webkitRelativePath }) as unknown as File;

  it('keeps loose files in the order given and sorts each folder by name as the core does, without hidden files', () => {
    const groups = groupDrop([f('b.jpg'), f('a.jpg')], [{ name: '询问笔录', files: [f('第10页.jpg'), f('.DS_Store'), f('第2页.jpg')] }]);
    expect(groups.map((g) => [g.folder, g.files.map((x) => x.name)])).toEqual([
      [null, ['b.jpg', 'a.jpg']],
      ['询问笔录', ['第2页.jpg', '第10页.jpg']],
    ]);
    expect(compareNames('002.jpg', '010.jpg')).toBeLessThan(0);
  });

  it('groups a chosen folder by its direct files and names the subfolders left out', () => {
    const { groups, skipped } = groupChosenFolder([f('2.jpg', '笔录/2.jpg'), f('1.jpg', '笔录/1.jpg'), f('x.jpg', '笔录/附件/x.jpg')]);
    expect(groups).toEqual([{ folder: '笔录', files: [expect.objectContaining({ name: '1.jpg' }), expect.objectContaining({ name: '2.jpg' })] }]);
    expect(skipped).toEqual(['笔录/附件']);
  });
});

describe('viewer and routes', () => {
  it('builds one file URL for the web host and the app, naming the app origin only under the dev server', () => {
    expect(fileUrl('12')).toBe('/files/12');
    expect(fileUrl('a/b')).toBe('/files/a%2Fb');
    expect(fileUrl('12', true)).toBe('app://bundle/files/12');
  });

  it('keeps page numbers inside the document and zooms in steps', () => {
    expect(clampPage(0, 5)).toBe(1);
    expect(clampPage(9, 5)).toBe(5);
    expect(clampPage(3, 0)).toBe(1);
    expect(nextZoom(1, 'in')).toBe(1.25);
    expect(nextZoom(3, 'in')).toBe(3);
    expect(nextZoom(0.5, 'out')).toBe(0.5);
    expect(nextZoom(1.1, 'out')).toBe(1);
  });

  it('addresses a record under its case', () => {
    const route = { page: 'record', caseId: '3', recordId: '17' } as const;
    expect(routeHash(route)).toBe('#/cases/3/records/17');
    expect(parseHash(routeHash(route))).toEqual(route);
    expect(parseHash('#/cases/3')).toEqual({ page: 'case', caseId: '3' });
  });
});

describe('why a record is read-only', () => {
  const record = (versions: number) => ({ versions: Array.from({ length: versions }, () => ({})) }) as unknown as RecordDto;

  it('says archived first, then signed, then no permission', () => {
    expect(lockReasonOf(record(1), '已归档', true)).toContain('已归档');
    expect(lockReasonOf(record(1), '办理中', true)).toBe('签章后不能修改；如需更正，请生成新版本');
    expect(lockReasonOf(record(0), '办理中', false)).toContain('权限');
    expect(lockReasonOf(record(0), '办理中', true)).toBeNull();
  });
});
