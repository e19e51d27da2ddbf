// The preview's pages stacked in a scrolling pane: each page's box at the chosen zoom, which pages
// are near the viewport (only those are drawn: a poster of thousands of releases has hundreds of
// pages), and which page is the current one for "Page N of M".

/** CSS pixels per point at 100 %. */
export const PX_PER_PT = 96 / 72;

/** `fit`: each page as wide as the pane; a number: that zoom (1 = actual size). */
export type Zoom = 'fit' | number;

export const ZOOMS: readonly { value: Zoom; label: string }[] = [
  { value: 'fit', label: 'Fit width' },
  { value: 0.5, label: '50 %' },
  { value: 0.75, label: '75 %' },
  { value: 1, label: '100 %' },
  { value: 1.5, label: '150 %' },
  { value: 2, label: '200 %' },
];

export interface PageBox {
  top: number;
  width: number;
  height: number;
}

export interface PageLayout {
  boxes: PageBox[];
  /** Height of everything, gaps and padding included. */
  height: number;
  /** Width of the widest page, padding included. */
  width: number;
}

export const GAP = 16;
export const PAD = 16;

/** Boxes for pages of the given sizes (points) in a pane `paneWidth` CSS pixels wide. */
export function layoutPages(
  sizes: readonly { width: number; height: number }[],
  paneWidth: number,
  zoom: Zoom,
): PageLayout {
  const room = Math.max(80, paneWidth - 2 * PAD);
  let top = PAD;
  let widest = 0;
  const boxes = sizes.map((s) => {
    const scale = zoom === 'fit' ? room / Math.max(1, s.width) : zoom * PX_PER_PT;
    const box = { top, width: s.width * scale, height: s.height * scale };
    top += box.height + GAP;
    widest = Math.max(widest, box.width);
    return box;
  });
  return { boxes, height: boxes.length ? top - GAP + PAD : 0, width: widest + 2 * PAD };
}

/** The first page whose bottom is below `y`. */
function firstBelow(boxes: readonly PageBox[], y: number): number {
  let lo = 0;
  let hi = boxes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const b = boxes[mid]!;
    if (b.top + b.height <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pages `[start, end)` that meet the viewport, with `overscan` pages more on each side. */
export function visiblePages(
  boxes: readonly PageBox[],
  scrollTop: number,
  viewHeight: number,
  overscan = 1,
): { start: number; end: number } {
  if (!boxes.length) return { start: 0, end: 0 };
  const first = firstBelow(boxes, scrollTop);
  let last = first;
  while (last < boxes.length && boxes[last]!.top < scrollTop + viewHeight) last++;
  return { start: Math.max(0, first - overscan), end: Math.min(boxes.length, Math.max(last, first + 1) + overscan) };
}

/** The furthest the pane scrolls. */
export function maxScrollTop(layout: PageLayout, viewHeight: number): number {
  return Math.max(0, layout.height - viewHeight);
}

/**
 * The page a reader is on: the one across the upper third of the viewport, or the last page
 * once the pane is scrolled to the end (the last pages may never reach the top).
 */
export function currentPage(layout: PageLayout, scrollTop: number, viewHeight: number): number {
  const { boxes } = layout;
  if (!boxes.length) return 0;
  if (scrollTop > 0 && scrollTop >= maxScrollTop(layout, viewHeight) - 1) return boxes.length - 1;
  return Math.min(boxes.length - 1, firstBelow(boxes, scrollTop + viewHeight / 3));
}

/** The scrollTop that brings page `index` to the top of the viewport, as far as the pane scrolls. */
export function scrollTopOf(layout: PageLayout, viewHeight: number, index: number): number {
  const b = layout.boxes[Math.min(Math.max(0, index), layout.boxes.length - 1)];
  if (!b || index <= 0) return 0;
  return Math.min(Math.max(0, b.top - PAD / 2), maxScrollTop(layout, viewHeight));
}

/** A page number typed by the user (1-based) as an index, or null when it is not a page. */
export function pageIndexOf(typed: string, count: number): number | null {
  const n = Number(typed.trim());
  if (!Number.isInteger(n) || n < 1 || n > count) return null;
  return n - 1;
}

/**
 * The bookmark of the section page `index` is in: the first that starts on that page, else the
 * last one before it; -1 before the first.
 */
export function sectionAt(bookmarks: readonly { page: number }[], index: number): number {
  const here = bookmarks.findIndex((b) => b.page === index);
  if (here >= 0) return here;
  let found = -1;
  bookmarks.forEach((b, i) => {
    if (b.page < index) found = i;
  });
  return found;
}
