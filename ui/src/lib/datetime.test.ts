import { describe, expect, it } from 'vitest';
import { addDays, formatPlanDateTime, formatUtc, formatWindow, fromLocalInput, planNow, toLocalInput } from './datetime';

describe('datetime-local conversion', () => {
  it('appends seconds to a datetime-local value', () => {
    expect(fromLocalInput('2027-03-14T22:00')).toBe('2027-03-14T22:00:00');
    expect(fromLocalInput('2027-03-14T22:05:30')).toBe('2027-03-14T22:05:30');
  });

  it('refuses what is not a full date-time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2027-03-14')).toBeNull();
    expect(fromLocalInput('14/03/2027 22:00')).toBeNull();
  });

  it('drops zero seconds going into the input, keeps others, and round-trips', () => {
    expect(toLocalInput('2027-03-14T22:00:00')).toBe('2027-03-14T22:00');
    expect(toLocalInput('2027-03-14T22:00:30')).toBe('2027-03-14T22:00:30');
    expect(toLocalInput(null)).toBe('');
    for (const v of ['2027-03-14T22:00:00', '2027-12-31T23:59:59']) expect(fromLocalInput(toLocalInput(v))).toBe(v);
  });
});

describe('display', () => {
  it('formats plan date-times and windows', () => {
    expect(formatPlanDateTime('2027-03-14T22:00:00')).toBe('2027-03-14 22:00');
    expect(formatWindow({ start: '2027-03-14T20:00:00', end: '2027-03-14T23:30:00' })).toBe('2027-03-14 20:00–23:30');
    expect(formatWindow({ start: '2027-03-14T22:00:00', end: '2027-03-15T02:00:00' })).toBe(
      '2027-03-14 22:00 – 2027-03-15 02:00',
    );
    expect(formatWindow(null)).toBe('');
  });

  it('shows UTC audit times in local time and leaves garbage as it is', () => {
    const shown = formatUtc('2027-03-14T12:34:00Z');
    const d = new Date('2027-03-14T12:34:00Z');
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(shown.slice(11)).toBe(`${String(d.getHours()).padStart(2, '0')}:34`);
    expect(formatUtc('not a date')).toBe('not a date');
  });
});

describe('clock arithmetic', () => {
  it('reads the browser clock as local wall time', () => {
    expect(planNow(new Date(2027, 2, 14, 9, 5, 7))).toBe('2027-03-14T09:05:07');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2027-03-14T09:00:00', 14)).toBe('2027-03-28T09:00:00');
    expect(addDays('2027-12-25T23:00:00', 14)).toBe('2028-01-08T23:00:00');
    expect(addDays('2028-02-28T00:00:00', 1)).toBe('2028-02-29T00:00:00');
  });
});
