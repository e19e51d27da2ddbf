import { describe, expect, it } from 'vitest';
import { moveCursor, pageSize, revealRow, visibleRange, type Viewport } from './virtual';

const vp = (scrollTop: number): Viewport => ({ scrollTop, height: 332, rowHeight: 30, headerHeight: 32 });

describe('visibleRange', () => {
  it('renders the rows under the viewport plus the overscan', () => {
    // body is 300px = 10 rows at the top
    expect(visibleRange(vp(0), 5000, 0)).toEqual({ start: 0, end: 10 });
    expect(visibleRange(vp(0), 5000, 5)).toEqual({ start: 0, end: 15 });
    // half-scrolled row 3 is still partly visible
    expect(visibleRange(vp(105), 5000, 0)).toEqual({ start: 3, end: 14 });
    expect(visibleRange(vp(105), 5000, 4)).toEqual({ start: 0, end: 18 });
  });

  it('never renders more than a screenful plus overscan, whatever the count', () => {
    const r = visibleRange(vp(60_000), 5000, 6);
    expect(r.end - r.start).toBeLessThanOrEqual(10 + 1 + 12);
    expect(r.start).toBe(1994);
  });

  it('clamps to the list at the end and for short or empty lists', () => {
    expect(visibleRange(vp(149_700), 5000, 5)).toEqual({ start: 4985, end: 5000 });
    expect(visibleRange(vp(0), 3, 5)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(vp(0), 0, 5)).toEqual({ start: 0, end: 0 });
    // a scroll position left over from a longer list
    expect(visibleRange(vp(90_000), 10, 2)).toEqual({ start: 10, end: 10 });
  });
});

describe('revealRow', () => {
  it('does not move when the row is already whole in view', () => {
    expect(revealRow(vp(0), 0)).toBe(0);
    expect(revealRow(vp(0), 9)).toBe(0);
  });

  it('scrolls up to a row above and down just enough for a row below', () => {
    expect(revealRow(vp(300), 2)).toBe(60);
    expect(revealRow(vp(0), 10)).toBe(30); // row 10 ends at 330, body is 300 high
    expect(revealRow(vp(0), 4999)).toBe(149_700);
  });
});

describe('cursor movement', () => {
  it('moves and clamps', () => {
    expect(moveCursor(5, 1, 10)).toBe(6);
    expect(moveCursor(9, 1, 10)).toBe(9);
    expect(moveCursor(0, -1, 10)).toBe(0);
    expect(moveCursor(3, 100, 10)).toBe(9);
  });

  it('starts at the top going down and at the bottom going up', () => {
    expect(moveCursor(-1, 1, 10)).toBe(0);
    expect(moveCursor(-1, -1, 10)).toBe(9);
    expect(moveCursor(-1, 1, 0)).toBe(-1);
  });

  it('pages by a screenful less one row', () => {
    expect(pageSize(vp(0))).toBe(9);
  });
});
