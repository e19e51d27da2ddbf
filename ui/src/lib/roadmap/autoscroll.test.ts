import { describe, expect, it } from 'vitest';
import {
  armed,
  clearOfEdges,
  EDGE_ZONE,
  edgeSpeed,
  MAX_SPEED,
  scrollAfter,
  startTracking,
  stepFor,
  track,
  trackedVelocity,
  velocity,
  visibleArea,
  type Area,
} from './autoscroll';

// A chart whose content shows from x 300 (after the labels) to 1200, y 144 (under the header) to 800.
const area: Area = { left: 300, top: 144, right: 1200, bottom: 800 };
const both = { x: true, y: true };
const timeOnly = { x: true, y: false };
const middle = { x: 700, y: 400 };

describe('edgeSpeed', () => {
  it('is nothing outside the zone and slow where it begins', () => {
    expect(edgeSpeed(EDGE_ZONE + 1)).toBe(0);
    expect(edgeSpeed(EDGE_ZONE)).toBe(0);
    expect(edgeSpeed(EDGE_ZONE - 1)).toBe(1);
  });

  it('grows as the pointer nears the edge and passes it, up to the cap', () => {
    const speeds = [30, 20, 10, 0, -10, -20].map((d) => edgeSpeed(d));
    for (let i = 1; i < speeds.length; i++) expect(speeds[i]).toBeGreaterThan(speeds[i - 1]!);
    expect(edgeSpeed(-20)).toBe(MAX_SPEED);
    expect(edgeSpeed(-500)).toBe(MAX_SPEED);
    expect(edgeSpeed(0)).toBeLessThan(MAX_SPEED);
  });

  it('never goes faster than the cap it is given', () => {
    expect(edgeSpeed(-100, 8)).toBe(8);
    expect(edgeSpeed(0, 8)).toBeLessThanOrEqual(8);
    expect(edgeSpeed(0, 0)).toBe(0);
    expect(edgeSpeed(Number.NaN)).toBe(0);
  });
});

describe('velocity', () => {
  const from = middle;

  it('scrolls toward the edge the pointer nears', () => {
    expect(velocity(from, { x: 1190, y: 400 }, area, both)).toEqual({ x: edgeSpeed(10), y: 0 });
    expect(velocity(from, { x: 310, y: 400 }, area, both)).toEqual({ x: -edgeSpeed(10), y: 0 });
    expect(velocity(from, { x: 700, y: 790 }, area, both)).toEqual({ x: 0, y: edgeSpeed(10) });
    expect(velocity(from, { x: 700, y: 150 }, area, both)).toEqual({ x: 0, y: -edgeSpeed(6) });
    // a corner: both ways at once
    const corner = velocity(from, { x: 1195, y: 795 }, area, both);
    expect(corner.x).toBeGreaterThan(0);
    expect(corner.y).toBeGreaterThan(0);
  });

  it('counts the zone from inside the sticky header and labels, and keeps going past the edge', () => {
    // over the labels column, left of the content: full speed back in time
    expect(velocity(from, { x: 200, y: 400 }, area, both).x).toBe(-MAX_SPEED);
    // over the what-if panel beside the chart
    expect(velocity(from, { x: 1500, y: 400 }, area, both).x).toBe(MAX_SPEED);
  });

  it('does nothing in the middle, or on an axis the drag does not scroll', () => {
    expect(velocity(from, { x: 705, y: 405 }, area, both)).toEqual({ x: 0, y: 0 });
    expect(velocity(from, { x: 1190, y: 795 }, area, timeOnly)).toEqual({ x: edgeSpeed(10), y: 0 });
  });

  it('only scrolls the way the pointer went since the drag began', () => {
    // A bar grabbed in the right zone and pulled left does not run away to the right.
    expect(velocity({ x: 1190, y: 400 }, { x: 1175, y: 400 }, area, both).x).toBe(0);
    // Grabbed there and pushed right, it scrolls.
    expect(velocity({ x: 1170, y: 400 }, { x: 1190, y: 400 }, area, both).x).toBeGreaterThan(0);
    // A click (a pointer that barely moved) in the zone scrolls nothing.
    expect(velocity({ x: 1190, y: 400 }, { x: 1192, y: 401 }, area, both).x).toBe(0);
  });

  it('lets the nearer edge win in an area too small for two zones', () => {
    const small: Area = { left: 0, top: 0, right: 50, bottom: 600 };
    expect(velocity({ x: 25, y: 300 }, { x: 35, y: 300 }, small, both).x).toBe(edgeSpeed(15));
    expect(velocity({ x: 25, y: 300 }, { x: 15, y: 300 }, small, both).x).toBe(-edgeSpeed(15));
  });
});

describe('arming', () => {
  it('stays armed while the area stays, and re-arms once the pointer is clear of the edges', () => {
    const at = (x: number) => ({ pointer: { x, y: 400 }, area });
    expect(armed(true, at(700), at(1190), timeOnly)).toBe(true);
    expect(armed(false, at(1190), at(1180), timeOnly)).toBe(false);
    expect(armed(false, at(1180), at(900), timeOnly)).toBe(true);
  });

  it('does not scroll because the edge came to the pointer', () => {
    // The what-if panel opens beside the chart: its right edge moves from 1200 to 870, past the bar.
    const narrower: Area = { ...area, right: 870 };
    const before = { pointer: { x: 1000, y: 400 }, area };
    expect(armed(true, before, { pointer: { x: 1010, y: 400 }, area: narrower }, timeOnly)).toBe(false);
    // ...but a pointer that was clear of the new edges and then went to one does.
    expect(armed(true, { pointer: { x: 700, y: 400 }, area }, { pointer: { x: 860, y: 400 }, area: narrower }, timeOnly)).toBe(true);
    // A change on an axis the drag does not scroll (the panel under the chart) changes nothing.
    const shorter: Area = { ...area, bottom: 570 };
    expect(armed(true, { pointer: { x: 1190, y: 700 }, area }, { pointer: { x: 1195, y: 700 }, area: shorter }, timeOnly)).toBe(true);
  });

  it('knows when the pointer is clear of every edge', () => {
    expect(clearOfEdges(middle, area, both)).toBe(true);
    expect(clearOfEdges({ x: 700, y: 790 }, area, both)).toBe(false);
    expect(clearOfEdges({ x: 700, y: 790 }, area, timeOnly)).toBe(true);
    expect(clearOfEdges({ x: 100, y: 400 }, area, timeOnly)).toBe(false);
  });
});

describe('tracking a drag', () => {
  const walk = (xs: number[], areas: Area[] = []) =>
    xs.reduce((t, x, i) => track(t, { x, y: 400 }, areas[i] ?? area, timeOnly), startTracking({ x: xs[0]!, y: 400 }, area));

  it('scrolls toward the edge the pointer went to, slower as it backs off, and stops out of the zone', () => {
    expect(trackedVelocity(walk([700, 1000, 1190]), timeOnly).x).toBe(edgeSpeed(10));
    expect(trackedVelocity(walk([700, 1000, 1190, 1180]), timeOnly).x).toBe(edgeSpeed(20));
    expect(trackedVelocity(walk([700, 1000, 1190, 1150]), timeOnly).x).toBe(0);
  });

  it('does not scroll for a bar grabbed in the zone and pulled away from the edge', () => {
    expect(trackedVelocity(walk([1190, 1175]), timeOnly).x).toBe(0);
    expect(trackedVelocity(walk([1190, 1175, 1195]), timeOnly).x).toBeGreaterThan(0);
  });

  it('waits, after the what-if panel opens over the pointer, until the pointer is back on the chart', () => {
    const narrower: Area = { ...area, right: 870 };
    const after = [area, area, narrower, narrower, narrower, narrower];
    expect(trackedVelocity(walk([1050, 1060, 1070, 1100], after), timeOnly).x).toBe(0);
    expect(trackedVelocity(walk([1050, 1060, 1070, 1100, 700, 860], after), timeOnly).x).toBe(edgeSpeed(10));
  });
});

describe('the visible area and the scroll step', () => {
  it('leaves out the sticky header and labels', () => {
    expect(visibleArea({ left: 10, top: 100, width: 1190, height: 700 }, { top: 44, left: 290 })).toEqual({
      left: 300,
      top: 144,
      right: 1200,
      bottom: 800,
    });
    // a chart smaller than what sticks over it is an empty area, not an inverted one
    const tiny = visibleArea({ left: 0, top: 0, width: 100, height: 30 }, { top: 44, left: 290 });
    expect(tiny.right).toBeGreaterThanOrEqual(tiny.left);
    expect(tiny.bottom).toBeGreaterThanOrEqual(tiny.top);
  });

  it('scrolls whole pixels for the time that passed, at least one', () => {
    expect(stepFor(0, 16)).toBe(0);
    expect(stepFor(10, 1000 / 60)).toBe(10);
    expect(stepFor(-10, 1000 / 60)).toBe(-10);
    expect(stepFor(10, 1000 / 30)).toBe(20); // a dropped frame does not slow the scroll
    expect(stepFor(10, 1000)).toBe(30); // but a stall does not jump it either
    expect(stepFor(1, 1000 / 120)).toBe(1);
  });

  it('never scrolls past the content', () => {
    expect(scrollAfter(100, 15, 5000, 1000)).toBe(115);
    expect(scrollAfter(3990, 15, 5000, 1000)).toBe(4000);
    expect(scrollAfter(5, -15, 5000, 1000)).toBe(0);
    expect(scrollAfter(0, 15, 800, 1000)).toBe(0);
    // already past the end (scrolled there by hand): left alone, not pulled back
    expect(scrollAfter(4200, 15, 5000, 1000)).toBe(4200);
    expect(scrollAfter(4200, -15, 5000, 1000)).toBe(4185);
  });
});
