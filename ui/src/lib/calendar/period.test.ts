import { describe, expect, it } from 'vitest';
import { fromDay, toDay } from '../roadmap/dates';
import { calendarKey } from './keys';
import { dayLabel, dayTime, isoWeek, periodOf, rangeLabel, rangeOf, shiftPeriod, todayIn, weeksOf } from './period';

const d = toDay;
const key = (k: string, more: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...more });

describe('periods', () => {
  it('a month runs from its first to its last day, in whole weeks Monday to Sunday', () => {
    const p = periodOf('month', d('2026-11-22'));
    expect(p.title).toBe('November 2026');
    expect([fromDay(p.from), fromDay(p.to)]).toEqual(['2026-11-01', '2026-11-30']);
    // 1 Nov 2026 is a Sunday: the grid starts on Monday 26 Oct and ends on Sunday 6 Dec.
    expect(rangeOf(p)).toEqual({ from: '2026-10-26', to: '2026-12-06' });
    expect(weeksOf(p)).toHaveLength(6);
    expect(weeksOf(p)[0]?.map(fromDay)[6]).toBe('2026-11-01');
  });

  it('a quarter is three months; a week is Monday to Sunday with its ISO number', () => {
    const q = periodOf('quarter', d('2026-11-22'));
    expect([q.title, q.subtitle]).toEqual(['Q4 2026', 'Oct – Dec 2026']);
    expect(rangeOf(q)).toEqual({ from: '2026-09-28', to: '2027-01-03' });
    const w = periodOf('week', d('2026-11-22'));
    expect([w.title, w.subtitle]).toEqual(['Week 47', '16 – 22 Nov 2026']);
    expect(periodOf('week', d('2026-12-30')).subtitle).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(isoWeek(d('2027-01-01'))).toBe(53);
    expect(isoWeek(d('2027-01-04'))).toBe(1);
    expect(rangeLabel(d('2026-11-30'), d('2026-12-06'))).toBe('30 Nov – 6 Dec 2026');
  });

  it('steps keep the date, or the last of a shorter month, and the weekday in weeks', () => {
    expect(fromDay(shiftPeriod('month', d('2027-01-31'), 1))).toBe('2027-02-28');
    expect(fromDay(shiftPeriod('month', d('2027-03-31'), -1))).toBe('2027-02-28');
    expect(fromDay(shiftPeriod('quarter', d('2026-11-22'), 1))).toBe('2027-02-22');
    expect(fromDay(shiftPeriod('week', d('2026-11-22'), -2))).toBe('2026-11-08');
  });

  it('reads plan date-times as fractional days and names days', () => {
    expect(dayTime('2026-12-01T18:00:00')).toBe(d('2026-12-01') + 0.75);
    expect(dayLabel(d('2026-12-01'))).toBe('Tue 1 Dec 2026');
  });

  it("knows today's date in the plan's zone", () => {
    const late = new Date('2026-12-31T23:30:00Z');
    expect(todayIn('Europe/London', late)).toBe('2026-12-31');
    expect(todayIn('Europe/Berlin', late)).toBe('2027-01-01');
    expect(todayIn('America/New_York', late)).toBe('2026-12-31');
  });
});

describe('calendar keys', () => {
  it('move the day, page the period, go to today and switch the view', () => {
    expect(calendarKey(key('ArrowLeft'), { typing: false })).toEqual({ type: 'move', days: -1 });
    expect(calendarKey(key('ArrowDown'), { typing: false })).toEqual({ type: 'move', days: 7 });
    expect(calendarKey(key('PageUp'), { typing: false })).toEqual({ type: 'page', steps: -1 });
    expect(calendarKey(key('PageDown'), { typing: false })).toEqual({ type: 'page', steps: 1 });
    expect(calendarKey(key('t'), { typing: false })).toEqual({ type: 'today' });
    expect(calendarKey(key('Q', { shiftKey: true }), { typing: false })).toEqual({ type: 'mode', mode: 'quarter' });
    expect(calendarKey(key('w'), { typing: false })).toEqual({ type: 'mode', mode: 'week' });
    expect(calendarKey(key('m'), { typing: false })).toEqual({ type: 'mode', mode: 'month' });
  });

  it('leave text fields, modified keys and other keys alone', () => {
    expect(calendarKey(key('ArrowLeft'), { typing: true })).toBeNull();
    expect(calendarKey(key('t'), { typing: true })).toBeNull();
    expect(calendarKey(key('m', { ctrlKey: true }), { typing: false })).toBeNull();
    expect(calendarKey(key('ArrowLeft', { altKey: true }), { typing: false })).toBeNull();
    expect(calendarKey(key('x'), { typing: false })).toBeNull();
  });
});
