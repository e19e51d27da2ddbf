// An environment's lane: its bookings as bars over the days shown, stacked in rows where they
// overlap (a lane shows a few rows until it is expanded, and says how many bookings it leaves
// out), and the stretches where it is booked beyond its capacity (from the core's conflicts).

import type { Booking, Conflict, Lane } from '../ipc/bindings';
import { dayTime } from './period';

/** Rows a lane shows until it is expanded, and at most once it is. */
export const LANE_ROWS = 3;
export const LANE_ROWS_EXPANDED = 24;

export interface LaneBar {
  booking: Booking;
  /** Fractions of the days shown. */
  left: number;
  width: number;
  row: number;
}

export interface LaneLayout {
  lane: Lane;
  bars: LaneBar[];
  /** Rows drawn. */
  rows: number;
  /** Rows the bookings need. */
  needed: number;
  /** Bookings not drawn (beyond the rows drawn). */
  hidden: number;
  /** Over capacity: fractions of the days shown, merged. */
  over: { left: number; width: number }[];
  /** The most bookings at once in the days shown. */
  peak: number;
}

/**
 * The lane over the days `from`–`to` (inclusive day numbers): bars stacked greedily by start, at
 * most `maxRows` rows; `conflicts` are the view's (only this environment's capacity ones count).
 */
export function laneLayout(lane: Lane, from: number, to: number, conflicts: readonly Conflict[], maxRows: number): LaneLayout {
  const span = to + 1 - from;
  const items = lane.bookings
    .map((booking) => ({ booking, s: Math.max(from, dayTime(booking.start)), e: Math.min(to + 1, dayTime(booking.end)) }))
    .filter((x) => x.e > x.s)
    .sort((a, b) => a.s - b.s || b.e - a.e);
  const ends: number[] = [];
  const bars: LaneBar[] = [];
  let hidden = 0;
  for (const x of items) {
    let row = ends.findIndex((end) => end <= x.s);
    if (row < 0) {
      row = ends.length;
      ends.push(x.e);
    } else {
      ends[row] = x.e;
    }
    if (row < maxRows) bars.push({ booking: x.booking, left: (x.s - from) / span, width: (x.e - x.s) / span, row });
    else hidden++;
  }
  return {
    lane,
    bars,
    rows: Math.min(maxRows, Math.max(1, ends.length)),
    needed: ends.length,
    hidden,
    over: overCapacity(lane.environment, conflicts, from, to),
    peak: ends.length === 0 ? 0 : peakOf(items),
  };
}

/** The union of the environment's over-capacity stretches, as fractions of the days shown. */
export function overCapacity(environment: string, conflicts: readonly Conflict[], from: number, to: number): { left: number; width: number }[] {
  const span = to + 1 - from;
  const stretches = conflicts
    .filter((c) => c.kind === 'environment_capacity' && c.environment === environment)
    .map((c) => [Math.max(from, dayTime(c.start)), Math.min(to + 1, dayTime(c.end))] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of stretches) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged.map(([a, b]) => ({ left: (a - from) / span, width: (b - a) / span }));
}

/** The most intervals that overlap at one instant. */
function peakOf(items: readonly { s: number; e: number }[]): number {
  const edges: [number, number][] = [];
  for (const x of items) edges.push([x.s, 1], [x.e, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of edges) {
    now += d;
    peak = Math.max(peak, now);
  }
  return peak;
}
