// The timeline header: a row of major ticks (months, quarters or years) over a row of minor ticks
// (days, weeks, months or quarters), generated only for the band being drawn.

import { MONTHS, MONTH_NAMES, WEEKDAYS, monthStart, partsOf } from './dates';
import { dayAt, xOfDay, type Scale } from './scale';

export interface Tick {
  day: number;
  x: number;
  /** Up to the next tick of the same row. */
  width: number;
  label: string;
  /** A weekend day (week zoom), for shading. */
  weekend?: boolean;
}

export interface Ticks {
  major: Tick[];
  minor: Tick[];
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const UNITS: Record<Scale['zoom'], { major: Unit; minor: Unit }> = {
  week: { major: 'month', minor: 'day' },
  month: { major: 'month', minor: 'week' },
  quarter: { major: 'quarter', minor: 'month' },
  year: { major: 'year', minor: 'quarter' },
};

/** The first boundary of `unit` at or before `day`. */
function floorTo(unit: Unit, day: number): number {
  const p = partsOf(day);
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return day - p.weekday;
    case 'month':
      return monthStart(p.year, p.month);
    case 'quarter':
      return monthStart(p.year, p.month - (p.month % 3));
    case 'year':
      return monthStart(p.year, 0);
  }
}

function next(unit: Unit, day: number): number {
  const p = partsOf(day);
  switch (unit) {
    case 'day':
      return day + 1;
    case 'week':
      return day + 7;
    case 'month':
      return monthStart(p.year, p.month + 1);
    case 'quarter':
      return monthStart(p.year, p.month + 3);
    case 'year':
      return monthStart(p.year + 1, 0);
  }
}

function label(unit: Unit, day: number, major: boolean, zoom: Scale['zoom']): string {
  const p = partsOf(day);
  switch (unit) {
    case 'day':
      return `${WEEKDAYS[p.weekday]} ${p.date}`;
    case 'week':
      return `${p.date} ${MONTHS[p.month]}`;
    case 'month':
      return major ? `${zoom === 'week' ? MONTH_NAMES[p.month] : MONTHS[p.month]} ${p.year}` : (MONTHS[p.month] ?? '');
    case 'quarter':
      return major ? `Q${Math.floor(p.month / 3) + 1} ${p.year}` : `Q${Math.floor(p.month / 3) + 1}`;
    case 'year':
      return String(p.year);
  }
}

function row(s: Scale, unit: Unit, major: boolean, x0: number, x1: number): Tick[] {
  const out: Tick[] = [];
  const end = Math.min(s.origin + s.days, dayAt(s, x1) + 1);
  let day = floorTo(unit, Math.max(s.origin, dayAt(s, x0)));
  // A guard against a runaway loop on a bad scale.
  for (let i = 0; day < end && i < 5000; i++) {
    const after = next(unit, day);
    const x = xOfDay(s, day);
    const tick: Tick = { day, x, width: xOfDay(s, after) - x, label: label(unit, day, major, s.zoom) };
    if (unit === 'day') tick.weekend = partsOf(day).weekday >= 5;
    out.push(tick);
    day = after;
  }
  return out;
}

/** The ticks whose columns meet `[x0, x1)`. */
export function ticks(s: Scale, x0: number, x1: number): Ticks {
  const u = UNITS[s.zoom];
  return { major: row(s, u.major, true, x0, x1), minor: row(s, u.minor, false, x0, x1) };
}
