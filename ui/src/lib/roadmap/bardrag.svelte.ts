// Moving or resizing a bar with the pointer. The distance dragged is measured over the content
// (pointer plus scroll), so when the chart scrolls under a still pointer near its left or right
// edge the bar keeps following the pointer to later or earlier dates. The bar stays in its row:
// this drag scrolls time only.

import { AutoScroller, type ScrollArea } from './autoscroller';
import { dragTo, type DragMode, type Preview } from './drag';
import { daysFor, type Scale } from './scale';

export interface BarDragHooks {
  area: ScrollArea;
  scale: () => Scale | null;
  /** Show the preview the pointer makes. */
  show: (p: Preview) => void;
}

export interface BarDragging {
  /** The preview at pointer down: every step is measured from it, so rounding never accumulates. */
  base: Preview;
  mode: DragMode;
  pointerId: number;
}

export class BarDrag {
  current = $state.raw<BarDragging | null>(null);

  /** Where the drag began: the pointer's x (viewport px) and the chart's scrollLeft then. */
  private x0 = 0;
  private left0 = 0;
  /** The pointer's last x. */
  private x = 0;
  private edge: AutoScroller;

  constructor(private hooks: BarDragHooks) {
    this.edge = new AutoScroller({ area: hooks.area, axes: { x: true, y: false }, scrolled: () => this.follow() });
  }

  start(e: PointerEvent, base: Preview, mode: DragMode): void {
    this.current = { base, mode, pointerId: e.pointerId };
    this.x0 = this.x = e.clientX;
    this.left0 = this.hooks.area.scroller()?.scrollLeft ?? 0;
    this.edge.begin(e.clientX, e.clientY);
  }

  /** A move of the dragging pointer: the bar follows it, and the chart scrolls near an edge. */
  move(e: PointerEvent): void {
    if (!this.mine(e)) return;
    this.x = e.clientX;
    this.follow();
    this.edge.move(e.clientX, e.clientY);
  }

  /** The dragging pointer was released: true if it was this drag's. The preview stays. */
  release(e: PointerEvent): boolean {
    if (!this.mine(e)) return false;
    this.stop();
    return true;
  }

  /** The system took the pointer away: the preview the drag began from, to show again. */
  lose(e: PointerEvent): Preview | null {
    const d = this.current;
    if (!d || !this.mine(e)) return null;
    this.stop();
    return d.base;
  }

  /** Ends the drag (Esc, a link begun, the view closed); the caller decides about the preview. */
  stop(): void {
    this.current = null;
    this.edge.end();
  }

  private mine(e: PointerEvent): boolean {
    return this.current !== null && e.pointerId === this.current.pointerId;
  }

  private follow(): void {
    const d = this.current;
    const s = this.hooks.scale();
    if (!d || !s) return;
    const scrolled = (this.hooks.area.scroller()?.scrollLeft ?? this.left0) - this.left0;
    this.hooks.show(dragTo(d.base, d.mode, daysFor(s, this.x - this.x0 + scrolled)));
  }
}
