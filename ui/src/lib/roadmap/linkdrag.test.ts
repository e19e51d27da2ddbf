// @vitest-environment jsdom
// A link dragged to the bottom of the chart: the rows scroll under the still pointer and the end
// under it is looked up again after each step; Esc stops the drag and the scrolling.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LinkDrag } from './linkdrag.svelte';

/** A scroller at (10, 100): rows show from y 144 (under the header) to 800. */
const el = {
  scrollLeft: 0,
  scrollTop: 0,
  scrollWidth: 6000,
  scrollHeight: 3000,
  clientWidth: 1190,
  clientHeight: 700,
  clientLeft: 0,
  clientTop: 0,
  getBoundingClientRect: () => ({ left: 10, top: 100, right: 1200, bottom: 800, width: 1190, height: 700 }),
};
const area = {
  scroller: () => el as unknown as HTMLElement,
  inset: () => ({ top: 44, left: 290 }),
  content: () => ({ width: 6000, height: 3000 }),
};

/** The connector on screen at a y: the rows are 32 px high, REL-<row>'s start connectors. */
function connectorAt(y: number): Element {
  const row = Math.floor((y - 144 + el.scrollTop) / 32);
  const c = document.createElement('span');
  Object.assign(c.dataset, { linkEnd: '', key: `REL-${row}`, kind: 'test', side: 'start' });
  return c;
}

const pointer = (type: string, x: number, y: number) => new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, bubbles: true });

let drag: LinkDrag;
const drop = vi.fn();

beforeEach(() => {
  vi.useFakeTimers();
  el.scrollTop = 0;
  drop.mockReset();
  document.elementFromPoint = (_x: number, y: number) => connectorAt(y);
  drag = new LinkDrag({ area, drop });
});

afterEach(() => {
  drag.stop();
  vi.useRealTimers();
});

describe('a link dragged to the edge of the chart', () => {
  it('scrolls the rows and finds the end under the still pointer', () => {
    drag.start(pointer('pointerdown', 600, 300), { key: 'REL-4', kind: 'build', side: 'end' });
    window.dispatchEvent(pointer('pointermove', 600, 790));
    const first = drag.current?.target?.key;
    expect(first).toBe('REL-20');
    vi.advanceTimersByTime(500);
    expect(el.scrollTop).toBeGreaterThan(100);
    expect(drag.current?.target?.key).toBe(`REL-${Math.floor((790 - 144 + el.scrollTop) / 32)}`);
    expect(drag.current?.target?.key).not.toBe(first);

    window.dispatchEvent(pointer('pointerup', 600, 790));
    expect(drop).toHaveBeenCalledWith(
      { key: 'REL-4', kind: 'build', side: 'end' },
      expect.objectContaining({ key: `REL-${Math.floor((790 - 144 + el.scrollTop) / 32)}` }),
      { x: 600, y: 790 },
      true,
    );
    const top = el.scrollTop;
    vi.advanceTimersByTime(500);
    expect(el.scrollTop).toBe(top);
  });

  it('stops scrolling on Esc', () => {
    drag.start(pointer('pointerdown', 600, 300), { key: 'REL-4', kind: 'build', side: 'end' });
    window.dispatchEvent(pointer('pointermove', 600, 790));
    vi.advanceTimersByTime(200);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(drag.current).toBeNull();
    const top = el.scrollTop;
    vi.advanceTimersByTime(500);
    expect(el.scrollTop).toBe(top);
    expect(drop).not.toHaveBeenCalled();
  });
});
