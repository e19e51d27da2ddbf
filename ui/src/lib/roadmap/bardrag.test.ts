// A bar dragged to the edge of the chart: the chart scrolls once a frame and the bar keeps
// following the still pointer to later dates; it stops with the pointer out of the zone, at the
// end of the content, on Esc (stop) and on release. Run against a stand-in for the scroller.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EDGE_ZONE, MAX_SPEED } from './autoscroll';
import { AutoScroller } from './autoscroller';
import { BarDrag } from './bardrag.svelte';
import { diffDays } from './dates';
import { startPreview, type Preview } from './drag';
import { makeScale } from './scale';

/** A scroller at (10, 100), its content shown from x 300 (after 290 px of labels) to 1200. */
function fakeScroller(width = 1190) {
  return {
    scrollLeft: 1000,
    scrollTop: 0,
    scrollWidth: 6000,
    scrollHeight: 3000,
    clientWidth: width,
    clientHeight: 700,
    clientLeft: 0,
    clientTop: 0,
    getBoundingClientRect() {
      return { left: 10, top: 100, right: 10 + this.clientWidth, bottom: 800, width: this.clientWidth, height: 700 };
    },
  };
}

const inset = () => ({ top: 44, left: 290 });
/** The chart's content: 6000 px wide (the scroller's scroll size may grow past it). */
let contentWidth = 6000;
const area = () => ({ scroller: () => el as unknown as HTMLElement, inset, content: () => ({ width: contentWidth, height: 3000 }) });
const scale = makeScale('month', '2027-01-01', '2028-12-31', '2027-06-01'); // 12 px a day
const bar = { kind: 'test' as const, start: '2027-03-01', end: '2027-03-10' };
const pointer = (x: number, y = 400) => ({ clientX: x, clientY: y, pointerId: 1 }) as PointerEvent;

let el: ReturnType<typeof fakeScroller>;
let shown: Preview | null;
let drag: BarDrag;

beforeEach(() => {
  vi.useFakeTimers();
  el = fakeScroller();
  contentWidth = 6000;
  shown = null;
  drag = new BarDrag({ area: area(), scale: () => scale, show: (p) => (shown = p) });
});

afterEach(() => {
  drag.stop();
  vi.useRealTimers();
});

const shift = () => (shown ? diffDays(bar.start, shown.start) : 0);

describe('a bar dragged to the edge of the chart', () => {
  it('follows the pointer, then the content scrolling under it', () => {
    drag.start(pointer(700), startPreview('REL-1', bar), 'move');
    drag.move(pointer(1000));
    expect(shift()).toBe(25); // 300 px at 12 px a day
    expect(el.scrollLeft).toBe(1000);

    drag.move(pointer(1190)); // 10 px inside the right edge
    expect(shift()).toBe(Math.round(490 / 12));
    vi.advanceTimersByTime(500);
    expect(el.scrollLeft).toBeGreaterThan(1000);
    // The bar is where the pointer is over the content: the drag plus the scroll, in days.
    expect(shift()).toBe(Math.round((490 + el.scrollLeft - 1000) / 12));

    // Nearer the edge, and past it, it scrolls faster.
    const slow = el.scrollLeft;
    vi.advanceTimersByTime(500);
    const slowStep = el.scrollLeft - slow;
    drag.move(pointer(1250));
    const fast = el.scrollLeft;
    vi.advanceTimersByTime(500);
    expect(el.scrollLeft - fast).toBeGreaterThan(slowStep);
    expect(el.scrollLeft - fast).toBeLessThanOrEqual(MAX_SPEED * 3 * 32);
  });

  it('stops when the pointer leaves the zone, and scrolls back in time at the left edge', () => {
    drag.start(pointer(700), startPreview('REL-1', bar), 'move');
    drag.move(pointer(1195));
    vi.advanceTimersByTime(300);
    drag.move(pointer(1200 - EDGE_ZONE - 20));
    const left = el.scrollLeft;
    vi.advanceTimersByTime(500);
    expect(el.scrollLeft).toBe(left);

    drag.move(pointer(305));
    vi.advanceTimersByTime(300);
    expect(el.scrollLeft).toBeLessThan(left);
    expect(shift()).toBe(Math.round((305 - 700 + el.scrollLeft - 1000) / 12));
  });

  it('stops at the end of the content', () => {
    drag.start(pointer(700), startPreview('REL-1', bar), 'move');
    drag.move(pointer(1300));
    vi.advanceTimersByTime(20_000);
    expect(el.scrollLeft).toBe(6000 - 1190);
    const days = shift();
    vi.advanceTimersByTime(1000);
    expect(shift()).toBe(days);
  });

  it('stops at the end of the timeline though the bar dragged past it widens the scroller', () => {
    el.scrollWidth = 7000; // the bar drawn beyond the timeline's last day
    contentWidth = 5000;
    drag.start(pointer(700), startPreview('REL-1', bar), 'move');
    drag.move(pointer(1300));
    vi.advanceTimersByTime(20_000);
    expect(el.scrollLeft).toBe(5000 - 1190);
  });

  it('stops on release and on Esc', () => {
    drag.start(pointer(700), startPreview('REL-1', bar), 'move');
    drag.move(pointer(1195));
    vi.advanceTimersByTime(100);
    expect(drag.release(pointer(1195))).toBe(true);
    const left = el.scrollLeft;
    vi.advanceTimersByTime(500);
    expect(el.scrollLeft).toBe(left);
    expect(drag.current).toBeNull();

    drag.start(pointer(700), startPreview('REL-1', bar), 'move');
    drag.move(pointer(1195));
    vi.advanceTimersByTime(100);
    drag.stop();
    const then = el.scrollLeft;
    vi.advanceTimersByTime(500);
    expect(el.scrollLeft).toBe(then);
  });

  it('scrolls time only: the bar keeps its row', () => {
    drag.start(pointer(700, 400), startPreview('REL-1', bar), 'move');
    drag.move(pointer(700, 795));
    vi.advanceTimersByTime(500);
    expect(el.scrollTop).toBe(0);
    expect(el.scrollLeft).toBe(1000);
  });

  it('does not run away when the what-if panel opens over the bar', () => {
    // A bar near the right of the chart, nudged: the panel takes 330 px from the chart's right.
    drag.start(pointer(1050), startPreview('REL-1', bar), 'move');
    drag.move(pointer(1060));
    el.clientWidth = 1190 - 330;
    drag.move(pointer(1070));
    vi.advanceTimersByTime(500);
    expect(el.scrollLeft).toBe(1000);
    // Brought back onto the chart and then to its new edge, it scrolls.
    drag.move(pointer(700));
    drag.move(pointer(860));
    vi.advanceTimersByTime(300);
    expect(el.scrollLeft).toBeGreaterThan(1000);
  });
});

describe('the auto-scroller on both axes (a link being dragged)', () => {
  it('scrolls rows near the top and bottom, and calls back after each step', () => {
    const scrolled = vi.fn();
    const edge = new AutoScroller({ area: area(), axes: { x: true, y: true }, scrolled });
    edge.begin(700, 400);
    edge.move(700, 795);
    vi.advanceTimersByTime(300);
    expect(el.scrollTop).toBeGreaterThan(0);
    expect(scrolled).toHaveBeenCalled();
    // Under the sticky header counts as past the top edge.
    const top = el.scrollTop;
    edge.move(700, 120);
    vi.advanceTimersByTime(100);
    expect(el.scrollTop).toBeLessThan(top);
    edge.end();
    expect(edge.scrolling).toBe(false);
  });
});
