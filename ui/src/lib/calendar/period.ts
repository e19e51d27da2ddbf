// The calendar's periods: a month, a quarter or a week around a day, the grid of whole weeks
// (Monday to Sunday) that shows it, and the steps Prev/Next and Page Up/Down take. Days are day
// numbers (lib/roadmap/dates.ts: days since 1970-01-01 in UTC), so no zone ever shifts a day.

import { MONTHS, MONTH_NAMES, fromDay, monthStart, partsOf, toDay } from '../roadmap/dates';

export type Mode = 'month' | 'quarter' | 'week';

export const MODES: readonly { id: Mode; label: string; key: string }[] = [
  { id: 'month', label: 'Month', key: 'M' },
  { id: 'quarter', label: 'Quarter', key: 'Q' },
  { id: 'week', label: 'Week', key: 'W' },
];

export interface Period {
  mode: Mode;
  /** The period's first and last day (inclusive). */
  from: number;
  to: number;
  /** The grid's first day (a Monday on or before `from`) and last (a Sunday on or after `to`). */
  gridFrom: number;
  gridTo: number;
  /** "November 2026", "Q4 2026", "Week 48". */
  title: string;
  /** "Oct – Dec 2026", "23 – 29 Nov 2026"; '' for a month. */
  subtitle: string;
}

/** The ISO week number of a day (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: number): number {
  const thursday = day - partsOf(day).weekday + 3;
  const year = partsOf(thursday).year;
  return Math.floor((thursday - monthStart(year, 0)) / 7) + 1;
}

/** "23 – 29 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027". */
export function rangeLabel(from: number, to: number): string {
  const a = partsOf(from);
  const b = partsOf(to);
  const end = `${b.date} ${MONTHS[b.month]} ${b.year}`;
  if (a.year !== b.year) return `${a.date} ${MONTHS[a.month]} ${a.year} – ${end}`;
  if (a.month !== b.month) return `${a.date} ${MONTHS[a.month]} – ${end}`;
  return `${a.date} – ${end}`;
}

export function periodOf(mode: Mode, day: number): Period {
  const p = partsOf(day);
  let from: number;
  let to: number;
  let title: string;
  let subtitle = '';
  if (mode === 'month') {
    from = monthStart(p.year, p.month);
    to = monthStart(p.year, p.month + 1) - 1;
    title = `${MONTH_NAMES[p.month]} ${p.year}`;
  } else if (mode === 'quarter') {
    const first = Math.floor(p.month / 3) * 3;
    from = monthStart(p.year, first);
    to = monthStart(p.year, first + 3) - 1;
    title = `Q${first / 3 + 1} ${p.year}`;
    subtitle = `${MONTHS[first]} – ${MONTHS[first + 2]} ${p.year}`;
  } else {
    from = day - p.weekday;
    to = from + 6;
    title = `Week ${isoWeek(from)}`;
    subtitle = rangeLabel(from, to);
  }
  const gridFrom = from - partsOf(from).weekday;
  const gridTo = to + (6 - partsOf(to).weekday);
  return { mode, from, to, gridFrom, gridTo, title, subtitle };
}

/**
 * The day `steps` periods away from `day`: the same date in a month or quarter (the last of a
 * shorter month when it has no such date), the same weekday in a week.
 */
export function shiftPeriod(mode: Mode, day: number, steps: number): number {
  if (mode === 'week') return day + 7 * steps;
  const p = partsOf(day);
  const month = p.month + steps * (mode === 'quarter' ? 3 : 1);
  const first = monthStart(p.year, month);
  const length = monthStart(p.year, month + 1) - first;
  return first + Math.min(p.date, length) - 1;
}

/** The days of the grid, a week a row. */
export function weeksOf(period: Period): number[][] {
  const weeks: number[][] = [];
  for (let w = period.gridFrom; w <= period.gridTo; w += 7) weeks.push([0, 1, 2, 3, 4, 5, 6].map((i) => w + i));
  return weeks;
}

/** Whether `day` is in the period itself (not a day of the grid's leading or trailing weeks). */
export function inPeriod(period: Period, day: number): boolean {
  return day >= period.from && day <= period.to;
}

/** "Tue 1 Dec 2026". */
export function dayLabel(day: number): string {
  const p = partsOf(day);
  return `${WEEKDAY_NAMES[p.weekday]} ${p.date} ${MONTHS[p.month]} ${p.year}`;
}

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A plan-local date-time ("2026-12-01T20:00:00") as a fractional day number. */
export function dayTime(planDateTime: string): number {
  const day = toDay(planDateTime.slice(0, 10));
  const h = Number(planDateTime.slice(11, 13)) || 0;
  const m = Number(planDateTime.slice(14, 16)) || 0;
  return day + (h * 60 + m) / 1440;
}

/** The grid's range as the calendar_view command takes it. */
export function rangeOf(period: Period): { from: string; to: string } {
  return { from: fromDay(period.gridFrom), to: fromDay(period.gridTo) };
}

/** Today's date ("2026-12-07") in the IANA zone `zone` by the computer's clock; its own zone's if unknown. */
export function todayIn(zone: string, now: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
}
