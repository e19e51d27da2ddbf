// A row's milestones as drawn: where each bar (or diamond) goes at the current scale and preview,
// with the ghost of a move it must make, its baseline and its actual dates; its words for screen
// readers and tooltips; and the points arrows attach to.

import type { Bar, Row, Shift } from '../ipc/bindings';
import { milestoneLabel } from '../labels';
import { kindWord } from './callouts';
import { addDays, formatDay, toDay } from './dates';
import { previewDates, type Preview } from './drag';
import type { Side } from './link';
import { xAfter, xOf, type Scale } from './scale';

export interface Span {
  left: number;
  width: number;
}

export interface DrawnBar extends Span {
  bar: Bar;
  /** The dates drawn (the preview's while a move is tried). */
  start: string;
  end: string;
  moved: boolean;
  /** Where it was planned, while a move is tried (`moved`). */
  was: Span | null;
  /** Where it must move to (a what-if's must-move), and by how many days. */
  ghost: (Span & { days: number }) | null;
  base: Span | null;
  actual: Span | null;
}

/** What a row's bars are drawn against. */
export interface BarContext {
  scale: Scale;
  preview: Preview | null;
  /** The what-if's must-move shifts, by "key|kind". */
  mustMove: ReadonlyMap<string, Shift>;
  /** The day numbers of the band of the timeline in the DOM; bars outside it are left out. */
  firstDay: number;
  lastDay: number;
  today: string;
  /** A baseline is overlaid. */
  baseline: boolean;
}

export function span(s: Scale, start: string, end: string): Span {
  const left = xOf(s, start);
  return { left, width: Math.max(3, xAfter(s, end) - left) };
}

export function drawnBars(row: Row, c: BarContext): DrawnBar[] {
  const out: DrawnBar[] = [];
  for (const bar of row.bars) {
    const d = previewDates(c.preview, row.key, bar);
    const shift = c.mustMove.get(`${row.key}|${bar.kind}`);
    const days = [d.start, d.end, bar.baseline_start, bar.baseline_end].filter((x): x is string => !!x).map(toDay);
    if (shift) days.push(toDay(bar.end) + shift.days);
    if (Math.max(...days) < c.firstDay || Math.min(...days) > c.lastDay) continue;
    const actualEnd = bar.actual_end ?? (bar.actual_start ? c.today : null);
    out.push({
      bar,
      start: d.start,
      end: d.end,
      moved: d.moved,
      was: d.moved ? span(c.scale, bar.start, bar.end) : null,
      ...span(c.scale, d.start, d.end),
      ghost: shift ? { ...span(c.scale, addDays(bar.start, shift.days), addDays(bar.end, shift.days)), days: shift.days } : null,
      base: bar.baseline_start && bar.baseline_end && c.baseline ? span(c.scale, bar.baseline_start, bar.baseline_end) : null,
      actual: bar.actual_start && actualEnd ? span(c.scale, bar.actual_start, actualEnd) : null,
    });
  }
  return out;
}

/** Drawn as a diamond: a one-day milestone that is one day long as drawn. */
export const isDiamond = (b: Pick<DrawnBar, 'bar' | 'start' | 'end'>): boolean => b.bar.diamond && b.start === b.end;

/**
 * The x an arrow attaches to on the `side` of a milestone drawn from `start` to `end`: the bar's
 * edge, or for a diamond of `size` px the corner on that side.
 */
export function edgeX(s: Scale, dates: { start: string; end: string }, diamond: boolean, side: Side, size: number): number {
  if (diamond && dates.start === dates.end) {
    const c = xOf(s, dates.start) + s.pxPerDay / 2;
    // A square turned 45°: its corners lie half a diagonal from the centre.
    const half = size / Math.SQRT2 + 1;
    return side === 'start' ? c - half : c + half;
  }
  return side === 'start' ? xOf(s, dates.start) : xAfter(s, dates.end);
}

export function barLabel(key: string, b: Pick<DrawnBar, 'bar' | 'start' | 'end'>): string {
  return `${key} ${kindWord(b.bar.kind)} ${b.start} to ${b.end}`;
}

export function barTitle(key: string, b: DrawnBar, baseline: boolean): string {
  const lines = [`${key} · ${milestoneLabel(b.bar.kind)}`, `Planned ${formatDay(b.start)} – ${formatDay(b.end)}`];
  if (b.bar.actual_start) {
    lines.push(`Actual ${formatDay(b.bar.actual_start)} – ${b.bar.actual_end ? formatDay(b.bar.actual_end) : 'ongoing'}`);
  }
  if (b.bar.baseline_start && b.bar.baseline_end && baseline) {
    lines.push(`Baseline ${formatDay(b.bar.baseline_start)} – ${formatDay(b.bar.baseline_end)}`);
  }
  lines.push(b.bar.critical ? 'On the critical path' : `Slack ${b.bar.slack_days} ${b.bar.slack_days === 1 ? 'day' : 'days'}`);
  if (b.ghost) lines.push(`Must move ${b.ghost.days} days`);
  lines.push('L links it to another milestone');
  return lines.join('\n');
}
