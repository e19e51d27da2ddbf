// Which arrows the roadmap draws for the rows on screen, and how: whole when both ends are on
// screen; as a stub to the top or bottom edge of the view, labelled with the other end, when only
// one is. Lines are the roadmap's rows in drawing order (see rows.ts).

import type { MilestoneKind } from '../ipc/bindings';
import { STUB, type Point } from './arrows';
import type { Side } from './link';

/** The lines on screen (`visible`) and the lines in the DOM (`drawn`, a few more each side); end exclusive. */
export interface Window {
  visible: { start: number; end: number };
  drawn: { start: number; end: number };
}

/** One end of an arrow: its row, milestone and side, and the line it is drawn on (none when its group is collapsed). */
export interface ArrowEnd {
  row: number;
  kind: MilestoneKind;
  side: Side;
  line: number | undefined;
  /** For an end in a collapsed group: its group's header line. */
  header?: number;
}

export type Route =
  | { type: 'full' }
  | {
      type: 'stub';
      /** The end on screen, and the other one. */
      near: 'from' | 'to';
      edge: 'top' | 'bottom';
    }
  | null;

const inside = (l: number | undefined, r: { start: number; end: number }) => l !== undefined && l >= r.start && l < r.end;

/**
 * How an arrow is drawn: whole when both ends are on screen (or both drawn and neither on screen:
 * it may cross the view); a stub from the end on screen towards the other, off screen or in a
 * collapsed group; nothing when neither end is drawn.
 */
export function routeOf(from: ArrowEnd, to: ArrowEnd, w: Window): Route {
  const fv = inside(from.line, w.visible);
  const tv = inside(to.line, w.visible);
  if (fv && tv) return { type: 'full' };
  if (fv !== tv) {
    const [near, far] = fv ? [from, to] : [to, from];
    const farLine = far.line ?? far.header ?? 0;
    return { type: 'stub', near: fv ? 'from' : 'to', edge: farLine < (near.line ?? 0) ? 'top' : 'bottom' };
  }
  if (inside(from.line, w.drawn) && inside(to.line, w.drawn)) return { type: 'full' };
  return null;
}

/**
 * A stub's path: out of the bar on the side it links (a step of STUB), then straight towards the
 * other end's row at `farY` (in the body's coordinates, like `at`). The view clips it at its edge,
 * so it need not be drawn again as the chart scrolls. When the end on screen is the successor the
 * path runs from the far side into the bar, so the arrowhead (the path's end) sits on the bar.
 */
export function stubPath(at: Point, side: Side, near: 'from' | 'to', farY: number, stub = STUB): { d: string; x: number } {
  const r = (n: number) => Math.round(n * 10) / 10;
  const x = r(side === 'end' ? at.x + stub : at.x - stub);
  const d = near === 'from' ? `M${r(at.x)},${r(at.y)} H${x} V${r(farY)}` : `M${x},${r(farY)} V${r(at.y)} H${r(at.x)}`;
  return { d, x };
}

/** A label at a stub's end: its text, where its centre is, and the lane it takes (0 nearest the edge). */
export interface StubLabel {
  x: number;
  edge: 'top' | 'bottom';
  text: string;
}

/** Roughly how wide a label of `text` is at the roadmap's small type. */
export const labelWidth = (text: string): number => Math.ceil(text.length * 6.3) + 22;

/**
 * Lanes for the labels along each edge, so that none covers another: each label takes the first
 * lane (0 nearest the edge) where it clears the previous label by `gap`; with all `lanes` taken, or
 * with its stub outside [x0, x1] (the part of the band on screen), it gets -1 (not shown: its stub
 * still is). Labels are kept `margin` inside [x0, x1].
 */
export function laneLabels(
  labels: readonly StubLabel[],
  x0: number,
  x1: number,
  lanes = 2,
  gap = 6,
  margin = 4,
): { left: number; lane: number }[] {
  const out = labels.map(() => ({ left: 0, lane: -1 }));
  for (const edge of ['top', 'bottom'] as const) {
    const ends: number[] = Array.from({ length: lanes }, () => -Infinity);
    const order = labels
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => l.edge === edge && l.x >= x0 && l.x <= x1)
      .sort((a, b) => a.l.x - b.l.x || a.i - b.i);
    for (const { l, i } of order) {
      const w = labelWidth(l.text);
      const left = Math.max(x0 + margin, Math.min(l.x - w / 2, x1 - margin - w));
      const lane = ends.findIndex((end) => left >= end + gap);
      out[i] = { left: Math.round(left), lane };
      if (lane >= 0) ends[lane] = left + w;
    }
  }
  return out;
}
