import { describe, expect, it } from 'vitest';
import { fromDay } from './dates';
import { makeScale, xOf } from './scale';
import { ticks } from './ticks';

describe('ticks', () => {
  it('shows months over days at the week zoom, weekends marked', () => {
    const s = makeScale('week', '2027-03-01', '2027-03-31', '2027-03-01');
    const x0 = xOf(s, '2027-03-01');
    const t = ticks(s, x0, x0 + 7 * 36);
    expect(t.minor.map((m) => m.label).slice(0, 3)).toEqual(['M 1', 'T 2', 'W 3']);
    expect(t.minor.filter((m) => m.weekend).map((m) => fromDay(m.day))).toEqual(['2027-03-06', '2027-03-07']);
    expect(t.major[0]?.label).toBe('March 2027');
    expect(t.major[0]?.x).toBe(x0);
    expect(t.major[0]?.width).toBe(31 * 36);
  });

  it('shows months over weeks (Mondays) at the month zoom', () => {
    const s = makeScale('month', '2027-03-01', '2027-05-31', '2027-03-01');
    const t = ticks(s, xOf(s, '2027-03-01'), xOf(s, '2027-04-01'));
    expect(t.major.map((m) => m.label)).toEqual(['Mar 2027', 'Apr 2027']);
    expect(t.minor.every((m) => new Date(m.day * 86_400_000).getUTCDay() === 1)).toBe(true);
    expect(t.minor[0]?.label).toBe('1 Mar'); // a Monday
    expect(t.minor.map((m) => m.width)).toContain(7 * 12);
  });

  it('shows quarters over months, and years over quarters', () => {
    const q = makeScale('quarter', '2027-01-01', '2027-12-31', '2027-03-01');
    const tq = ticks(q, xOf(q, '2027-01-01'), xOf(q, '2027-07-01') - 1);
    expect(tq.major.map((m) => m.label)).toEqual(['Q1 2027', 'Q2 2027']);
    expect(tq.minor.map((m) => m.label)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun']);
    const y = makeScale('year', '2027-01-01', '2028-12-31', '2027-03-01');
    const ty = ticks(y, 0, y.width);
    expect(ty.major.map((m) => m.label)).toEqual(['2026', '2027', '2028', '2029']);
    expect(ty.minor.slice(0, 4).map((m) => m.label)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });

  it('only generates the ticks of the band drawn, however long the plan', () => {
    const s = makeScale('week', '2020-01-01', '2035-12-31', '2027-03-01');
    const x0 = xOf(s, '2027-03-01');
    const t = ticks(s, x0, x0 + 3000);
    expect(t.minor.length).toBeLessThanOrEqual(3000 / 36 + 2);
    expect(t.major.length).toBeLessThanOrEqual(5);
  });
});
