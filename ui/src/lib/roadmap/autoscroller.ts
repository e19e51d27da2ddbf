// The frame loop behind a drag's edge scrolling (the rules are in `autoscroll.ts`): told where
// the pointer is, it scrolls the chart once a frame while the pointer stays near an edge, and
// after each step lets the drag follow the same pointer position over the content that moved
// under it. It rests when the pointer leaves the zone or the content ends, and stops with the drag.

import {
  MAX_SPEED,
  REDUCED_MAX_SPEED,
  scrollAfter,
  startTracking,
  stepFor,
  track,
  trackedVelocity,
  visibleArea,
  type Area,
  type Axes,
  type Point,
  type Tracking,
} from './autoscroll';

/** The chart a drag scrolls. */
export interface ScrollArea {
  scroller: () => HTMLElement | undefined;
  /** What sticks over the scroller's top and left edges (the time header, the release labels). */
  inset: () => { top: number; left: number };
  /**
   * The size of what there is to see: the scroll stops there, though a bar dragged past the end of
   * the timeline, or the hint beside a dragged link, makes the scroller's own scroll size larger.
   */
  content: () => { width: number; height: number };
}

export interface AutoScrollerHooks {
  area: ScrollArea;
  axes: Axes;
  /** The chart scrolled under a still pointer: recompute the drag from its last position. */
  scrolled: () => void;
}

const requestFrame = (cb: (t: number) => void): number =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(cb) : (setTimeout(() => cb(Date.now()), 16) as unknown as number);
const cancelFrame = (id: number): void => {
  if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(id);
  else clearTimeout(id);
};

const reducedMotion = (): boolean => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class AutoScroller {
  private tracking: Tracking | null = null;
  private max = MAX_SPEED;
  private frame: number | null = null;
  private last: number | null = null;

  constructor(private hooks: AutoScrollerHooks) {}

  /** A drag began with the pointer here (viewport px). */
  begin(x: number, y: number): void {
    this.end();
    const area = this.measure();
    this.tracking = area ? startTracking({ x, y }, area) : null;
    this.max = reducedMotion() ? REDUCED_MAX_SPEED : MAX_SPEED;
  }

  /** The dragged pointer moved: scrolling starts (or keeps going) if it is near an edge. */
  move(x: number, y: number): void {
    if (!this.tracking) return;
    this.observe({ x, y });
    if (this.frame === null && this.speed()) {
      this.last = null;
      this.frame = requestFrame(this.step);
    }
  }

  /** The drag ended or was abandoned. */
  end(): void {
    if (this.frame !== null) cancelFrame(this.frame);
    this.frame = null;
    this.tracking = null;
  }

  /** Scrolling right now (a frame is due). */
  get scrolling(): boolean {
    return this.frame !== null;
  }

  private measure(): Area | null {
    const el = this.hooks.area.scroller();
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const box = { left: r.left + el.clientLeft, top: r.top + el.clientTop, width: el.clientWidth, height: el.clientHeight };
    return visibleArea(box, this.hooks.area.inset());
  }

  private observe(p: Point): void {
    const area = this.measure();
    if (this.tracking && area) this.tracking = track(this.tracking, p, area, this.hooks.axes);
  }

  private speed(): Point | null {
    if (!this.tracking) return null;
    const v = trackedVelocity(this.tracking, this.hooks.axes, this.max);
    return v.x || v.y ? v : null;
  }

  private step = (t: number): void => {
    this.frame = null;
    const el = this.hooks.area.scroller();
    if (!this.tracking || !el) return;
    this.observe(this.tracking.pointer);
    const v = this.speed();
    if (!v) return;
    const ms = this.last === null ? 1000 / 60 : t - this.last;
    this.last = t;
    const left = el.scrollLeft;
    const top = el.scrollTop;
    const content = this.hooks.area.content();
    if (v.x) el.scrollLeft = scrollAfter(left, stepFor(v.x, ms), Math.min(content.width, el.scrollWidth), el.clientWidth);
    if (v.y) el.scrollTop = scrollAfter(top, stepFor(v.y, ms), Math.min(content.height, el.scrollHeight), el.clientHeight);
    // At the end of the content: rest until the pointer moves again.
    if (el.scrollLeft === left && el.scrollTop === top) return;
    this.hooks.scrolled();
    if (this.tracking) this.frame = requestFrame(this.step);
  };
}
