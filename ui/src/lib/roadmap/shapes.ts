// The arrows of the rows in the DOM, as SVG paths in the drawn band's coordinates: the plan's
// dependencies and the links implied by configuration items (each their own style), whole or as
// stubs to the view's edge when the other end is off screen (see routes.ts).

import type { DepKind, Layout, MilestoneKind, WhatIf } from '../ipc/bindings';
import { MILESTONE_LABELS } from '../labels';
import { STUB, anchors, elbowPath, type Point } from './arrows';
import { edgeX } from './bars';
import { previewDates, type Preview } from './drag';
import type { Side } from './link';
import { edges, routeOf, stubPath, type ArrowEnd, type Window } from './routes';
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
  /** The x of its run to the edge, and the edge's y. */
  x: number;
  edgeY: number;
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

const id = (m: { release: string; kind: string }) => `${m.release}|${m.kind}`;
const pair = (f: string, t: string) => `${f}>${t}`;

export function arrowShapes(p: ShapeInput): { arrows: ArrowShape[]; stubs: StubShape[] } {
  const { layout: l, window: w } = p;
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
    return { x: x - p.bandX0, y: (e.line - w.drawn.start) * p.rowHeight + p.rowHeight / 2 };
  };
  // While a move is previewed, the dependencies it would break or repair are drawn as they would be.
  const broken = new Set((p.outcome?.newly_violated ?? []).map((v) => pair(id(v.from), id(v.to))));
  const repaired = new Set((p.outcome?.resolved ?? []).map((v) => pair(id(v.from), id(v.to))));
  const touching = new Set<number>();
  for (const r of p.drawnRows) for (const i of p.byRow.get(r) ?? []) touching.add(i);
  const width = p.bandX1 - p.bandX0;
  const { top, bottom } = edges(w, p.rowHeight);

  for (const i of [...touching].sort((x, y) => x - y)) {
    const a = p.links[i];
    if (!a) continue;
    const an = anchors(a.kind);
    const from = end(a.from_row, a.from_kind, an.from);
    const to = end(a.to_row, a.to_kind, an.to);
    const route = routeOf(from, to, w);
    if (!route) continue;
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
      arrows.push({ ...base, d: elbowPath(f, t, p.rowHeight) });
      continue;
    }
    const [near, far] = route.near === 'from' ? [from, to] : [to, from];
    const at = point(near);
    if (!at || at.x < 0 || at.x > width) continue;
    const edgeY = route.edge === 'top' ? top : bottom;
    const { d, x } = stubPath(at, near.side, route.near, edgeY);
    const otherKey = l.rows[far.row]?.key ?? '?';
    const text = `${otherKey} ${MILESTONE_LABELS[far.kind]}`;
    const why = a.implied ? `implied by configuration items: ${a.reasons.join('; ')}` : violated ? 'broken dependency' : 'dependency';
    const dir = route.near === 'from' ? 'holds up' : 'waits for';
    const hidden = far.line === undefined ? ' (its group is collapsed)' : '';
    stubs.push({
      ...base,
      d,
      near: route.near,
      edge: route.edge,
      x,
      edgeY,
      other: { row: far.row, key: otherKey, kind: far.kind },
      text,
      title: `${l.rows[near.row]?.key} ${dir} ${text}${hidden}: ${why}. Click to go to it.`,
    });
  }
  return { arrows, stubs };
}
