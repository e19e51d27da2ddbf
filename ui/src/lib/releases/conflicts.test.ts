import { describe, expect, it } from 'vitest';
import type { Conflict } from '../ipc/bindings';
import { bySeverity, conflictDetailItems, countText, nextBlocking, othersOf, slotWords, summarize, whenText } from './conflicts';

function conflict(kind: Conflict['kind'], severity: Conflict['severity'], releases: string[], start = '2027-03-04T22:00:00'): Conflict {
  return {
    id: `${kind}|${releases.join('|')}|${start}`,
    kind,
    severity,
    parties: releases.map((name) => ({ kind: 'release' as const, name, booking: null })),
    releases,
    start,
    end: start.replace('22:00', '23:00'),
    environment: null,
    ci: null,
    message: `${kind} of ${releases.join(' and ')}`,
  };
}

describe('when a conflict or a slot happens', () => {
  it('reads as a day and its hours, a span of days, or whole days', () => {
    expect(whenText('2027-03-04T22:00:00', '2027-03-04T23:30:00')).toBe('Thu 4 Mar 2027, 22:00–23:30');
    expect(whenText('2027-03-04T22:00:00', '2027-03-05T02:00:00')).toBe('Thu 4 Mar 2027 22:00 – Fri 5 Mar 2027 02:00');
    expect(whenText('2027-03-04T00:00:00', '2027-03-05T00:00:00')).toBe('Thu 4 Mar 2027, all day');
    expect(whenText('2027-03-04T00:00:00', '2027-03-08T00:00:00')).toBe('Thu 4 Mar 2027 – Sun 7 Mar 2027, all day');
  });

  it('words a slot with its shift', () => {
    const slot = { start: '2027-03-06T22:00:00', end: '2027-03-06T23:30:00', shift_days: 2, note: 'same time, 2 days later' };
    expect(slotWords(slot)).toEqual({ when: 'Sat 6 Mar 2027, 22:00–23:30', shift: '+2 days' });
    expect(slotWords({ ...slot, shift_days: 0 }).shift).toBe('same day');
    expect(slotWords({ ...slot, shift_days: -1 }).shift).toBe('−1 day');
  });
});

describe('a release’s conflicts', () => {
  it('puts the blocking ones first, each group in the core’s order', () => {
    const list = [conflict('maintenance', 'warning', ['A']), conflict('freeze', 'blocking', ['A']), conflict('same_ci', 'warning', ['A', 'B']), conflict('blackout', 'blocking', ['A'])];
    expect(bySeverity(list).map((c) => c.kind)).toEqual(['freeze', 'blackout', 'maintenance', 'same_ci']);
    expect(othersOf(list[2]!, 'A')).toEqual(['B']);
  });

  it('counts for a tooltip', () => {
    expect(countText(0, 0)).toBe('No schedule conflict');
    expect(countText(1, 1)).toBe('1 schedule conflict, blocking');
    expect(countText(3, 3)).toBe('3 schedule conflicts, all blocking');
    expect(countText(3, 1)).toBe('3 schedule conflicts, 1 blocking');
    expect(countText(2, 0)).toBe('2 schedule conflicts, none blocking');
  });

  it('splits the gate condition’s detail at each kind’s label, not at any semicolon', () => {
    expect(conflictDetailItems('none')).toEqual(['none']);
    expect(
      conflictDetailItems('Change in a freeze: A in “x; y”; Too many deployments on one day: 5 on Thu; the cap is 4'),
    ).toEqual(['Change in a freeze: A in “x; y”', 'Too many deployments on one day: 5 on Thu; the cap is 4']);
  });
});

describe('the plan’s conflicts', () => {
  it('counts by severity and by kind, and lists the next blocking ones', () => {
    const list = [
      conflict('freeze', 'blocking', ['A'], '2027-03-01T22:00:00'),
      conflict('same_ci', 'warning', ['A', 'B'], '2027-03-02T22:00:00'),
      conflict('freeze', 'blocking', ['C'], '2027-03-03T22:00:00'),
      conflict('environment_capacity', 'blocking', ['A', 'D'], '2027-03-04T22:00:00'),
      conflict('same_ci', 'blocking', ['E', 'F'], '2027-03-05T22:00:00'),
    ];
    const s = summarize(list);
    expect([s.total, s.blocking, s.warning, s.blockedReleases]).toEqual([5, 4, 1, 5]);
    // Most frequent first; a tie in the labels' order (same CI before freeze).
    expect(s.kinds.map((k) => [k.kind, k.count, k.blocking])).toEqual([
      ['same_ci', 2, 1],
      ['freeze', 2, 2],
      ['environment_capacity', 1, 1],
    ]);
    expect(nextBlocking(list, 2).map((c) => c.start.slice(0, 10))).toEqual(['2027-03-01', '2027-03-03']);
    expect(summarize([])).toEqual({ total: 0, blocking: 0, warning: 0, kinds: [], blockedReleases: 0 });
  });
});
