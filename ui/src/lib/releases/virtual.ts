// Window math for the virtualised release list: fixed row height, a sticky header inside the
// scroll container, only the visible rows plus a small overscan in the DOM.

export interface Viewport {
  scrollTop: number;
  /** Height of the scroll container, header included. */
  height: number;
  rowHeight: number;
  /** Height of the sticky header that covers the top of the viewport. */
  headerHeight: number;
}

/** Rows `[start, end)` to render. */
export interface RowRange {
  start: number;
  end: number;
}

export function visibleRange(v: Viewport, count: number, overscan: number): RowRange {
  if (count <= 0 || v.rowHeight <= 0) return { start: 0, end: 0 };
  const bodyHeight = Math.max(0, v.height - v.headerHeight);
  const top = Math.max(0, v.scrollTop);
  const first = Math.floor(top / v.rowHeight);
  const last = Math.ceil((top + bodyHeight) / v.rowHeight); // exclusive
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, Math.max(start, last + overscan));
  return { start, end };
}

/** The scrollTop that shows row `index` whole, moving as little as possible. */
export function revealRow(v: Viewport, index: number): number {
  const bodyHeight = Math.max(v.rowHeight, v.height - v.headerHeight);
  const rowTop = index * v.rowHeight;
  const rowBottom = rowTop + v.rowHeight;
  if (rowTop < v.scrollTop) return rowTop;
  if (rowBottom > v.scrollTop + bodyHeight) return rowBottom - bodyHeight;
  return v.scrollTop;
}

/** How many rows a Page Up/Down moves. */
export function pageSize(v: Viewport): number {
  return Math.max(1, Math.floor((v.height - v.headerHeight) / v.rowHeight) - 1);
}

/** Moves a cursor by `delta` rows, clamped to the list; from no cursor it starts at an end. */
export function moveCursor(current: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  if (current < 0) return delta >= 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}
