// Dragging a link from a milestone's connector to another milestone: follows the pointer over the
// whole window (the rows under it may scroll away), knows the end under it, scrolls the chart when
// the pointer nears its top or bottom, and reports the drop. Esc abandons it.

import { endAt, sameMilestone, type LinkEnd } from './link';

export interface Linking {
  from: LinkEnd;
  /** Where the drag began and where the pointer is (viewport px). */
  x0: number;
  y0: number;
  x: number;
  y: number;
  /** The milestone end under the pointer (never the one it started from). */
  target: LinkEnd | null;
  /** Moved more than a few pixels: a drag, not a click. */
  moved: boolean;
}

export interface LinkDragHooks {
  /** The scrolling chart, and how much of its top the sticky header covers. */
  scroller: () => HTMLElement | undefined;
  headerHeight: number;
  /** The pointer was released: over `target` (null: nowhere), after a drag or a mere click. */
  drop: (from: LinkEnd, target: LinkEnd | null, at: { x: number; y: number }, moved: boolean) => void;
}

export class LinkDrag {
  current = $state.raw<Linking | null>(null);

  constructor(private hooks: LinkDragHooks) {}

  start(e: PointerEvent, from: LinkEnd): void {
    this.stop();
    this.current = { from, x0: e.clientX, y0: e.clientY, x: e.clientX, y: e.clientY, target: null, moved: false };
    window.addEventListener('pointermove', this.move);
    window.addEventListener('pointerup', this.up);
    window.addEventListener('pointercancel', this.stop);
    window.addEventListener('keydown', this.key, true);
  }

  stop = (): void => {
    this.current = null;
    window.removeEventListener('pointermove', this.move);
    window.removeEventListener('pointerup', this.up);
    window.removeEventListener('pointercancel', this.stop);
    window.removeEventListener('keydown', this.key, true);
  };

  private move = (e: PointerEvent): void => {
    const l = this.current;
    if (!l) return;
    const moved = l.moved || Math.hypot(e.clientX - l.x0, e.clientY - l.y0) > 4;
    const under = endAt(document.elementFromPoint?.(e.clientX, e.clientY) ?? null, e.clientX);
    this.current = { ...l, x: e.clientX, y: e.clientY, moved, target: sameMilestone(under, l.from) ? null : under };
    const el = this.hooks.scroller();
    const r = el?.getBoundingClientRect();
    if (el && r) {
      if (e.clientY < r.top + this.hooks.headerHeight + 20) el.scrollTop -= 16;
      else if (e.clientY > r.bottom - 20) el.scrollTop += 16;
    }
  };

  private up = (e: PointerEvent): void => {
    const l = this.current;
    this.stop();
    if (!l) return;
    const under = endAt(document.elementFromPoint?.(e.clientX, e.clientY) ?? null, e.clientX);
    const target = under && !sameMilestone(under, l.from) ? under : null;
    const moved = l.moved || Math.hypot(e.clientX - l.x0, e.clientY - l.y0) > 4;
    this.hooks.drop(l.from, target, { x: e.clientX, y: e.clientY }, moved);
  };

  private key = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    this.stop();
  };
}
