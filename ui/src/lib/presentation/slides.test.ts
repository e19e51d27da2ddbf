import { describe, expect, it } from 'vitest';
import type { Bar, Layout, ReleaseStatus, Row } from '../ipc/bindings';
import { bar } from '../../test/layout';
import { agendaDate, awaitingDecision, dependenciesOf, quarterFor, quarterGroups, violatedAmong } from './slides';

function row(index: number, key: string, status: ReleaseStatus, bars: Bar[]): Row {
  return { key, title: `Title ${key}`, status, kind: 'minor', index, bars, violated: false, conflicts: 0, blocking_conflicts: 0 };
}

function layout(rows: Row[], groups: Layout['groups'], arrows: Layout['arrows'] = []): Layout {
  return { today: '2027-02-10', from: '2026-11-01', to: '2027-08-01', groups, rows, arrows, ci_arrows: [], baseline: null, critical_path: [] };
}

const rows = [
  row(0, 'PAY-1', 'submitted_to_cab', [bar('build', '2026-12-01', '2027-01-20'), bar('deployment', '2027-03-01')]),
  row(1, 'PAY-2', 'planned', [bar('build', '2027-05-01', '2027-05-20')]),
  row(2, 'CRM-1', 'awaiting_authorization', [bar('test', '2027-02-01', '2027-02-10'), bar('deployment', '2027-02-15')]),
  row(3, 'CRM-2', 'submitted_to_cab', [bar('deployment', '2027-02-15')]),
  row(4, 'OPS-1', 'awaiting_authorization', []),
  row(5, 'CRM-3', 'approved', [bar('test', '2027-03-20', '2027-04-10')]),
];
const L = layout(
  rows,
  [
    { code: 'CRM', name: 'Customer relations', rows: [2, 3, 5] },
    { code: 'PAY', name: 'Payments', rows: [0, 1] },
    { code: '', name: 'No application', rows: [4] },
  ],
  [
    { from_row: 2, from_kind: 'deployment', to_row: 0, to_kind: 'deployment', kind: 'fs', lag_days: 0, violated: false, critical: false },
    { from_row: 0, from_kind: 'build', to_row: 5, to_kind: 'test', kind: 'fs', lag_days: 2, violated: true, critical: false },
  ],
);

describe('the quarter filter', () => {
  it('keeps the releases with a milestone in the quarter, by application, and only those bars', () => {
    const groups = quarterGroups(L, { year: 2027, q: 1 });
    expect(groups.map((g) => g.code)).toEqual(['CRM', 'PAY']);
    expect(groups[0]!.rows.map((r) => r.row.key)).toEqual(['CRM-1', 'CRM-2', 'CRM-3']);
    expect(groups[1]!.rows.map((r) => r.row.key)).toEqual(['PAY-1']);
    expect(groups[1]!.rows[0]!.bars.map((b) => b.bar.kind)).toEqual(['build', 'deployment']);
  });

  it('clips bars to the quarter and flags the open ends', () => {
    const [crm, pay] = quarterGroups(L, { year: 2027, q: 1 });
    const build = pay!.rows[0]!.bars[0]!;
    expect(build.clippedStart).toBe(true);
    expect(build.clippedEnd).toBe(false);
    expect(build.left).toBe(0);
    expect(build.width).toBeCloseTo(20 / 90);
    const test = crm!.rows[2]!.bars[0]!;
    expect(test.clippedEnd).toBe(true);
    expect(test.left + test.width).toBe(1);
    const deploy = pay!.rows[0]!.bars[1]!;
    expect(deploy.left).toBeCloseTo(59 / 90);
    expect(deploy.width).toBeCloseTo(1 / 90);
  });

  it('marks the milestones on violated dependencies', () => {
    const [crm, pay] = quarterGroups(L, { year: 2027, q: 1 });
    expect(pay!.rows[0]!.bars.map((b) => b.violated)).toEqual([true, false]);
    expect(crm!.rows[2]!.bars[0]!.violated).toBe(true);
    expect(crm!.rows[0]!.bars.every((b) => !b.violated)).toBe(true);
  });

  it('shows an empty quarter as no groups', () => {
    expect(quarterGroups(L, { year: 2030, q: 1 })).toEqual([]);
    expect(quarterGroups(L, { year: 2027, q: 2 }).flatMap((g) => g.rows.map((r) => r.row.key))).toEqual(['CRM-3', 'PAY-2']);
  });
});

describe('the agenda', () => {
  it('lists the releases awaiting a decision by deployment date, ties by key, undated last', () => {
    const items = awaitingDecision(L);
    expect(items.map((i) => i.key)).toEqual(['CRM-1', 'CRM-2', 'PAY-1', 'OPS-1']);
    expect(items.map((i) => i.date)).toEqual(['2027-02-15', '2027-02-15', '2027-03-01', null]);
    expect(items[0]!.row).toBe(2);
  });

  it('falls back on the window, then the first milestone', () => {
    expect(agendaDate(rows[4]!, '2027-01-05T22:00:00')).toBe('2027-01-05');
    expect(agendaDate(rows[1]!)).toBe('2027-05-01');
    expect(agendaDate(rows[0]!, '2026-01-01T00:00:00')).toBe('2027-03-01');
    const items = awaitingDecision(L, new Map([['OPS-1', '2027-01-05T22:00:00']]));
    expect(items.map((i) => i.key)).toEqual(['OPS-1', 'CRM-1', 'CRM-2', 'PAY-1']);
  });

  it('shows each item in its own quarter', () => {
    const [first, , , undated] = awaitingDecision(L);
    expect(quarterFor(first!, { year: 2026, q: 4 })).toEqual({ year: 2027, q: 1 });
    expect(quarterFor(undated!, { year: 2026, q: 4 })).toEqual({ year: 2026, q: 4 });
  });
});

describe('dependencies', () => {
  it('sees upstream and downstream links from the release', () => {
    const d = dependenciesOf(L, 0);
    expect(d.upstream).toEqual([
      { key: 'CRM-1', title: 'Title CRM-1', theirs: 'deployment', ours: 'deployment', kind: 'fs', lag_days: 0, violated: false },
    ]);
    expect(d.downstream).toEqual([
      { key: 'CRM-3', title: 'Title CRM-3', theirs: 'test', ours: 'build', kind: 'fs', lag_days: 2, violated: true },
    ]);
    expect(dependenciesOf(L, 1)).toEqual({ upstream: [], downstream: [] });
  });

  it('finds the violated dependencies among shown rows', () => {
    expect(violatedAmong(L, new Set([5]))).toHaveLength(1);
    expect(violatedAmong(L, new Set([1, 2]))).toHaveLength(0);
  });
});
