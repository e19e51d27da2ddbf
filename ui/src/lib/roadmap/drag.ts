// Moving and resizing a milestone, by mouse or keyboard, as the Change the core understands.
// Everything snaps to whole days; a milestone never ends before it starts.

import type { Bar, Change, MilestoneKind } from '../ipc/bindings';
import { addDays, diffDays } from './dates';

export type DragMode = 'move' | 'resize';

/** A proposed move of one milestone (or, for `release`, of every milestone of its release). */
export interface Preview {
  key: string;
  kind: MilestoneKind;
  /** The milestone's dates before the change. */
  from: { start: string; end: string };
  /** Its dates after. */
  start: string;
  end: string;
  /** Shift the whole release by `start - from.start` days instead of one milestone. */
  release: boolean;
}

export function startPreview(key: string, bar: Pick<Bar, 'kind' | 'start' | 'end'>, release = false): Preview {
  return { key, kind: bar.kind, from: { start: bar.start, end: bar.end }, start: bar.start, end: bar.end, release };
}

/**
 * The preview after dragging `days` from where the drag began (`base`, the preview at pointer
 * down): every pointer move is measured from there, so rounding never accumulates.
 */
export function dragTo(base: Preview, mode: DragMode, days: number): Preview {
  return nudge(base, mode, days);
}

/** The keyboard: one day more or less on the start and end (`move`) or on the end (`resize`). */
export function nudge(p: Preview, mode: DragMode, days: number): Preview {
  if (mode === 'move') return { ...p, start: addDays(p.start, days), end: addDays(p.end, days) };
  const end = addDays(p.end, days);
  return { ...p, end: diffDays(p.start, end) < 0 ? p.start : end, release: false };
}

/** True when the preview changes nothing. */
export function isNoop(p: Preview): boolean {
  return p.start === p.from.start && p.end === p.from.end;
}

/** The Change for the core, or null when nothing moves. */
export function changeOf(p: Preview): Change | null {
  if (isNoop(p)) return null;
  if (p.release) return { type: 'release', release: p.key, shift_days: diffDays(p.from.start, p.start) };
  return { type: 'milestone', milestone: { release: p.key, kind: p.kind }, start: p.start, end: p.end };
}

/** The dates to draw a bar at while a preview is shown. */
export function previewDates(
  p: Preview | null,
  key: string,
  bar: Pick<Bar, 'kind' | 'start' | 'end'>,
): { start: string; end: string; moved: boolean } {
  if (!p || p.key !== key || isNoop(p)) return { start: bar.start, end: bar.end, moved: false };
  if (p.release) {
    const days = diffDays(p.from.start, p.start);
    return { start: addDays(bar.start, days), end: addDays(bar.end, days), moved: true };
  }
  if (p.kind !== bar.kind) return { start: bar.start, end: bar.end, moved: false };
  return { start: p.start, end: p.end, moved: true };
}

/** A drag whose pointer sits this close to a bar's right edge resizes it. */
export const EDGE_PX = 7;

export function modeAt(offsetX: number, width: number, diamond: boolean): DragMode {
  if (diamond || width <= 0) return 'move';
  const edge = Math.min(EDGE_PX, width / 3);
  return offsetX >= width - edge ? 'resize' : 'move';
}
