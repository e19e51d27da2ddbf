import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  fromDayNumber,
  offsetIn,
  quarterBounds,
  quarterDays,
  quarterLabel,
  quarterMonths,
  quarterOf,
  sameQuarter,
  stepQuarter,
} from './quarter';

describe('quarters', () => {
  it('finds the quarter of a date or date-time', () => {
    expect(quarterOf('2027-01-01')).toEqual({ year: 2027, q: 1 });
    expect(quarterOf('2027-03-31')).toEqual({ year: 2027, q: 1 });
    expect(quarterOf('2027-04-01')).toEqual({ year: 2027, q: 2 });
    expect(quarterOf('2027-09-30T23:59:00')).toEqual({ year: 2027, q: 3 });
    expect(quarterOf('2027-12-31')).toEqual({ year: 2027, q: 4 });
    expect(() => quarterOf('soon')).toThrow();
  });

  it('steps forward and back across years', () => {
    expect(stepQuarter({ year: 2027, q: 4 }, 1)).toEqual({ year: 2028, q: 1 });
    expect(stepQuarter({ year: 2027, q: 1 }, -1)).toEqual({ year: 2026, q: 4 });
    expect(stepQuarter({ year: 2027, q: 2 }, -6)).toEqual({ year: 2025, q: 4 });
    expect(stepQuarter({ year: 2027, q: 2 }, 0)).toEqual({ year: 2027, q: 2 });
    expect(sameQuarter(stepQuarter(stepQuarter({ year: 2027, q: 3 }, 5), -5), { year: 2027, q: 3 })).toBe(true);
  });

  it('has inclusive bounds, leap years included', () => {
    expect(quarterBounds({ year: 2027, q: 1 })).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    expect(quarterBounds({ year: 2027, q: 2 })).toEqual({ start: '2027-04-01', end: '2027-06-30' });
    expect(quarterBounds({ year: 2027, q: 3 })).toEqual({ start: '2027-07-01', end: '2027-09-30' });
    expect(quarterBounds({ year: 2027, q: 4 })).toEqual({ start: '2027-10-01', end: '2027-12-31' });
    expect(quarterDays({ year: 2027, q: 1 })).toBe(90);
    expect(quarterDays({ year: 2028, q: 1 })).toBe(91);
    expect(quarterDays({ year: 2027, q: 3 })).toBe(92);
  });

  it('labels quarters and their months', () => {
    expect(quarterLabel({ year: 2027, q: 1 })).toBe('Q1 2027');
    const months = quarterMonths({ year: 2027, q: 2 });
    expect(months.map((m) => m.label)).toEqual(['Apr', 'May', 'Jun']);
    expect(months[0]!.offset).toBe(0);
    expect(months[1]!.offset).toBeCloseTo(30 / 91);
  });

  it('maps dates to fractions of the quarter', () => {
    const q = { year: 2027, q: 1 };
    expect(offsetIn(q, '2027-01-01')).toBe(0);
    expect(offsetIn(q, '2027-03-31', true)).toBe(1);
    expect(offsetIn(q, '2026-12-31')).toBeLessThan(0);
  });

  it('counts days without time-zone drift', () => {
    expect(dayNumber('2027-03-29') - dayNumber('2027-03-27')).toBe(2);
    expect(fromDayNumber(dayNumber('2028-02-29'))).toBe('2028-02-29');
  });
});
