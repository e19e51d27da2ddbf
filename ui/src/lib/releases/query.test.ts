import { describe, expect, it } from 'vitest';
import {
  NO_FILTER,
  filterReleases,
  groupFilterOf,
  queryReleases,
  sortReleases,
  statusFilterOf,
  toggleSort,
} from './query';
import { summary } from './testRows';

const rows = [
  summary({ key: 'REL-2027.10', title: 'Payments 4.2', kind: 'major', status: 'build', applications: ['PAY'], owner: 'Ada', risk: 'high', window: { start: '2027-03-14T22:00:00', end: '2027-03-15T02:00:00' } }),
  summary({ key: 'REL-2027.9', title: 'Mobile app hotfix', kind: 'emergency', status: 'draft', applications: ['MOB', 'PAY'], owner: null, risk: 'critical' }),
  summary({ key: 'rel-2026.1', title: 'CRM refresh', kind: 'patch', status: 'closed', applications: ['CRM'], owner: 'bob', risk: 'low', window: { start: '2026-01-02T08:00:00', end: '2026-01-02T09:00:00' } }),
  summary({ key: 'REL-2027.2', title: 'Ledger', kind: 'minor', status: 'submitted_to_cab', applications: [], owner: 'Cleo', risk: 'medium', window: { start: '2027-02-01T20:00:00', end: '2027-02-01T22:00:00' } }),
];
const keys = (list: { key: string }[]) => list.map((r) => r.key);

describe('filterReleases', () => {
  it('keeps everything without a filter', () => {
    expect(filterReleases(rows, NO_FILTER)).toHaveLength(4);
  });

  it('searches key or title, case-insensitively, ignoring surrounding spaces', () => {
    expect(keys(filterReleases(rows, { ...NO_FILTER, search: '  PAYMENTS ' }))).toEqual(['REL-2027.10']);
    expect(keys(filterReleases(rows, { ...NO_FILTER, search: 'REL-2026' }))).toEqual(['rel-2026.1']);
    expect(filterReleases(rows, { ...NO_FILTER, search: 'ada' })).toEqual([]); // owner is not searched
  });

  it('filters by application, kind, status and status group together', () => {
    expect(keys(filterReleases(rows, { ...NO_FILTER, application: 'PAY' }))).toEqual(['REL-2027.10', 'REL-2027.9']);
    expect(keys(filterReleases(rows, { ...NO_FILTER, application: 'PAY', kind: 'emergency' }))).toEqual(['REL-2027.9']);
    expect(keys(filterReleases(rows, { ...NO_FILTER, status: statusFilterOf('closed') }))).toEqual(['rel-2026.1']);
    expect(keys(filterReleases(rows, { ...NO_FILTER, status: groupFilterOf('cab') }))).toEqual(['REL-2027.2']);
    expect(keys(filterReleases(rows, { ...NO_FILTER, status: groupFilterOf('planning'), kind: 'major' }))).toEqual([]);
  });
});

describe('sortReleases', () => {
  it('sorts keys naturally (numbers as numbers) and case-insensitively', () => {
    expect(keys(sortReleases(rows, { column: 'key', direction: 'asc' }))).toEqual([
      'rel-2026.1', 'REL-2027.2', 'REL-2027.9', 'REL-2027.10',
    ]);
    expect(keys(sortReleases(rows, { column: 'key', direction: 'desc' }))).toEqual([
      'REL-2027.10', 'REL-2027.9', 'REL-2027.2', 'rel-2026.1',
    ]);
  });

  it('sorts risk, kind and status by their order, not alphabetically', () => {
    expect(keys(sortReleases(rows, { column: 'risk', direction: 'asc' }))).toEqual([
      'rel-2026.1', 'REL-2027.2', 'REL-2027.10', 'REL-2027.9',
    ]);
    expect(sortReleases(rows, { column: 'kind', direction: 'asc' })[0]?.kind).toBe('major');
    expect(keys(sortReleases(rows, { column: 'status', direction: 'asc' }))).toEqual([
      'REL-2027.9', 'REL-2027.2', 'REL-2027.10', 'rel-2026.1',
    ]);
  });

  it('sorts windows by start and keeps releases without one last in both directions', () => {
    expect(keys(sortReleases(rows, { column: 'window', direction: 'asc' }))).toEqual([
      'rel-2026.1', 'REL-2027.2', 'REL-2027.10', 'REL-2027.9',
    ]);
    expect(keys(sortReleases(rows, { column: 'window', direction: 'desc' }))).toEqual([
      'REL-2027.10', 'REL-2027.2', 'rel-2026.1', 'REL-2027.9',
    ]);
    expect(sortReleases(rows, { column: 'owner', direction: 'desc' }).at(-1)?.key).toBe('REL-2027.9');
    expect(sortReleases(rows, { column: 'applications', direction: 'asc' }).at(-1)?.key).toBe('REL-2027.2');
  });

  it('breaks ties by key and does not mutate its input', () => {
    const same = [summary({ key: 'B' }), summary({ key: 'A' })];
    expect(keys(sortReleases(same, { column: 'risk', direction: 'desc' }))).toEqual(['A', 'B']);
    expect(keys(same)).toEqual(['B', 'A']);
  });
});

describe('toggleSort and queryReleases', () => {
  it('flips the direction on the same column and starts ascending on a new one', () => {
    expect(toggleSort({ column: 'key', direction: 'asc' }, 'key')).toEqual({ column: 'key', direction: 'desc' });
    expect(toggleSort({ column: 'key', direction: 'desc' }, 'key')).toEqual({ column: 'key', direction: 'asc' });
    expect(toggleSort({ column: 'key', direction: 'desc' }, 'risk')).toEqual({ column: 'risk', direction: 'asc' });
  });

  it('filters then sorts', () => {
    const out = queryReleases(rows, { ...NO_FILTER, search: 'rel-2027' }, { column: 'title', direction: 'asc' });
    expect(out.map((r) => r.title)).toEqual(['Ledger', 'Mobile app hotfix', 'Payments 4.2']);
  });

  it('handles 5,000 releases quickly', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      summary({ key: `REL-${i}`, title: `Release number ${i}`, risk: i % 2 ? 'high' : 'low' }),
    );
    const t0 = performance.now();
    const out = queryReleases(many, { ...NO_FILTER, search: 'number 4' }, { column: 'risk', direction: 'desc' });
    expect(out.length).toBe(1111);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
