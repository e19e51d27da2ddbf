// The dependency arrows of the CAB presentation: between the milestones of the quarter on screen,
// where each end sits (a fraction of the quarter's width), and what kind of link it is. A
// release's own chain of phases is left out unless it is broken, as on its card.

import type { DepKind, Layout, MilestoneKind } from '../ipc/bindings';
import { milestoneWord } from '../labels';
import { anchors } from '../roadmap/arrows';
import { DEP_KIND_LABELS, type QuarterBar, type QuarterGroup } from './slides';

export interface QuarterArrow {
  id: string;
  /** Row indexes (in the layout) and where the arrow leaves and enters, as fractions of the quarter. */
  fromRow: number;
  toRow: number;
  fromX: number;
  toX: number;
  /** The ends are diamonds: the arrow stops short of their centre. */
  fromDiamond: boolean;
  toDiamond: boolean;
  violated: boolean;
  critical: boolean;
  /** Implied by configuration items (drawn dotted). */
  implied: boolean;
  /** "PAY-1 Deployment → CRM-1 Deployment (finish-to-start)". */
  title: string;
}

/** Where an arrow attaches to a bar of the quarter: its left or right end (a diamond: its centre). */
function attach(b: QuarterBar, side: 'start' | 'end'): number {
  if (b.bar.diamond) return b.left + b.width / 2;
  return side === 'start' ? b.left : b.left + b.width;
}

export function quarterArrows(layout: Layout, groups: readonly QuarterGroup[]): QuarterArrow[] {
  const bars = new Map<string, QuarterBar>();
  for (const g of groups) for (const r of g.rows) for (const b of r.bars) bars.set(`${r.row.index}|${b.bar.kind}`, b);
  const label = (row: number, kind: MilestoneKind) => `${layout.rows[row]?.key ?? '?'} ${milestoneWord(kind)}`;
  const out: QuarterArrow[] = [];
  const add = (
    id: string,
    a: { from_row: number; from_kind: MilestoneKind; to_row: number; to_kind: MilestoneKind },
    kind: DepKind,
    flags: { violated: boolean; critical: boolean; implied: boolean },
    why: string,
  ) => {
    const from = bars.get(`${a.from_row}|${a.from_kind}`);
    const to = bars.get(`${a.to_row}|${a.to_kind}`);
    if (!from || !to) return;
    const sides = anchors(kind);
    out.push({
      id,
      fromRow: a.from_row,
      toRow: a.to_row,
      fromX: attach(from, sides.from),
      toX: attach(to, sides.to),
      fromDiamond: from.bar.diamond,
      toDiamond: to.bar.diamond,
      ...flags,
      title: `${label(a.from_row, a.from_kind)} → ${label(a.to_row, a.to_kind)} (${why})`,
    });
  };
  layout.arrows.forEach((a, i) => {
    if (a.from_row === a.to_row && !a.violated) return;
    add(`d${i}`, a, a.kind, { violated: a.violated, critical: a.critical, implied: false }, `${DEP_KIND_LABELS[a.kind]}${a.violated ? ', broken' : ''}`);
  });
  layout.ci_arrows.forEach((a, i) => {
    add(`c${i}`, a, 'fs', { violated: false, critical: false, implied: true }, `implied: ${a.reasons.join('; ')}`);
  });
  return out;
}
