// Dragging a link from a milestone's connector to another milestone: follows the pointer over the
// whole window (the rows under it may scroll away), knows the end under it, scrolls the chart when
// the pointer nears any edge of it (and then looks again for the end under the still pointer), and
// reports the drop. Esc abandons it.

import { AutoScroller, type ScrollArea } from './autoscroller';
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
  /** The chart, scrolled when the pointer nears its edges. */
  area: ScrollArea;
  /** The pointer was released: over `target` (null: nowhere), after a drag or a mere click. */
  drop: (from: LinkEnd, target: LinkEnd | null, at: { x: number; y: number }, moved: boolean) => void;
}

export class LinkDrag {
  current = $state.raw<Linking | null>(null);

  private edge: AutoScroller;

  constructor(private hooks: LinkDragHooks) {
    this.edge = new AutoScroller({
      area: hooks.area,
      axes: { x: true, y: true },
      scrolled: () => {
        const l = this.current;
        if (l) this.follow(l, l.x, l.y);
      },
    });
  }

  start(e: PointerEvent, from: LinkEnd): void {
    this.stop();
    this.current = { from, x0: e.clientX, y0: e.clientY, x: e.clientX, y: e.clientY, target: null, moved: false };
    window.addEventListener('pointermove', this.move);
    window.addEventListener('pointerup', this.up);
    window.addEventListener('pointercancel', this.stop);
    window.addEventListener('keydown', this.key, true);
    this.edge.begin(e.clientX, e.clientY);
  }

  stop = (): void => {
    this.current = null;
    this.edge.end();
    window.removeEventListener('pointermove', this.move);
    window.removeEventListener('pointerup', this.up);
    window.removeEventListener('pointercancel', this.stop);
    window.removeEventListener('keydown', this.key, true);
  };

  private move = (e: PointerEvent): void => {
    const l = this.current;
    if (!l) return;
    this.follow(l, e.clientX, e.clientY);
    this.edge.move(e.clientX, e.clientY);
  };

  /** The pointer at (x, y), or the content moved under it: the end under it now. */
  private follow(l: Linking, x: number, y: number): void {
    const moved = l.moved || Math.hypot(x - l.x0, y - l.y0) > 4;
    const under = endAt(document.elementFromPoint?.(x, y) ?? null, x);
    this.current = { ...l, x, y, moved, target: sameMilestone(under, l.from) ? null : under };
  }

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
