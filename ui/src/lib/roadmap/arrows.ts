// Dependency arrows: where each end sits on its bar, and an orthogonal path between them that
// leaves the predecessor to the right and enters the successor from the left.

import type { DepKind } from '../ipc/bindings';

export interface Point {
  x: number;
  y: number;
}

/** Which side of each bar a dependency kind links: finish (end) or start. */
export function anchors(kind: DepKind): { from: 'start' | 'end'; to: 'start' | 'end' } {
  switch (kind) {
    case 'fs':
      return { from: 'end', to: 'start' };
    case 'ss':
      return { from: 'start', to: 'start' };
    case 'ff':
      return { from: 'end', to: 'end' };
    case 'sf':
      return { from: 'start', to: 'end' };
  }
}

/** The horizontal step out of and into a bar. */
export const STUB = 8;

/**
 * An SVG path from `a` to `b`. With room between them: out, across at the middle, in. Without
 * (the successor starts before the predecessor ends): out, down between the rows, back left,
 * down to the successor's row, in — so it never runs through either bar.
 */
export function elbowPath(a: Point, b: Point, rowHeight: number, stub = STUB): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  if (b.x - a.x >= 2 * stub) {
    const mid = r(a.x + Math.max(stub, (b.x - a.x) / 2));
    if (a.y === b.y) return `M${r(a.x)},${r(a.y)} H${r(b.x)}`;
    return `M${r(a.x)},${r(a.y)} H${mid} V${r(b.y)} H${r(b.x)}`;
  }
  const down = b.y >= a.y ? 1 : -1;
  const between = r(a.y + (down * rowHeight) / 2);
  return `M${r(a.x)},${r(a.y)} H${r(a.x + stub)} V${between} H${r(b.x - stub)} V${r(b.y)} H${r(b.x)}`;
}
