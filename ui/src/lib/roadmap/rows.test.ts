import { describe, expect, it } from 'vitest';
import type { Layout, Row } from '../ipc/bindings';
import { visibleRange } from '../releases/virtual';
import { buildLines, type Line } from './rows';

/** What a line shows, to compare lists of them: its group's code or its release's key. */
const shows = (line: Line) => (line.type === 'group' ? `g:${line.group.code}` : `r:${line.row.key}`);

const row = (index: number): Row => ({ key: `R${index}`, title: 't', status: 'planned', kind: 'minor', index, bars: [], violated: false, conflicts: 0, blocking_conflicts: 0 });

const layout = (n: number): Layout => ({
  today: '2027-01-01',
  from: '2027-01-01',
  to: '2027-12-31',
  rows: Array.from({ length: n }, (_, i) => row(i)),
  groups: [
    { code: 'CRM', name: 'CRM', rows: Array.from({ length: n / 2 }, (_, i) => i) },
    { code: 'PAY', name: 'Payments', rows: Array.from({ length: n / 2 }, (_, i) => i + n / 2) },
  ],
  arrows: [],
  ci_arrows: [],
  baseline: null,
  critical_path: [],
});

describe('buildLines', () => {
  it('puts a header line before each group and maps rows to lines', () => {
    const { lines, lineOfRow } = buildLines(layout(4), new Set());
    expect(lines.map(shows)).toEqual(['g:CRM', 'r:R0', 'r:R1', 'g:PAY', 'r:R2', 'r:R3']);
    expect(lineOfRow.get(2)).toBe(4);
  });

  it('leaves out the rows of a collapsed group', () => {
    const { lines, lineOfRow } = buildLines(layout(4), new Set(['CRM']));
    expect(lines.map(shows)).toEqual(['g:CRM', 'g:PAY', 'r:R2', 'r:R3']);
    expect(lines[0]).toMatchObject({ type: 'group', collapsed: true });
    expect(lineOfRow.has(0)).toBe(false);
    expect(lineOfRow.get(3)).toBe(3);
  });

  it('gives a window of a screenful out of 5,000 releases', () => {
    const { lines } = buildLines(layout(5000), new Set());
    const r = visibleRange({ scrollTop: 32 * 2500, height: 700, rowHeight: 32, headerHeight: 44 }, lines.length, 4);
    expect(r.end - r.start).toBeLessThan(40);
    expect(lines[r.start]).toBeDefined();
  });
});

describe('the line near today', () => {
  it('is the first release with a milestone ending in the last two weeks or later, with its group header', async () => {
    const { lineNearToday } = await import('./rows');
    const bar = (end: string) => ({ end }) as never;
    const row = (key: string, ends: string[]) => ({ type: 'row', row: { key, bars: ends.map(bar) }, group: 'A' }) as never;
    const header = { type: 'group', group: { code: 'A' }, collapsed: false } as never;
    const lines = [header, row('OLD', ['2026-01-10']), row('NEAR', ['2026-11-12']), header, row('LATER', ['2027-02-01'])];
    expect(lineNearToday(lines, '2026-11-22')).toBe(2);
    expect(lineNearToday([header, row('X', ['2026-11-30'])], '2026-11-22')).toBe(0);
    expect(lineNearToday([header, row('OLD', ['2020-01-01'])], '2026-11-22')).toBe(0);
  });
});
