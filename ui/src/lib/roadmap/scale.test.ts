import { describe, expect, it } from 'vitest';
import { fromDay, toDay } from './dates';
import { dayAt, daysFor, horizontalWindow, makeScale, PX_PER_DAY, scrollToDay, xAfter, xOf } from './scale';

describe('makeScale', () => {
  it('starts at the first of a month before the first bar and today, with room', () => {
    const s = makeScale('month', '2027-03-10', '2027-06-20', '2027-04-01');
    expect(fromDay(s.origin)).toBe('2027-02-01');
    expect(s.pxPerDay).toBe(PX_PER_DAY.month);
    expect(fromDay(s.origin + s.days)).toBe('2027-08-01');
    expect(s.width).toBe(s.days * 12);
  });

  it('takes today in when it lies outside the plan', () => {
    const s = makeScale('week', '2027-03-10', '2027-03-20', '2026-11-15');
    expect(fromDay(s.origin)).toBe('2026-11-01');
  });

  it('starts at a year at the year zoom', () => {
    const s = makeScale('year', '2027-03-10', '2027-06-20', '2027-04-01');
    expect(fromDay(s.origin)).toBe('2026-01-01');
    expect(fromDay(s.origin + s.days)).toBe('2028-01-01');
  });

  it('is wider the closer the zoom', () => {
    const w = (z: 'week' | 'month' | 'quarter' | 'year') => makeScale(z, '2027-01-01', '2027-12-31', '2027-06-01').width;
    expect(w('week')).toBeGreaterThan(w('month'));
    expect(w('month')).toBeGreaterThan(w('quarter'));
    expect(w('quarter')).toBeGreaterThan(w('year'));
  });
});

describe('date ↔ x', () => {
  const s = makeScale('week', '2027-03-01', '2027-03-31', '2027-03-01');

  it('maps a day to its column and back', () => {
    const x = xOf(s, '2027-03-03');
    expect(xAfter(s, '2027-03-03') - x).toBe(36);
    expect(fromDay(dayAt(s, x))).toBe('2027-03-03');
    expect(fromDay(dayAt(s, x + 35.9))).toBe('2027-03-03');
    expect(fromDay(dayAt(s, x + 36))).toBe('2027-03-04');
    expect(xOf(s, fromDay(s.origin))).toBe(0);
  });

  it('snaps a drag distance to whole days', () => {
    expect(daysFor(s, 17)).toBe(0);
    expect(daysFor(s, 19)).toBe(1);
    expect(daysFor(s, -19)).toBe(-1);
    expect(Object.is(daysFor(s, -3), 0)).toBe(true);
    expect(daysFor(makeScale('year', '2027-01-01', '2027-12-31', '2027-06-01'), 50)).toBe(40);
  });

  it('scrolls a day to a third of the view, within the content', () => {
    const today = toDay('2027-03-15');
    expect(scrollToDay(s, today, 900)).toBe(Math.round(xOf(s, '2027-03-15') - 300));
    expect(scrollToDay(s, s.origin, 900)).toBe(0);
    expect(scrollToDay(s, s.origin + s.days, 900)).toBe(s.width - 900);
  });
});

describe('horizontalWindow', () => {
  it('covers the view with at least half a view width of margin on both sides, two and a half views wide', () => {
    for (const left of [2000, 2400, 2499, 2500, 2999]) {
      const w = horizontalWindow(left, 1000, 100_000);
      expect(w.x0).toBeLessThanOrEqual(left - 500);
      expect(w.x1).toBeGreaterThanOrEqual(left + 1000 + 500);
      expect(w.x1 - w.x0).toBe(2500);
    }
  });

  it('does not change while scrolling within a step of half a view', () => {
    expect(horizontalWindow(2000, 1000, 100_000)).toEqual(horizontalWindow(2499, 1000, 100_000));
    expect(horizontalWindow(2500, 1000, 100_000)).not.toEqual(horizontalWindow(2499, 1000, 100_000));
  });

  it('clamps to the content', () => {
    expect(horizontalWindow(0, 1000, 1500)).toEqual({ x0: 0, x1: 1500 });
    expect(horizontalWindow(-50, 1000, 10_000).x0).toBe(0);
  });
});
