// The windows' bands on the grid: each occurrence cut into the weeks it crosses, as fractions of
// the week's width (shaded behind the days), and a row for its label at the top of the week, so
// overlapping windows' labels never cover each other.

import type { Band } from '../ipc/bindings';
import { dayTime } from './period';

/** Label rows a week shows at most; a band past them is shaded but named only in the day panel. */
export const MAX_LABEL_ROWS = 3;
/** A sliver narrower than this (a fraction of the week: about 10 hours) is shaded but not labelled. */
export const MIN_LABEL_WIDTH = 0.06;

export interface BandSegment {
  band: Band;
  /** The occurrence's index in the list, for a stable key. */
  index: number;
  /** Fractions of the week (0 = Monday 00:00, 1 = the next Monday 00:00). */
  left: number;
  width: number;
  /** Its label's row, or -1 when the week has no room left for it. */
  row: number;
  /** It starts in this week (the label says its name; a continuation says "… name"). */
  starts: boolean;
}

export interface WeekBands {
  start: number;
  segments: BandSegment[];
  /** How many label rows the week uses. */
  rows: number;
}

/** The bands of each week from `gridFrom` to `gridTo` (inclusive, whole weeks). */
export function weekBands(bands: readonly Band[], gridFrom: number, gridTo: number): WeekBands[] {
  const weeks: WeekBands[] = [];
  for (let w = gridFrom; w <= gridTo; w += 7) weeks.push({ start: w, segments: [], rows: 0 });
  bands.forEach((band, index) => {
    const s = dayTime(band.start);
    const e = dayTime(band.end);
    if (e <= s) return;
    const firstWeek = Math.max(0, Math.floor((s - gridFrom) / 7));
    for (let i = firstWeek; i < weeks.length; i++) {
      const week = weeks[i]!;
      const a = Math.max(s, week.start);
      const b = Math.min(e, week.start + 7);
      if (a >= week.start + 7) continue;
      if (b <= week.start) break;
      if (b > a) week.segments.push({ band, index, left: (a - week.start) / 7, width: (b - a) / 7, row: -1, starts: s >= week.start });
    }
  });
  for (const week of weeks) {
    week.segments = merged(week.segments);
    const ends: number[] = [];
    for (const seg of week.segments) {
      if (seg.width < MIN_LABEL_WIDTH) continue;
      const row = ends.findIndex((end) => end <= seg.left + 1e-9);
      if (row >= 0) {
        seg.row = row;
        ends[row] = seg.left + seg.width;
      } else if (ends.length < MAX_LABEL_ROWS) {
        seg.row = ends.length;
        ends.push(seg.left + seg.width);
      }
    }
    week.rows = ends.length;
  }
  return weeks;
}

/**
 * The week's segments by start, occurrences of one window that touch or overlap joined into one
 * (a window recurring every day reads as one stretch with one name, not a name a day).
 */
function merged(segments: BandSegment[]): BandSegment[] {
  const sorted = [...segments].sort((x, y) => x.left - y.left || y.width - x.width);
  const out: BandSegment[] = [];
  const last = new Map<string, BandSegment>();
  for (const seg of sorted) {
    const key = `${seg.band.kind}|${seg.band.window}`;
    const prev = last.get(key);
    if (prev && seg.left <= prev.left + prev.width + 1e-9) {
      prev.width = Math.max(prev.width, seg.left + seg.width - prev.left);
      continue;
    }
    last.set(key, seg);
    out.push(seg);
  }
  return out;
}
