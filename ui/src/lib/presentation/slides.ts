// What the CAB presentation shows of the roadmap's layout: the rows and bars of one quarter, the
// releases awaiting a decision (the meeting's agenda) and the dependencies of a release.

import type { Arrow, Bar, DepKind, Layout, MilestoneKind, ReleaseStatus, Row } from '../ipc/bindings';
import { offsetIn, quarterBounds, quarterOf, type Quarter } from './quarter';

/** The statuses a CAB decides on: approval to build, and authorization to deploy. */
export const AWAITING: readonly ReleaseStatus[] = ['submitted_to_cab', 'awaiting_authorization'];

export const isAwaiting = (status: ReleaseStatus): boolean => AWAITING.includes(status);

/** A bar clipped to the quarter; left and width are fractions of the quarter's width. */
export interface QuarterBar {
  bar: Bar;
  left: number;
  width: number;
  /** The milestone starts before the quarter (or ends after it): drawn with an open end. */
  clippedStart: boolean;
  clippedEnd: boolean;
  /** On a violated dependency. */
  violated: boolean;
}

export interface QuarterRow {
  row: Row;
  bars: QuarterBar[];
}

export interface QuarterGroup {
  code: string;
  name: string;
  rows: QuarterRow[];
}

const milestoneId = (row: number, kind: MilestoneKind) => `${row}:${kind}`;

/** The milestones on a violated dependency, as "row:kind". */
function violatedMilestones(arrows: readonly Arrow[]): Set<string> {
  const out = new Set<string>();
  for (const a of arrows) {
    if (!a.violated) continue;
    out.add(milestoneId(a.from_row, a.from_kind));
    out.add(milestoneId(a.to_row, a.to_kind));
  }
  return out;
}

/**
 * The releases with a milestone in the quarter, grouped by application in the layout's order,
 * each with only its bars that overlap the quarter, clipped to it. Empty groups are left out.
 */
export function quarterGroups(layout: Layout, quarter: Quarter): QuarterGroup[] {
  const { start, end } = quarterBounds(quarter);
  const violated = violatedMilestones(layout.arrows);
  const groups: QuarterGroup[] = [];
  for (const g of layout.groups) {
    const rows: QuarterRow[] = [];
    for (const index of g.rows) {
      const row = layout.rows[index];
      if (!row) continue;
      const bars = row.bars
        .filter((b) => b.start <= end && b.end >= start)
        .map((bar) => {
          const left = Math.max(0, offsetIn(quarter, bar.start));
          const right = Math.min(1, offsetIn(quarter, bar.end, true));
          return {
            bar,
            left,
            width: Math.max(0, right - left),
            clippedStart: bar.start < start,
            clippedEnd: bar.end > end,
            violated: violated.has(milestoneId(row.index, bar.kind)),
          };
        });
      if (bars.length) rows.push({ row, bars });
    }
    if (rows.length) groups.push({ code: g.code, name: g.name, rows });
  }
  return groups;
}

/** A release on the agenda: awaiting a decision, with the date it is ordered by. */
export interface AgendaItem {
  key: string;
  title: string;
  status: ReleaseStatus;
  /** Index of its row in the layout. */
  row: number;
  /** The planned deployment (else the window, else the first milestone); null when undated. */
  date: string | null;
}

/** The date a release is ordered by: its deployment milestone, else its window, else its first milestone. */
export function agendaDate(row: Row, windowStart?: string | null): string | null {
  const deployment = row.bars.find((b) => b.kind === 'deployment');
  if (deployment) return deployment.start;
  if (windowStart) return windowStart.slice(0, 10);
  const first = row.bars.map((b) => b.start).sort()[0];
  return first ?? null;
}

/**
 * The releases awaiting a decision (submitted to CAB, awaiting authorization), soonest first;
 * undated ones last; ties by key. `windows` gives a release's deployment window start by key,
 * for releases without a deployment milestone.
 */
export function awaitingDecision(layout: Layout, windows: ReadonlyMap<string, string | null> = new Map()): AgendaItem[] {
  return layout.rows
    .filter((r) => isAwaiting(r.status))
    .map((r) => ({ key: r.key, title: r.title, status: r.status, row: r.index, date: agendaDate(r, windows.get(r.key)) }))
    .sort((a, b) => {
      if (a.date !== b.date) {
        if (a.date === null) return 1;
        if (b.date === null) return -1;
        return a.date < b.date ? -1 : 1;
      }
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    });
}

/** The quarter to show an agenda item in: its date's, or the current one when it has none. */
export function quarterFor(item: AgendaItem, current: Quarter): Quarter {
  return item.date ? quarterOf(item.date) : current;
}

export const DEP_KIND_LABELS: Record<DepKind, string> = {
  fs: 'finish-to-start',
  ss: 'start-to-start',
  ff: 'finish-to-finish',
  sf: 'start-to-finish',
};

/** One dependency of a release, seen from that release. */
export interface Link {
  /** The other release. */
  key: string;
  title: string;
  /** The milestone of the other release, and of this one. */
  theirs: MilestoneKind;
  ours: MilestoneKind;
  kind: DepKind;
  lag_days: number;
  violated: boolean;
}

/** The dependencies of a row: upstream (it waits for them) and downstream (they wait for it). */
export function dependenciesOf(layout: Layout, row: number): { upstream: Link[]; downstream: Link[] } {
  const link = (a: Arrow, other: number, theirs: MilestoneKind, ours: MilestoneKind): Link => ({
    key: layout.rows[other]?.key ?? '?',
    title: layout.rows[other]?.title ?? '',
    theirs,
    ours,
    kind: a.kind,
    lag_days: a.lag_days,
    violated: a.violated,
  });
  // The CAB asks about other releases: the release's own phase chain (build after planning…)
  // is left out unless it is broken.
  const relevant = (a: Arrow) => a.from_row !== a.to_row || a.violated;
  return {
    upstream: layout.arrows
      .filter((a) => a.to_row === row && relevant(a))
      .map((a) => link(a, a.from_row, a.from_kind, a.to_kind)),
    downstream: layout.arrows
      .filter((a) => a.from_row === row && relevant(a))
      .map((a) => link(a, a.to_row, a.to_kind, a.from_kind)),
  };
}

/** The violated dependencies touching any of the given rows (the quarter's conflicts). */
export function violatedAmong(layout: Layout, rows: ReadonlySet<number>): Arrow[] {
  return layout.arrows.filter((a) => a.violated && (rows.has(a.from_row) || rows.has(a.to_row)));
}
