import { describe, expect, it } from 'vitest';
import { addDays, diffDays, formatDay, formatDays, fromDay, monthStart, partsOf, toDay } from './dates';

describe('plan dates as day numbers', () => {
  it('round-trips and counts across months, leap days and the year end', () => {
    expect(toDay('1970-01-01')).toBe(0);
    expect(fromDay(toDay('2027-03-01'))).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(diffDays('2027-03-01', '2027-03-31')).toBe(30);
  });

  it('refuses anything that is not YYYY-MM-DD', () => {
    expect(() => toDay('2027-3-1')).toThrow();
    expect(() => toDay('2027-03-01T10:00:00')).toThrow();
  });

  it('knows the weekday (Monday first) and month starts', () => {
    expect(partsOf(toDay('2027-03-01')).weekday).toBe(0); // a Monday
    expect(partsOf(toDay('2027-03-07')).weekday).toBe(6);
    expect(fromDay(monthStart(2027, 12))).toBe('2028-01-01');
    expect(fromDay(monthStart(2027, -1))).toBe('2026-12-01');
  });

  it('formats for people', () => {
    expect(formatDay('2027-03-01')).toBe('1 Mar 2027');
    expect(formatDays(3)).toBe('+3 days');
    expect(formatDays(-1)).toBe('−1 day');
  });
});
