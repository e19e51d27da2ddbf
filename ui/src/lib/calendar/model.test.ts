import { describe, expect, it } from 'vitest';
import type { Band, Booking, CalendarView, Conflict, Lane } from '../ipc/bindings';
import { toDay } from '../roadmap/dates';
import { weekBands } from './bands';
import { laneLayout } from './lanes';
import { bandsOn, conflictsIn, daysOf, indexView, noFilter, timeRange } from './model';

const d = toDay;

function band(window: string, kind: Band['kind'], start: string, end: string, more: Partial<Band> = {}): Band {
  return { window, kind, reason: '', scope: 'the whole portfolio', environments: [], applications: [], start, end, all_day: false, recurring: false, ...more };
}

function conflict(id: string, start: string, end: string, more: Partial<Conflict> = {}): Conflict {
  return {
    id,
    kind: 'freeze',
    severity: 'blocking',
    parties: [],
    releases: [],
    start,
    end,
    environment: null,
    ci: null,
    message: id,
    ...more,
  };
}

function booking(environment: string, start: string, end: string, more: Partial<Booking> = {}): Booking {
  return { id: null, environment, start, end, purpose: 'Test phase', by: '', release: null, source: 'test', ...more };
}

const view: CalendarView = {
  zone: 'Europe/London',
  today: '2026-12-01',
  from: '2026-11-30',
  to: '2026-12-13',
  bands: [
    band('Year-end freeze', 'freeze', '2026-12-07T00:00:00', '2026-12-09T00:00:00'),
    band('Prod nights', 'green_zone', '2026-12-01T22:00:00', '2026-12-02T02:00:00', { environments: ['Prod'], recurring: true }),
  ],
  deployments: [
    {
      release: 'REL-B',
      title: 'Ledger',
      status: 'approved',
      start: '2026-12-08T20:00:00',
      end: '2026-12-08T22:00:00',
      applications: ['LED'],
      environments: ['Prod'],
      production: true,
      conflicts: 1,
      blocking: true,
    },
    {
      release: 'REL-A',
      title: 'Portal',
      status: 'authorized',
      start: '2026-12-01T22:00:00',
      end: '2026-12-02T04:00:00',
      applications: ['POR'],
      environments: ['Test', 'Prod'],
      production: true,
      conflicts: 0,
      blocking: false,
    },
  ],
  milestones: [
    { release: 'REL-A', kind: 'cab', start: '2026-12-01', end: '2026-12-01', applications: ['POR'] },
    { release: 'REL-B', kind: 'test', start: '2026-12-02', end: '2026-12-04', applications: ['LED'] },
    { release: 'REL-B', kind: 'deployment', start: '2026-12-08', end: '2026-12-08', applications: ['LED'] },
  ],
  lanes: [
    { environment: 'Test', production: false, capacity: 1, booked_by: 'test', bookings: [] },
    { environment: 'Prod', production: true, capacity: 1, booked_by: 'deployment', bookings: [] },
  ],
  conflicts: [
    conflict('freeze|REL-B', '2026-12-08T20:00:00', '2026-12-08T22:00:00', { releases: ['REL-B'] }),
    conflict('cap|Test', '2026-12-03T00:00:00', '2026-12-05T00:00:00', { kind: 'environment_capacity', severity: 'warning', environment: 'Test', releases: ['REL-A', 'REL-B'] }),
  ],
};

describe('indexView', () => {
  it('puts each event on its day: deployments first with their window, then CAB, then milestones where they start', () => {
    const index = indexView(view, noFilter(), () => undefined);
    const dec1 = index.events.get(d('2026-12-01')) ?? [];
    expect(dec1.map((e) => [e.kind, e.release, e.lead, e.short])).toEqual([
      ['deployment', 'REL-A', '22:00–04:00 (next day)', '22:00'],
      ['cab', 'REL-A', 'CAB', 'CAB'],
    ]);
    // A deployment milestone is not shown twice beside its deployment's window.
    expect((index.events.get(d('2026-12-08')) ?? []).map((e) => e.kind)).toEqual(['deployment']);
    // A phase shows on the day it starts, its dates in the title.
    const test = index.events.get(d('2026-12-02'))?.[0];
    expect([test?.lead, test?.short, test?.title]).toEqual(['Test starts', '▸Test', 'REL-B: Test 2026-12-02 to 2026-12-04']);
    expect(index.events.has(d('2026-12-04'))).toBe(false);
  });

  it('marks a deployment red when a conflict blocks it, amber for a warning, with the kinds', () => {
    const index = indexView(view, noFilter(), () => undefined);
    const b = index.events.get(d('2026-12-08'))?.[0];
    expect([b?.severity, b?.conflictKinds]).toEqual(['blocking', ['freeze', 'environment_capacity']]);
    const a = index.events.get(d('2026-12-01'))?.[0];
    expect([a?.severity, a?.conflictKinds]).toEqual(['warning', ['environment_capacity']]);
  });

  it('counts the conflicts on every day they touch', () => {
    const index = indexView(view, noFilter(), () => undefined);
    expect(index.conflictsByDay.get(d('2026-12-03'))).toEqual({ count: 1, blocking: 0, kinds: ['environment_capacity'] });
    expect(index.conflictsByDay.get(d('2026-12-04'))?.count).toBe(1);
    // The end is exclusive: midnight of the 5th is not the 5th.
    expect(index.conflictsByDay.has(d('2026-12-05'))).toBe(false);
    expect(index.conflictsByDay.get(d('2026-12-08'))).toEqual({ count: 1, blocking: 1, kinds: ['freeze'] });
  });

  it('filters by application, environment and kind', () => {
    const f = noFilter();
    f.application = 'POR';
    let index = indexView(view, f, () => undefined);
    expect([...index.events.values()].flat().map((e) => e.release)).toEqual(['REL-A', 'REL-A']);
    // The environment capacity conflict involves REL-A too; the freeze only REL-B.
    expect(index.conflicts.map((c) => c.id)).toEqual(['cap|Test']);

    const g = noFilter();
    g.environment = 'Test';
    g.windows.freeze = false;
    index = indexView(view, g, () => undefined);
    expect(index.lanes.map((l) => l.environment)).toEqual(['Test']);
    // Bands scoped to another environment go; portfolio-wide ones stay unless their kind is off.
    expect(index.bands).toEqual([]);
    expect([...index.events.values()].flat().filter((e) => e.kind === 'deployment').map((e) => e.release)).toEqual(['REL-A']);

    const h = noFilter();
    h.events.cab = false;
    h.events.milestone = false;
    index = indexView(view, h, () => undefined);
    expect([...index.events.values()].flat().map((e) => e.kind)).toEqual(['deployment', 'deployment']);
  });

  it('lists the conflicts of a period, blocking first', () => {
    const c = conflictsIn(view.conflicts, d('2026-12-01'), d('2026-12-31'));
    expect(c.map((x) => x.id)).toEqual(['freeze|REL-B', 'cap|Test']);
    expect(conflictsIn(view.conflicts, d('2026-12-01'), d('2026-12-31'), true).map((x) => x.id)).toEqual(['freeze|REL-B']);
    expect(conflictsIn(view.conflicts, d('2026-12-05'), d('2026-12-07'))).toEqual([]);
  });

  it('says days, times and the bands of a day', () => {
    expect(daysOf('2026-12-07T00:00:00', '2026-12-09T00:00:00')).toEqual([d('2026-12-07'), d('2026-12-08')]);
    expect(timeRange('2026-12-08T20:00:00', '2026-12-08T22:00:00')).toBe('20:00–22:00');
    expect(bandsOn(view.bands, d('2026-12-02')).map((b) => b.window)).toEqual(['Prod nights']);
    expect(bandsOn(view.bands, d('2026-12-09'))).toEqual([]);
  });
});

describe('weekBands', () => {
  it('cuts bands into weeks as fractions, with a label row each where they overlap', () => {
    const bands = [
      band('Long freeze', 'freeze', '2026-12-04T00:00:00', '2026-12-09T00:00:00'),
      band('Patch night', 'maintenance', '2026-12-05T18:00:00', '2026-12-06T06:00:00'),
      band('Later', 'blackout', '2026-12-12T00:00:00', '2026-12-13T00:00:00'),
    ];
    const [w1, w2] = weekBands(bands, d('2026-11-30'), d('2026-12-13'));
    expect(w1?.segments.map((s) => [s.band.window, s.left * 7, s.width * 7, s.row, s.starts])).toEqual([
      ['Long freeze', 4, 3, 0, true],
      ['Patch night', 5.75, 0.5, 1, true],
    ]);
    expect(w1?.rows).toBe(2);
    expect(w2?.segments.map((s) => [s.band.window, s.left * 7, s.width * 7, s.row, s.starts])).toEqual([
      ['Long freeze', 0, 2, 0, false],
      ['Later', 5, 1, 0, true],
    ]);
    expect(w2?.rows).toBe(1);
  });

  it('joins the touching occurrences of a window, and names no sliver', () => {
    const bands = [
      band('Month-end blackout', 'blackout', '2026-11-30T00:00:00', '2026-12-01T00:00:00', { recurring: true }),
      band('Month-end blackout', 'blackout', '2026-12-01T00:00:00', '2026-12-02T00:00:00', { recurring: true }),
      band('Prod nights', 'green_zone', '2026-12-03T22:00:00', '2026-12-04T02:00:00', { recurring: true }),
    ];
    const [w] = weekBands(bands, d('2026-11-30'), d('2026-12-06'));
    const r = (x: number) => Math.round(x * 7 * 100) / 100;
    expect(w?.segments.map((s) => [s.band.window, r(s.left), r(s.width), s.row])).toEqual([
      ['Month-end blackout', 0, 2, 0],
      ['Prod nights', 3.92, 0.17, -1],
    ]);
    expect(w?.rows).toBe(1);
  });

  it('names at most three rows of overlapping bands a week', () => {
    const bands = [1, 2, 3, 4].map((i) => band(`W${i}`, 'freeze', '2026-12-01T00:00:00', '2026-12-03T00:00:00'));
    const [w] = weekBands(bands, d('2026-11-30'), d('2026-12-06'));
    expect(w?.segments.map((s) => s.row)).toEqual([0, 1, 2, -1]);
    expect(w?.rows).toBe(3);
  });
});

describe('laneLayout', () => {
  const lane = (bookings: Booking[]): Lane => ({ environment: 'Test', production: false, capacity: 1, booked_by: 'test', bookings });

  it('stacks overlapping bookings in rows, hides what does not fit and finds the peak', () => {
    const bookings = [
      booking('Test', '2026-12-01T00:00:00', '2026-12-05T00:00:00', { release: 'A' }),
      booking('Test', '2026-12-02T00:00:00', '2026-12-03T00:00:00', { release: 'B' }),
      booking('Test', '2026-12-02T12:00:00', '2026-12-04T00:00:00', { release: 'C' }),
      booking('Test', '2026-12-06T00:00:00', '2026-12-07T00:00:00', { release: 'D' }),
    ];
    const l = laneLayout(lane(bookings), d('2026-11-30'), d('2026-12-06'), [], 2);
    expect(l.bars.map((b) => [b.booking.release, b.row, b.left * 7, b.width * 7])).toEqual([
      ['A', 0, 1, 4],
      ['B', 1, 2, 1],
      ['D', 0, 6, 1],
    ]);
    expect([l.rows, l.needed, l.hidden, l.peak]).toEqual([2, 3, 1, 3]);
  });

  it('merges the over-capacity stretches of its environment', () => {
    const conflicts = [
      conflict('a', '2026-12-01T00:00:00', '2026-12-03T00:00:00', { kind: 'environment_capacity', environment: 'Test' }),
      conflict('b', '2026-12-02T00:00:00', '2026-12-04T00:00:00', { kind: 'environment_capacity', environment: 'Test' }),
      conflict('c', '2026-12-05T00:00:00', '2026-12-06T00:00:00', { kind: 'environment_capacity', environment: 'Prod' }),
    ];
    const l = laneLayout(lane([]), d('2026-11-30'), d('2026-12-06'), conflicts, 3);
    expect(l.over.map((o) => [o.left * 7, o.width * 7])).toEqual([[1, 3]]);
    expect([l.rows, l.peak]).toEqual([1, 0]);
  });
});
