// The roadmap's horizontal scale: a day is `pxPerDay` wide at each zoom, the timeline starts at
// the first of a month (a year at the year zoom) some way before the plan's first bar.

import { monthStart, partsOf, toDay } from './dates';

export type Zoom = 'week' | 'month' | 'quarter' | 'year';

export const ZOOMS: readonly { id: Zoom; label: string }[] = [
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'quarter', label: 'Quarter' },
  { id: 'year', label: 'Year' },
];

export const PX_PER_DAY: Record<Zoom, number> = { week: 36, month: 12, quarter: 4, year: 1.25 };

/** Days of room before the first and after the last bar. */
const PAD_DAYS: Record<Zoom, number> = { week: 14, month: 31, quarter: 92, year: 183 };

export interface Scale {
  zoom: Zoom;
  pxPerDay: number;
  /** Day number at x = 0. */
  origin: number;
  /** Days on the timeline. */
  days: number;
  /** Width of the timeline in px. */
  width: number;
}

/** The scale covering `from`..`to` (inclusive) and today, with room on both sides. */
export function makeScale(zoom: Zoom, from: string, to: string, today: string): Scale {
  const pad = PAD_DAYS[zoom];
  const first = Math.min(toDay(from), toDay(today)) - pad;
  const last = Math.max(toDay(to), toDay(today)) + pad;
  const p = partsOf(first);
  const origin = zoom === 'year' ? monthStart(p.year, 0) : monthStart(p.year, p.month);
  const e = partsOf(last);
  const end = zoom === 'year' ? monthStart(e.year + 1, 0) : monthStart(e.year, e.month + 1);
  const days = end - origin;
  const pxPerDay = PX_PER_DAY[zoom];
  return { zoom, pxPerDay, origin, days, width: Math.round(days * pxPerDay) };
}

/** The x of the start of a day (a day number). */
export function xOfDay(s: Scale, day: number): number {
  return (day - s.origin) * s.pxPerDay;
}

/** The x of the start of a date. */
export function xOf(s: Scale, date: string): number {
  return xOfDay(s, toDay(date));
}

/** The x just after a date: where a bar ending that day (inclusive) stops. */
export function xAfter(s: Scale, date: string): number {
  return xOfDay(s, toDay(date) + 1);
}

/** The day number under x (the day whose column contains it). */
export function dayAt(s: Scale, x: number): number {
  return s.origin + Math.floor(x / s.pxPerDay);
}

/** A pixel distance as whole days (snapped to the nearest day). */
export function daysFor(s: Scale, dx: number): number {
  const d = Math.round(dx / s.pxPerDay);
  return d === 0 ? 0 : d; // never -0
}

/** scrollLeft that puts `day` at `fraction` of the visible timeline, clamped to the content. */
export function scrollToDay(s: Scale, day: number, viewWidth: number, fraction = 1 / 3): number {
  const target = xOfDay(s, day) - viewWidth * fraction;
  return Math.round(Math.max(0, Math.min(s.width - viewWidth, target)));
}

/**
 * The horizontal band to draw: the visible part plus at least half a view width on each side,
 * snapped to half-view steps so that scrolling only redraws when it crosses a step. Two and a half
 * view widths in all: every bar drawn costs while scrolling down, so few are drawn off screen.
 */
export function horizontalWindow(scrollLeft: number, viewWidth: number, total: number): { x0: number; x1: number } {
  const step = Math.max(200, viewWidth / 2);
  const k = Math.floor(Math.max(0, scrollLeft) / step);
  const x0 = Math.max(0, (k - 1) * step);
  const x1 = Math.min(Math.max(total, 0), (k + 4) * step);
  return { x0, x1: Math.max(x0, x1) };
}
