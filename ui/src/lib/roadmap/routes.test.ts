import { describe, expect, it } from 'vitest';
import { laneLabels, labelWidth, routeOf, stubPath, type ArrowEnd, type Window } from './routes';

const end = (line: number | undefined, header?: number): ArrowEnd => ({ row: 0, kind: 'build', side: 'end', line, header });
// Lines 10 to 19 are on screen; 4 to 25 are in the DOM.
const w: Window = { visible: { start: 10, end: 20 }, drawn: { start: 4, end: 26 } };

describe('routeOf', () => {
  it('draws an arrow whole when both ends are on screen', () => {
    expect(routeOf(end(10), end(19), w)).toEqual({ type: 'full' });
  });

  it('draws a stub from the end on screen towards the other, up or down', () => {
    expect(routeOf(end(12), end(3), w)).toEqual({ type: 'stub', near: 'from', edge: 'top' });
    expect(routeOf(end(40), end(12), w)).toEqual({ type: 'stub', near: 'to', edge: 'bottom' });
    // In the DOM but under the edge of the view: still a stub, so its label says where it goes.
    expect(routeOf(end(12), end(22), w)).toEqual({ type: 'stub', near: 'from', edge: 'bottom' });
  });

  it('points a stub at the group header of an end whose group is collapsed', () => {
    expect(routeOf(end(15), end(undefined, 2), w)).toEqual({ type: 'stub', near: 'from', edge: 'top' });
    expect(routeOf(end(undefined, 30), end(15), w)).toEqual({ type: 'stub', near: 'to', edge: 'bottom' });
  });

  it('draws an arrow between two drawn rows off screen (it may cross the view), else nothing', () => {
    expect(routeOf(end(5), end(24), w)).toEqual({ type: 'full' });
    expect(routeOf(end(5), end(30), w)).toBeNull();
    expect(routeOf(end(undefined), end(undefined), w)).toBeNull();
  });
});

describe('stubPath', () => {
  it('leaves a predecessor on its side and runs towards the other end’s row', () => {
    expect(stubPath({ x: 100, y: 50 }, 'end', 'from', 0)).toEqual({ d: 'M100,50 H108 V0', x: 108 });
  });

  it('comes from the other end’s row into a successor, so the arrowhead is on the bar', () => {
    expect(stubPath({ x: 100, y: 50 }, 'start', 'to', 320)).toEqual({ d: 'M92,320 V50 H100', x: 92 });
  });
});

describe('laneLabels', () => {
  it('keeps labels apart: a label that would cover another takes the next lane', () => {
    const text = 'REL-2027.01.01 Deployment';
    const wide = labelWidth(text);
    const placed = laneLabels(
      [
        { x: 300, edge: 'top', text },
        { x: 310, edge: 'top', text },
        { x: 300 + wide + 10, edge: 'top', text },
        { x: 305, edge: 'bottom', text },
      ],
      0,
      2000,
    );
    expect(placed.map((p) => p.lane)).toEqual([0, 1, 0, 0]);
  });

  it('leaves a label out when every lane is taken or its stub is off screen, and keeps labels on screen', () => {
    const labels = Array.from({ length: 3 }, () => ({ x: 105, edge: 'bottom' as const, text: 'X' }));
    const placed = laneLabels([...labels, { x: 50, edge: 'top', text: 'X' }, { x: 700, edge: 'top', text: 'X' }], 100, 600);
    expect(placed.map((p) => p.lane)).toEqual([0, 1, -1, -1, -1]);
    expect(placed[0]?.left).toBe(104);
  });
});
