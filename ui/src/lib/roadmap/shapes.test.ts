import { describe, expect, it } from 'vitest';
import { bar } from '../../test/layout';
import type { Layout, Row } from '../ipc/bindings';
import { buildLines } from './rows';
import { makeScale, xAfter, xOf } from './scale';
import { REACH, ShapeCache, arrowShapes, holdArrows, linksByRow, linksOf, motionOf, type ArrowWindow, type ShapeInput } from './shapes';

const row = (index: number): Row => ({
  key: `R${index}`,
  title: `Release ${index}`,
  status: 'planned',
  kind: 'minor',
  index,
  bars: [bar('build', '2027-03-01', '2027-03-10'), bar('deployment', '2027-03-15', '2027-03-15')],
  violated: false,
  conflicts: 0,
  blocking_conflicts: 0,
});

// 40 releases in one group: line 0 is the header, row i is on line i + 1.
const layout: Layout = {
  today: '2027-03-01',
  from: '2027-03-01',
  to: '2027-03-31',
  groups: [{ code: 'PAY', name: 'Payments', rows: Array.from({ length: 40 }, (_, i) => i) }],
  rows: Array.from({ length: 40 }, (_, i) => row(i)),
  arrows: [
    // R1 build → R2 build (both on screen), R2 build → R30 build (R30 far below).
    { from_row: 1, from_kind: 'build', to_row: 2, to_kind: 'build', kind: 'fs', lag_days: 0, violated: true, critical: false },
    { from_row: 2, from_kind: 'build', to_row: 30, to_kind: 'build', kind: 'fs', lag_days: 0, violated: false, critical: true },
  ],
  ci_arrows: [{ from_row: 35, from_kind: 'deployment', to_row: 3, to_kind: 'deployment', reasons: ['web depends on db'] }],
  baseline: null,
  critical_path: [],
};

function input(over: Partial<ShapeInput> = {}): ShapeInput {
  const scale = makeScale('month', layout.from, layout.to, layout.today);
  const links = linksOf(layout);
  const lines = buildLines(layout, new Set());
  // Lines 0 to 9 on screen, 0 to 15 in the DOM.
  const drawnRows = lines.lines.slice(0, 16).flatMap((l) => (l.type === 'row' ? [l.row.index] : []));
  return {
    layout,
    links,
    byRow: linksByRow(links),
    lines,
    drawnRows,
    window: { visible: { start: 0, end: 10 }, drawn: { start: 0, end: 16 } },
    scale,
    preview: null,
    outcome: null,
    bandX0: 0,
    bandX1: scale.width,
    rowHeight: 32,
    diamond: 14,
    ...over,
  };
}

describe('linksOf', () => {
  it('keeps the plan dependencies and the implied links apart, the implied drawn finish to start', () => {
    const links = linksOf(layout);
    expect(links.map((l) => [l.id, l.implied, l.kind])).toEqual([
      ['d0', false, 'fs'],
      ['d1', false, 'fs'],
      ['c0', true, 'fs'],
    ]);
    expect(links[2]?.reasons).toEqual(['web depends on db']);
    expect(linksByRow(links).get(2)).toEqual([0, 1]);
  });
});

describe('arrowShapes', () => {
  it('draws an arrow whole between rows on screen, from the finish of one bar to the start of the other', () => {
    const p = input();
    const { arrows } = arrowShapes(p);
    expect(arrows).toHaveLength(1);
    const a = arrows[0]!;
    expect(a).toMatchObject({ id: 'd0', from: 'R1|build', to: 'R2|build', violated: true, implied: false });
    const x0 = xAfter(p.scale, '2027-03-10');
    const x1 = xOf(p.scale, '2027-03-01');
    expect(a.d.startsWith(`M${x0},${2 * 32 + 16}`)).toBe(true);
    expect(a.d.endsWith(`H${x1}`)).toBe(true);
  });

  it('draws stubs to the edge for ends off screen, labelled with the other end', () => {
    const { stubs } = arrowShapes(input());
    const down = stubs.find((s) => s.id === 'd1')!;
    expect(down).toMatchObject({ near: 'from', edge: 'bottom', text: 'R30 Build', implied: false });
    // The stub runs towards R30's row, past the view's edge (which clips it) to the next
    // multiple of REACH px, so scrolling within that stretch leaves its path as it is.
    const r30 = buildLines(layout, new Set()).lineOfRow.get(30)! * 32 + 16;
    // The view's bottom edge is line 10's top; the stub reaches the next multiple of REACH past
    // the line below it.
    const reach = Math.ceil((11 * 32) / REACH) * REACH;
    expect(down.d.endsWith(`V${Math.min(r30, reach)}`)).toBe(true);
    const scrolled = arrowShapes(input({ window: { visible: { start: 1, end: 11 }, drawn: { start: 0, end: 17 } } }));
    expect(scrolled.stubs.find((s) => s.id === 'd1')?.d).toBe(down.d);
    expect(down.other).toEqual({ row: 30, key: 'R30', kind: 'build' });
    expect(down.title).toContain('R2 holds up R30 Build');
    // R3's deployment waits for R35's (implied): a dashed stub coming up from the bottom edge.
    const ci = stubs.find((s) => s.id === 'c0')!;
    expect(ci).toMatchObject({ near: 'to', edge: 'bottom', implied: true, text: 'R35 Deployment' });
    expect(ci.title).toContain('implied by configuration items: web depends on db');
    const r35 = buildLines(layout, new Set()).lineOfRow.get(35)! * 32 + 16;
    expect(ci.d.startsWith(`M${ci.x},${Math.min(r35, reach)}`)).toBe(true);
  });

  it('points at a collapsed group and draws what a what-if would break', () => {
    const collapsed = buildLines(layout, new Set(['PAY']));
    expect(arrowShapes(input({ lines: collapsed, drawnRows: [] }))).toEqual({ arrows: [], stubs: [] });
    const repaired = arrowShapes(
      input({
        outcome: {
          moved: [],
          must_move: [],
          newly_violated: [],
          resolved: [{ from: { release: 'R1', kind: 'build' }, to: { release: 'R2', kind: 'build' }, kind: 'fs', lag_days: 0, by_days: 1, message: '' }],
          slack_used: [],
          windows_changed: [],
          conflicts_created: [],
          conflicts_resolved: [],
          diagnostics: [],
        },
      }),
    );
    expect(repaired.arrows[0]?.violated).toBe(false);
  });

  it('leaves out a release’s own phases one after the other, unless the link is broken', () => {
    const shapesOf = (l: Layout) => arrowShapes(input({ layout: l, links: linksOf(l), byRow: linksByRow(linksOf(l)) })).arrows;
    const own = (start: string, violated: boolean): Layout => ({
      ...layout,
      rows: layout.rows.map((r) => (r.index === 1 ? { ...r, bars: [bar('build', '2027-03-01', '2027-03-10'), bar('test', start, '2027-03-20')] } : r)),
      arrows: [{ from_row: 1, from_kind: 'build', to_row: 1, to_kind: 'test', kind: 'fs', lag_days: 0, violated, critical: false }],
      ci_arrows: [],
    });
    // The test phase right after the build: no room for a line, and no hook under the bars.
    expect(shapesOf(own('2027-03-11', false))).toHaveLength(0);
    expect(shapesOf(own('2027-03-11', true))).toHaveLength(1);
    // A gap of a few days: a straight line across it.
    expect(shapesOf(own('2027-03-14', false))[0]?.d).toMatch(/^M[\d.]+,80 H[\d.]+$/);
  });
});

describe('scrolling', () => {
  it('keeps an arrow’s path while both its ends stay on screen: it is drawn in the body’s coordinates', () => {
    const before = arrowShapes(input()).arrows.find((a) => a.id === 'd0')!;
    const window = { visible: { start: 1, end: 11 }, drawn: { start: 0, end: 17 } };
    const after = arrowShapes(input({ window })).arrows.find((a) => a.id === 'd0')!;
    expect(after.d).toBe(before.d);
  });

  it('hands back the same objects while only the window moves, and new ones when the chart changes', () => {
    const cache = new ShapeCache();
    const base = input();
    const first = arrowShapes(base, cache);
    const window = { visible: { start: 1, end: 11 }, drawn: { start: 0, end: 17 } };
    const scrolled = arrowShapes({ ...base, window }, cache);
    expect(scrolled.arrows.find((a) => a.id === 'd0')).toBe(first.arrows.find((a) => a.id === 'd0'));
    expect(scrolled.stubs.find((s) => s.id === 'd1')).toBe(first.stubs.find((s) => s.id === 'd1'));
    // Another band (or scale, preview, layout...) draws everything anew.
    const moved = arrowShapes({ ...base, bandX0: 10 }, cache);
    expect(moved.arrows.find((a) => a.id === 'd0')).not.toBe(first.arrows.find((a) => a.id === 'd0'));
    // Without a cache, every call makes new shapes, equal to the cached ones.
    expect(arrowShapes(input())).toEqual(first);
  });
});

describe('holdArrows', () => {
  const held: ArrowWindow = { start: 10, end: 50, seenStart: 16, seenEnd: 38, x0: 1000, x1: 3500 };
  const view = { left: 1500, width: 1000 };
  const moved = (d: number): ArrowWindow => ({ ...held, start: held.start + d, end: held.end + d, seenStart: held.seenStart + d, seenEnd: held.seenEnd + d });

  it('keeps the window the arrows were drawn for while nothing changed, scrolling or not', () => {
    expect(holdArrows(held, { ...held }, 'rest', view)).toBe(held);
    expect(holdArrows(held, { ...held }, 'scrolling', view)).toBe(held);
    expect(holdArrows(held, { ...held }, 'fast', view)).toBe(held);
  });

  it('takes the new window at once when the chart is not scrolling on', () => {
    const now = moved(2);
    expect(holdArrows(held, now, 'rest', view)).toBe(now);
    expect(holdArrows(null, now, 'scrolling', view)).toBe(now);
    expect(holdArrows(null, now, 'fast', view)).toBe(now);
  });

  it('keeps the old window while the chart scrolls on and the lines on screen are still inside it', () => {
    expect(holdArrows(held, moved(6), 'scrolling', view)).toBe(held);
    expect(holdArrows(held, moved(-6), 'scrolling', view)).toBe(held);
  });

  it('takes the new window once the lines on screen leave the old one, up or down', () => {
    const down = moved(13);
    expect(holdArrows(held, down, 'scrolling', view)).toBe(down);
    const up = moved(-7);
    expect(holdArrows(held, up, 'scrolling', view)).toBe(up);
  });

  it('takes the new window once the timeline on screen leaves the old band', () => {
    const now = { ...held, x0: 1500, x1: 4000 };
    // The old band runs from 1000 to 3500 px.
    expect(holdArrows(held, now, 'scrolling', { left: 2500, width: 1000 })).toBe(held);
    expect(holdArrows(held, now, 'scrolling', { left: 2501, width: 1000 })).toBe(now);
    expect(holdArrows(held, now, 'scrolling', { left: 999, width: 1000 })).toBe(now);
  });

  it('keeps the old window all along while the chart scrolls on fast, and takes the new one when it slows down or stops', () => {
    const far = { ...moved(400), x0: 9000, x1: 11500 };
    expect(holdArrows(held, far, 'fast', { left: 9500, width: 1000 })).toBe(held);
    expect(holdArrows(held, far, 'scrolling', { left: 9500, width: 1000 })).toBe(far);
    expect(holdArrows(held, far, 'rest', { left: 9500, width: 1000 })).toBe(far);
  });
});

describe('motionOf', () => {
  it('is at rest when the chart is not scrolling on, however far one step went', () => {
    expect(motionOf(false, 0, 16)).toBe('rest');
    expect(motionOf(false, 5000, 16)).toBe('rest');
  });

  it('tells a wheel from a swipe or a fling by the px a millisecond', () => {
    expect(motionOf(true, 12, 16.7)).toBe('scrolling'); // a wheel: 720 px/s
    expect(motionOf(true, 24, 16)).toBe('scrolling'); // exactly FAST
    expect(motionOf(true, 25, 16)).toBe('fast');
    expect(motionOf(true, 32, 16.7)).toBe('fast'); // a swipe: 1,900 px/s
    expect(motionOf(true, 84, 16.7)).toBe('fast'); // a fling: 5,000 px/s
    expect(motionOf(true, 84, 200)).toBe('scrolling'); // the same step after a pause
  });

  it('does not divide by a zero-length step', () => {
    expect(motionOf(true, 1, 0)).toBe('scrolling');
    expect(motionOf(true, 2, 0)).toBe('fast');
  });
});
