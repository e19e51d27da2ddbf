import { describe, expect, it } from 'vitest';
import {
  GAP,
  PAD,
  PX_PER_PT,
  currentPage,
  layoutPages,
  maxScrollTop,
  pageIndexOf,
  scrollTopOf,
  sectionAt,
  visiblePages,
} from './pages';

const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
const pages = (n: number) => Array.from({ length: n }, () => A4_LANDSCAPE);

describe('layoutPages', () => {
  it('fits each page to the pane width, stacked with gaps', () => {
    const l = layoutPages(pages(3), 800 + 2 * PAD, 'fit');
    expect(l.boxes[0]).toEqual({ top: PAD, width: 800, height: (595.28 * 800) / 841.89 });
    expect(l.boxes[1]!.top).toBeCloseTo(PAD + l.boxes[0]!.height + GAP);
    expect(l.height).toBeCloseTo(PAD + 3 * l.boxes[0]!.height + 2 * GAP + PAD);
    expect(l.width).toBeCloseTo(800 + 2 * PAD);
  });

  it('draws a zoom of 100 % at actual size, wider than the pane if need be', () => {
    const l = layoutPages(pages(1), 400, 1);
    expect(l.boxes[0]!.width).toBeCloseTo(841.89 * PX_PER_PT);
    expect(l.width).toBeGreaterThan(400);
  });

  it('has nothing to lay out for no pages', () => {
    expect(layoutPages([], 800, 'fit')).toEqual({ boxes: [], height: 0, width: 2 * PAD });
  });
});

describe('visiblePages', () => {
  // 500 pages of 100 px with 16 px gaps: a page every 116 px.
  const l = layoutPages(
    Array.from({ length: 500 }, () => ({ width: 100, height: 100 })),
    100 + 2 * PAD,
    'fit',
  );

  it('draws only the pages near the viewport', () => {
    expect(visiblePages(l.boxes, 0, 300)).toEqual({ start: 0, end: 4 });
    const mid = visiblePages(l.boxes, 116 * 250, 300);
    expect(mid.end - mid.start).toBeLessThanOrEqual(6);
    expect(mid.start).toBe(249);
    expect(visiblePages(l.boxes, l.height, 300).end).toBe(500);
    expect(visiblePages([], 0, 300)).toEqual({ start: 0, end: 0 });
  });

  it('knows the current page and brings any page to the top', () => {
    expect(currentPage(l, 0, 300)).toBe(0);
    const top = scrollTopOf(l, 300, 42);
    expect(currentPage(l, top, 300)).toBe(42);
    expect(scrollTopOf(l, 300, 0)).toBe(0);
    // The last page cannot reach the top: the pane stops at its end, which shows the last page.
    const end = scrollTopOf(l, 300, 499);
    expect(end).toBe(maxScrollTop(l, 300));
    expect(currentPage(l, end, 300)).toBe(499);
  });
});

describe('pageIndexOf', () => {
  it('reads a typed page number, refusing what is not a page', () => {
    expect(pageIndexOf(' 3 ', 5)).toBe(2);
    expect(pageIndexOf('0', 5)).toBeNull();
    expect(pageIndexOf('6', 5)).toBeNull();
    expect(pageIndexOf('2.5', 5)).toBeNull();
    expect(pageIndexOf('two', 5)).toBeNull();
  });
});

describe('sectionAt', () => {
  it('is the first bookmark on the page, else the last one before it', () => {
    const b = [{ page: 0 }, { page: 3 }, { page: 3 }, { page: 7 }];
    expect(sectionAt(b, 0)).toBe(0);
    expect(sectionAt(b, 3)).toBe(1);
    expect(sectionAt(b, 5)).toBe(2);
    expect(sectionAt(b, 9)).toBe(3);
    expect(sectionAt([{ page: 2 }], 1)).toBe(-1);
  });
});
