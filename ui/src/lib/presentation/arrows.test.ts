import { describe, expect, it } from 'vitest';
import type { Bar, Layout, Row } from '../ipc/bindings';
import { bar } from '../../test/layout';
import { quarterArrows } from './arrows';
import { quarterGroups } from './slides';

const row = (index: number, key: string, bars: Bar[]): Row => ({ key, title: key, status: 'planned', kind: 'minor', index, bars, violated: false, conflicts: 0, blocking_conflicts: 0 });

// Q1 2027 has 90 days: 1 January is at 0, 1 April at 1.
const layout: Layout = {
  today: '2027-02-01',
  from: '2027-01-01',
  to: '2027-06-30',
  groups: [{ code: 'PAY', name: 'Payments', rows: [0, 1, 2] }],
  rows: [
    row(0, 'A', [bar('build', '2027-01-01', '2027-01-09'), bar('deployment', '2027-01-20')]),
    row(1, 'B', [bar('build', '2027-02-01', '2027-02-10')]),
    row(2, 'C', [bar('build', '2027-05-01', '2027-05-10')]),
  ],
  arrows: [
    { from_row: 0, from_kind: 'build', to_row: 1, to_kind: 'build', kind: 'fs', lag_days: 0, violated: false, critical: true },
    // A's own chain: left out unless broken.
    { from_row: 0, from_kind: 'build', to_row: 0, to_kind: 'deployment', kind: 'fs', lag_days: 0, violated: false, critical: false },
    // C is not in the quarter: no arrow.
    { from_row: 1, from_kind: 'build', to_row: 2, to_kind: 'build', kind: 'fs', lag_days: 0, violated: true, critical: false },
  ],
  ci_arrows: [{ from_row: 0, from_kind: 'deployment', to_row: 1, to_kind: 'build', reasons: ['b depends on a'] }],
  baseline: null,
  critical_path: [],
};

describe('quarterArrows', () => {
  it('draws the arrows between milestones of the quarter, finish to start, and the implied ones', () => {
    const arrows = quarterArrows(layout, quarterGroups(layout, { year: 2027, q: 1 }));
    expect(arrows.map((a) => a.id)).toEqual(['d0', 'c0']);
    const [dep, ci] = arrows;
    expect(dep).toMatchObject({ fromRow: 0, toRow: 1, critical: true, implied: false, violated: false });
    expect(dep!.fromX).toBeCloseTo(9 / 90);
    expect(dep!.toX).toBeCloseTo(31 / 90);
    expect(dep!.title).toBe('A build → B build (finish-to-start)');
    // From a diamond: its centre (the component stops the line at its corner).
    expect(ci).toMatchObject({ implied: true, fromDiamond: true, toDiamond: false });
    expect(ci!.fromX).toBeCloseTo(19.5 / 90);
    expect(ci!.title).toContain('implied: b depends on a');
  });

  it('keeps a release’s own chain when it is broken', () => {
    const broken: Layout = { ...layout, arrows: [{ ...layout.arrows[1]!, violated: true }], ci_arrows: [] };
    const arrows = quarterArrows(broken, quarterGroups(broken, { year: 2027, q: 1 }));
    expect(arrows).toHaveLength(1);
    expect(arrows[0]).toMatchObject({ fromRow: 0, toRow: 0, violated: true });
  });
});
