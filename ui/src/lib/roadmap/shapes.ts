// The arrows of the rows in the DOM, as SVG paths: the plan's dependencies and the links implied
// by configuration items (each their own style), whole or as stubs to the view's edge when the
// other end is off screen (see routes.ts). x is from the drawn band's left, y from the timeline
// body's top: an arrow between two rows on screen keeps its path while the chart scrolls, and
// keeps its object too (ShapeCache), so a scroll step redraws only the arrows that changed.

import type { DepKind, Layout, MilestoneKind, WhatIf } from '../ipc/bindings';
import { milestoneLabel } from '../labels';
import { STUB, anchors, elbowPath, type Point } from './arrows';
import { edgeX } from './bars';
import { previewDates, type Preview } from './drag';
import type { Side } from './link';
import { routeOf, stubPath, type ArrowEnd, type Window } from './routes';
import type { Lines } from './rows';
import type { Scale } from './scale';

/** An arrow of the layout: a dependency of the plan, or a link implied by configuration items. */
export interface Link {
  id: string;
  implied: boolean;
  from_row: number;
  from_kind: MilestoneKind;
  to_row: number;
  to_kind: MilestoneKind;
  kind: DepKind;
  lag_days: number;
  violated: boolean;
  critical: boolean;
  /** For an implied link: the CI dependencies behind it. */
  reasons: string[];
}

/** Every arrow of a layout: its dependencies, then the links implied by CIs (drawn finish to start). */
export function linksOf(layout: Layout): Link[] {
  return [
    ...layout.arrows.map((a, i) => ({ ...a, id: `d${i}`, implied: false, reasons: [] })),
    ...layout.ci_arrows.map((a, i) => ({
      ...a,
      id: `c${i}`,
      implied: true,
      kind: 'fs' as const,
      lag_days: 0,
      violated: false,
      critical: false,
    })),
  ];
}

/** The links touching each row, by row index: a scroll step looks only at the rows on screen. */
export function linksByRow(links: readonly Link[]): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (const [i, a] of links.entries()) {
    for (const r of a.from_row === a.to_row ? [a.from_row] : [a.from_row, a.to_row]) {
      const list = m.get(r);
      if (list) list.push(i);
      else m.set(r, [i]);
    }
  }
  return m;
}

export interface ArrowShape {
  id: string;
  d: string;
  implied: boolean;
  violated: boolean;
  critical: boolean;
  /** Its ends as "KEY|kind". */
  from: string;
  to: string;
}

export interface StubShape extends ArrowShape {
  /** The end on screen: the predecessor (the stub leaves it) or the successor (an arrowhead on it). */
  near: 'from' | 'to';
  edge: 'top' | 'bottom';
  /** The x of its run towards the other end (its label's place along the edge). */
  x: number;
  /** The end off screen. */
  other: { row: number; key: string; kind: MilestoneKind };
  /** "REL-2 Deployment". */
  text: string;
  title: string;
}

export interface ShapeInput {
  layout: Layout;
  links: readonly Link[];
  byRow: ReadonlyMap<number, number[]>;
  lines: Lines;
  /** Row indexes of the lines in the DOM. */
  drawnRows: readonly number[];
  window: Window;
  scale: Scale;
  preview: Preview | null;
  outcome: WhatIf | null;
  /** The drawn band's horizontal extent (px on the timeline). */
  bandX0: number;
  bandX1: number;
  rowHeight: number;
  /** A diamond's side in px. */
  diamond: number;
}

/**
 * How far past the view's edge a stub may run, in px (see arrowShapes). Longer stubs are redrawn
 * less often while scrolling but cost more to paint every frame (the implied links' dashes most):
 * at 5,000 releases, with those links dotted, 1,024 px gave 27 ms median and 75 ms 95th-percentile frames scrolling down, 256 px 24
 * and 48, 128 px the same as 256.
 */
export const REACH = 256;

const id = (m: { release: string; kind: string }) => `${m.release}|${m.kind}`;
const pair = (f: string, t: string) => `${f}>${t}`;

/** A link's shape as last drawn, with the route it was drawn for; null when it was not drawn. */
interface Cached {
  route: number;
  arrow: ArrowShape | null;
  stub: StubShape | null;
}

/**
 * The shapes of the links from one scroll step to the next: a link whose route is the same (whole,
 * or a stub to the same place) is handed back as the same object, so a scroll step makes nothing
 * new for it and the view leaves its element alone. Everything is forgotten when anything but the
 * window changes (the layout, scale, band, a what-if preview, ...).
 */
export class ShapeCache {
  private inputs: readonly unknown[] = [];
  private readonly links = new Map<number, Cached>();

  entries(p: ShapeInput): Map<number, Cached> {
    const now = [p.layout, p.links, p.lines, p.scale, p.preview, p.outcome, p.bandX0, p.bandX1, p.rowHeight, p.diamond];
    if (now.length !== this.inputs.length || now.some((v, i) => v !== this.inputs[i])) {
      this.links.clear();
      this.inputs = now;
    }
    return this.links;
  }
}

export function arrowShapes(p: ShapeInput, cache: ShapeCache = new ShapeCache()): { arrows: ArrowShape[]; stubs: StubShape[] } {
  const { layout: l, window: w } = p;
  const drawn = cache.entries(p);
  const arrows: ArrowShape[] = [];
  const stubs: StubShape[] = [];
  const end = (row: number, kind: MilestoneKind, side: Side): ArrowEnd => ({
    row,
    kind,
    side,
    line: p.lines.lineOfRow.get(row),
    header: p.lines.headerOfRow.get(row),
  });
  const point = (e: ArrowEnd): Point | null => {
    const row = l.rows[e.row];
    const bar = row?.bars.find((b) => b.kind === e.kind);
    if (!row || !bar || e.line === undefined || e.line < w.drawn.start || e.line >= w.drawn.end) return null;
    const x = edgeX(p.scale, previewDates(p.preview, row.key, bar), bar.diamond, e.side, p.diamond);
    return { x: x - p.bandX0, y: e.line * p.rowHeight + p.rowHeight / 2 };
  };
  // While a move is previewed, the dependencies it would break or repair are drawn as they would be.
  const broken = new Set((p.outcome?.newly_violated ?? []).map((v) => pair(id(v.from), id(v.to))));
  const repaired = new Set((p.outcome?.resolved ?? []).map((v) => pair(id(v.from), id(v.to))));
  const touching = new Set<number>();
  for (const r of p.drawnRows) for (const i of p.byRow.get(r) ?? []) touching.add(i);
  const width = p.bandX1 - p.bandX0;
  // A stub runs past the view's edge (and the part line beyond it) to the next multiple of REACH
  // px: its path stays the same while the view scrolls within that stretch, and stays short.
  const reach = {
    top: Math.floor(((w.visible.start - 1) * p.rowHeight) / REACH) * REACH,
    bottom: Math.ceil(((w.visible.end + 1) * p.rowHeight) / REACH) * REACH,
  };

  for (const i of [...touching].sort((x, y) => x - y)) {
    const a = p.links[i];
    if (!a) continue;
    const an = anchors(a.kind);
    const from = end(a.from_row, a.from_kind, an.from);
    const to = end(a.to_row, a.to_kind, an.to);
    const route = routeOf(from, to, w);
    if (!route) continue;
    // Towards the other end's row (or the header of its collapsed group), but no further than the
    // reach past the view's edge: the view clips the rest.
    const far = route.type === 'stub' ? (route.near === 'from' ? to : from) : null;
    let stubY = 0;
    if (far && route.type === 'stub') {
      const farLine = far.line ?? far.header ?? (route.edge === 'top' ? 0 : p.lines.lines.length);
      const farY = farLine * p.rowHeight + p.rowHeight / 2;
      stubY = route.edge === 'top' ? Math.max(farY, reach.top) : Math.min(farY, reach.bottom);
    }
    const routeKey = route.type === 'full' ? -1 : stubY * 4 + (route.near === 'from' ? 0 : 2) + (route.edge === 'top' ? 0 : 1);
    const hit = drawn.get(i);
    if (hit && hit.route === routeKey) {
      if (hit.arrow) arrows.push(hit.arrow);
      if (hit.stub) stubs.push(hit.stub);
      continue;
    }
    drawn.set(i, { route: routeKey, arrow: null, stub: null });
    const fromId = `${l.rows[a.from_row]?.key}|${a.from_kind}`;
    const toId = `${l.rows[a.to_row]?.key}|${a.to_kind}`;
    const key = pair(fromId, toId);
    const violated = !a.implied && (broken.has(key) || (a.violated && !repaired.has(key)));
    const base = { id: a.id, implied: a.implied, violated, critical: a.critical, from: fromId, to: toId };
    if (route.type === 'full') {
      const f = point(from);
      const t = point(to);
      if (!f || !t) continue;
      if ((f.x < 0 && t.x < 0) || (f.x > width && t.x > width)) continue;
      // A release's own phases one after the other: the bars say it; an arrow with no room
      // between them would only hook under the bars. Drawn when it is broken.
      if (a.from_row === a.to_row && !violated && t.x - f.x < 2 * STUB) continue;
      const arrow = { ...base, d: elbowPath(f, t, p.rowHeight) };
      drawn.set(i, { route: routeKey, arrow, stub: null });
      arrows.push(arrow);
      continue;
    }
    const near = route.near === 'from' ? from : to;
    const at = point(near);
    if (!at || at.x < 0 || at.x > width || !far) continue;
    const { d, x } = stubPath(at, near.side, route.near, stubY);
    const otherKey = l.rows[far.row]?.key ?? '?';
    const text = `${otherKey} ${milestoneLabel(far.kind)}`;
    const why = a.implied ? `implied by configuration items: ${a.reasons.join('; ')}` : violated ? 'broken dependency' : 'dependency';
    const dir = route.near === 'from' ? 'holds up' : 'waits for';
    const hidden = far.line === undefined ? ' (its group is collapsed)' : '';
    const stub: StubShape = {
      ...base,
      d,
      near: route.near,
      edge: route.edge,
      x,
      other: { row: far.row, key: otherKey, kind: far.kind },
      text,
      title: `${l.rows[near.row]?.key} ${dir} ${text}${hidden}: ${why}. Click to go to it.`,
    };
    drawn.set(i, { route: routeKey, arrow: null, stub });
    stubs.push(stub);
  }
  return { arrows, stubs };
}

/** The lines (drawn, and wholly on screen) and the band (px on the timeline) the arrows are drawn for. */
export interface ArrowWindow {
  start: number;
  end: number;
  seenStart: number;
  seenEnd: number;
  x0: number;
  x1: number;
}

/**
 * How the chart is moving: at rest; scrolling on (a wheel: see Roadmap's `scrolling`); or
 * scrolling on `fast`, more than FAST px a millisecond (a swipe, a fling), where no one reads a link.
 */
export type Motion = 'rest' | 'scrolling' | 'fast';

/**
 * 1.5 px/ms: 1,500 px, about 47 rows, a second. A mouse wheel turned steadily scrolls about
 * 700 px/s; a touchpad swipe about 2,000, and a fling starts at several thousand.
 */
export const FAST = 1.5;

/** The chart's motion from one scroll step to the next: `moved` px (across and down together) in `ms`. */
export function motionOf(scrolling: boolean, moved: number, ms: number): Motion {
  if (!scrolling) return 'rest';
  return moved > FAST * Math.max(1, ms) ? 'fast' : 'scrolling';
}

/**
 * The window to draw the arrows for: `held`, the one they were drawn for (the same object, so
 * nothing is drawn again), when `now` is the same; while the chart scrolls on, as long as the lines
 * on screen and the part of the timeline on screen (`view`, px) are still inside it; and all along
 * while it scrolls on fast: lines coming on screen then get their links when the swipe or fling
 * slows down, or stops. Otherwise `now`. The arrows are in the body's coordinates and scroll with their rows,
 * so every line on screen keeps its arrows; only the stubs' labels lag behind the view's edges
 * until the next redraw. (Drawing the links anew took a third of a frame, every third frame of a
 * fling at 5,000 releases: docs/benchmarks.md.)
 */
export function holdArrows(
  held: ArrowWindow | null,
  now: ArrowWindow,
  motion: Motion,
  view: { left: number; width: number },
): ArrowWindow {
  if (!held) return now;
  const keys = Object.keys(now) as (keyof ArrowWindow)[];
  if (keys.every((k) => held[k] === now[k])) return held;
  if (motion === 'rest') return now;
  if (motion === 'fast') return held;
  const inside =
    now.seenStart >= held.start && now.seenEnd <= held.end && view.left >= held.x0 && view.left + view.width <= held.x1;
  return inside ? held : now;
}
