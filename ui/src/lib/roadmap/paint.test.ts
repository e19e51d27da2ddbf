import { describe, expect, it } from 'vitest';
import type { Bar } from '../ipc/bindings';
import type { DrawnBar } from './bars';
import { fade, fitText, labelParts, linkStyle, mix, paintLabel, paintLinks, paintRow, pathPoints, readPalette, rowExtent, type Ctx, type Palette, type RowPaint } from './paint';

/** A 2D context that records what is painted: each fill, stroke and text with the style then set. */
function recorder(charWidth = 6) {
  const ops: { op: string; style?: string; width?: number; dash?: number[]; text?: string; x?: number; y?: number; path?: number[][] }[] = [];
  let path: number[][] = [];
  let dash: number[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: 'alphabetic',
    setLineDash: (d: number[]) => (dash = d),
    beginPath: () => (path = []),
    moveTo: (x: number, y: number) => path.push([x, y]),
    lineTo: (x: number, y: number) => path.push([x, y]),
    arcTo: (x1: number, y1: number) => path.push([x1, y1]),
    closePath: () => {},
    fill: () => ops.push({ op: 'fill', style: String(ctx.fillStyle), x: Math.min(...path.map((p) => p[0]!)), path: path.map((p) => [...p]) }),
    stroke: () =>
      ops.push({ op: 'stroke', style: String(ctx.strokeStyle), width: ctx.lineWidth, dash, x: Math.min(...path.map((p) => p[0]!)), path: path.map((p) => [...p]) }),
    fillText: (text: string, x: number, y: number) => ops.push({ op: 'text', style: String(ctx.fillStyle), text, x, y }),
    measureText: (t: string) => ({ width: t.length * charWidth }) as TextMetrics,
    save: () => {},
    restore: () => {},
    translate: (x: number) => ops.push({ op: 'translate', x }),
    rotate: () => ops.push({ op: 'rotate' }),
    arc: (x: number) => path.push([x, 0]),
    textAlign: 'left',
    clearRect: () => {},
    setTransform: () => {},
  };
  return { ctx: ctx as unknown as Ctx, ops };
}

const palette: Palette = readPalette({
  getPropertyValue: (name: string) =>
    ({
      '--tone-blue-fg': '#1c56ad',
      '--tone-blue-bg': '#e2ecfc',
      '--tone-red-fg': '#ab2020',
      '--tone-red-bg': '#fce3e3',
      '--tone-amber-fg': '#824d00',
      '--tone-amber-bg': '#fcefd6',
      '--accent': '#2d5bcc',
      '--text-faint': '#838b97',
      '--danger': '#b8261f',
      '--font': 'Inter, sans-serif',
    })[name] ?? '',
});
const paint = (over: Partial<RowPaint> = {}): RowPaint => ({
  tone: palette.tones.blue,
  palette,
  critical: false,
  pxPerDay: 4,
  diamond: 14,
  ...over,
});

function drawn(kind: Bar['kind'], left: number, width: number, over: Partial<DrawnBar> = {}, bar: Partial<Bar> = {}): DrawnBar {
  const diamond = bar.diamond ?? false;
  return {
    bar: { kind, start: '2027-01-04', end: diamond ? '2027-01-04' : '2027-01-20', diamond, critical: false, slack_days: 3, ...bar } as Bar,
    start: '2027-01-04',
    end: diamond ? '2027-01-04' : '2027-01-20',
    moved: false,
    was: null,
    left,
    width,
    ghost: null,
    base: null,
    actual: null,
    ...over,
  };
}

describe('colours', () => {
  it('reads the theme from its custom properties, and stands a grey in for what is missing', () => {
    expect(palette.tones.blue).toEqual({ fg: '#1c56ad', bg: '#e2ecfc' });
    expect(palette.accent).toBe('#2d5bcc');
    expect(palette.font).toBe('Inter, sans-serif');
    expect(palette.tones.red.fg).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('mixes as color-mix in srgb does, and fades to an alpha', () => {
    expect(mix('#ffffff', 0.22, '#000000')).toBe('#383838');
    expect(mix('#1c56ad', 1, '#e2ecfc')).toBe('#1c56ad');
    expect(mix('#abc', 0, '#000')).toBe('#000000');
    expect(fade('#1c56ad', 0.35)).toBe('rgba(28, 86, 173, 0.35)');
    expect(mix('red', 0.5, '#000000')).toBe('red');
  });
});

describe('rowExtent', () => {
  it('covers the bars, a diamond turned 45° and the baseline, with room for a thick border', () => {
    const bars = [drawn('build', 100, 60, { base: { left: 90, width: 40 } }), drawn('cab', 300, 4, {}, { diamond: true })];
    // The diamond's centre is 302; half its diagonal 14/√2 ≈ 9.9.
    expect(rowExtent(bars, paint(), 0, 10_000)).toEqual({ x0: 87, x1: 315 });
  });

  it('stops at the band in the DOM, and is null when nothing is left', () => {
    expect(rowExtent([drawn('build', 100, 600)], paint(), 200, 400)).toEqual({ x0: 200, x1: 400 });
    expect(rowExtent([drawn('build', 100, 60)], paint(), 500, 900)).toBeNull();
    expect(rowExtent([], paint(), 0, 900)).toBeNull();
  });
});

describe('fitText', () => {
  const { ctx } = recorder(6);
  it('gives the whole label when it fits, else its start and an ellipsis, else nothing', () => {
    expect(fitText(ctx, 'Build', 30)).toBe('Build');
    expect(fitText(ctx, 'Early life support', 60)).toBe('Early lif…');
    expect(fitText(ctx, 'Deployment', 11)).toBe('');
  });
});

describe('paintRow', () => {
  it('paints a bar in its tone, shifted to the canvas, with its label inside the padding', () => {
    const { ctx, ops } = recorder();
    paintRow(ctx, [drawn('build', 120, 80)], 100, paint());
    expect(ops).toMatchObject([
      { op: 'fill', style: mix('#1c56ad', 0.22, '#e2ecfc'), x: 20 },
      { op: 'stroke', style: '#1c56ad', width: 1, dash: [], x: 20.5 },
      { op: 'text', style: '#1c56ad', text: 'Build', x: 27, y: 16 },
    ]);
  });

  it('leaves a narrow bar unlabelled and shortens a long label', () => {
    const { ctx, ops } = recorder(6);
    paintRow(ctx, [drawn('test', 0, 40), drawn('early_life_support', 100, 70)], 0, paint());
    expect(ops.filter((o) => o.op === 'text').map((o) => o.text)).toEqual(['Early li…']);
  });

  it('fades what is off the critical path and outlines what is on it, when the path is shown', () => {
    const { ctx, ops } = recorder();
    paintRow(ctx, [drawn('build', 0, 80), drawn('test', 100, 80, {}, { critical: true })], 0, paint({ critical: true }));
    const strokes = ops.filter((o) => o.op === 'stroke');
    expect(strokes[0]).toMatchObject({ style: fade('#1c56ad', 0.35), width: 1 });
    expect(strokes[1]).toMatchObject({ style: '#2d5bcc', width: 2 });
    expect(ops.find((o) => o.op === 'text' && o.text === 'Build')?.style).toBe(fade('#1c56ad', 0.35));
    expect(ops.find((o) => o.op === 'text' && o.text === 'Test')?.style).toBe('#1c56ad');
  });

  it('turns a one-day milestone into a diamond at the middle of its day', () => {
    const { ctx, ops } = recorder();
    paintRow(ctx, [drawn('cab', 300, 4, {}, { diamond: true })], 100, paint());
    expect(ops).toMatchObject([
      { op: 'translate', x: 202 },
      { op: 'rotate' },
      { op: 'fill', style: '#1c56ad', x: -7 },
    ]);
  });

  it('adds the baseline under, and the actual dates, the ghost and the planned dates of a move', () => {
    const { ctx, ops } = recorder();
    const b = drawn('build', 200, 80, {
      base: { left: 150, width: 80 },
      actual: { left: 200, width: 30 },
      ghost: { left: 400, width: 80, days: 50 },
      was: { left: 180, width: 80 },
      moved: true,
    });
    paintRow(ctx, [b], 0, paint());
    const summary = ops.filter((o) => o.op !== 'text').map((o) => `${o.op} ${o.style} ${o.dash?.length ? 'dashed' : ''}`.trim());
    expect(summary).toEqual([
      `fill ${fade('#838b97', 0.08)}`,
      'stroke #838b97 dashed',
      'stroke #b8261f dashed',
      `stroke ${fade('#1c56ad', 0.55)} dashed`,
      `fill ${mix('#1c56ad', 0.22, '#e2ecfc')}`,
      'stroke #1c56ad',
      'fill #1c56ad',
    ]);
  });
});

describe('labels', () => {
  const label = {
    key: 'REL-2027.01.02',
    title: 'Identity & Access platform upgrade',
    emergency: false,
    violated: false,
    tone: 'blue' as const,
    status: 'Submitted to CAB',
    conflicts: 0,
    blocking: 0,
  };

  it('lays a label out as the release column did: key, title cut short, mark, status pill at the right', () => {
    const { ctx } = recorder(6);
    const parts = labelParts(ctx, { ...label, violated: true }, 289, false, palette);
    // Key at the padding; the pill's text cut to 88 px (its 104 px cap less its padding), flush right.
    expect(parts.key).toEqual({ x: 12, text: 'REL-2027.01.02' });
    expect(parts.pill).toEqual({ x: 289 - 10 - 94, w: 94, text: 'Submitted to…' });
    // The mark left of the pill, the title in what is left between the key and the mark.
    expect(parts.warn).toBe(185 - 8 - 16);
    const titleRoom = parts.warn! - 8 - parts.title.x;
    expect(parts.title.x).toBe(12 + 14 * 6 + 8);
    expect(parts.title.text.endsWith('…')).toBe(true);
    expect(parts.title.text.length * 6).toBeLessThanOrEqual(titleRoom);
    expect(parts.dot).toBeNull();
  });

  it('has a dot for the status and no pill in a narrow column', () => {
    const { ctx } = recorder(6);
    const parts = labelParts(ctx, label, 199, true, palette);
    expect(parts.dot).toBe(12);
    expect(parts.key.x).toBe(12 + 8 + 8);
    expect(parts.pill).toBeNull();
    expect(parts.warn).toBeNull();
  });

  it('puts a conflicts badge left of the mark, red when one blocks, amber otherwise', () => {
    const { ctx, ops } = recorder(6);
    const parts = labelParts(ctx, { ...label, violated: true, conflicts: 12, blocking: 1 }, 289, false, palette);
    // Padding 4, the triangle 10, a gap of 2, "12" (2 × 6 px), padding 4 = 32 px, then the gap.
    expect(parts.badge).toEqual({ x: parts.warn! - 8 - 32, w: 32, text: '12' });
    expect(parts.title.text.length * 6).toBeLessThanOrEqual(parts.badge!.x - 6 - parts.title.x);
    expect(labelParts(ctx, label, 289, false, palette).badge).toBeNull();

    paintLabel(ctx, { ...label, conflicts: 12, blocking: 1 }, 289, 31, false, palette);
    expect(ops.filter((o) => o.op === 'fill').map((o) => o.style)).toEqual(['#fce3e3', '#ab2020', '#e2ecfc']);
    expect(ops.find((o) => o.op === 'text' && o.text === '12')?.style).toBe('#ab2020');
    ops.length = 0;
    paintLabel(ctx, { ...label, conflicts: 2, blocking: 0 }, 289, 31, false, palette);
    expect(ops.find((o) => o.op === 'text' && o.text === '2')?.style).toBe('#824d00');
  });

  it('paints the key in red for an emergency release, the pill in the status tone', () => {
    const { ctx, ops } = recorder(6);
    paintLabel(ctx, { ...label, emergency: true, key: 'EMR-2026.10.01' }, 289, 31, false, palette);
    const texts = ops.filter((o) => o.op === 'text');
    expect(texts[0]).toMatchObject({ text: 'EMR-2026.10.01', style: '#b8261f', x: 12, y: 15.5 });
    expect(texts.at(-1)).toMatchObject({ text: 'Submitted to…', style: '#1c56ad' });
    expect(ops.find((o) => o.op === 'fill')?.style).toBe('#e2ecfc');
  });
});

describe('links', () => {
  const link = { implied: false, violated: false, critical: false };

  it('reads the corners of an orthogonal path', () => {
    expect(pathPoints('M10,16 H30.5 V80 H12')).toEqual([
      { x: 10, y: 16 },
      { x: 30.5, y: 16 },
      { x: 30.5, y: 80 },
      { x: 12, y: 80 },
    ]);
    expect(pathPoints('M-8,4 V-20')).toEqual([
      { x: -8, y: 4 },
      { x: -8, y: -20 },
    ]);
  });

  it('styles a link as the legend says: grey, red when broken, the accent on the critical path, teal dashes when implied', () => {
    expect(linkStyle(link, false, palette)).toEqual({ colour: '#838b97', width: 1.25, dash: [] });
    expect(linkStyle({ ...link, violated: true, critical: true }, true, palette)).toMatchObject({ colour: '#b8261f', width: 2 });
    expect(linkStyle({ ...link, critical: true }, true, palette)).toMatchObject({ colour: '#2d5bcc', width: 2 });
    expect(linkStyle({ ...link, critical: true }, false, palette)).toMatchObject({ colour: '#838b97' });
    expect(linkStyle({ ...link, implied: true, violated: true }, true, palette).dash).toEqual([4, 3]);
  });

  it('paints the path shifted to the canvas and an arrowhead whose tip is just past its end', () => {
    const { ctx, ops } = recorder();
    paintLinks(ctx, [{ ...link, d: 'M100,116 H120 V180 H150', head: true }], 100, 100, false, palette);
    expect(ops[0]).toMatchObject({ op: 'stroke', style: '#838b97', path: [[0, 16], [20, 16], [20, 80], [50, 80]] });
    // A marker of 7 × 1.25 px: its tip one eighth past the end, its base 8 eighths behind the tip.
    const u = (7 * 1.25) / 8;
    const [tip, b1, b2] = ops[1]!.path!;
    expect(ops[1]).toMatchObject({ op: 'fill', style: '#838b97' });
    expect(tip).toEqual([50 + u, 80]);
    expect(b1![0]).toBeCloseTo(50 + u - 8 * u);
    expect(Math.abs(b1![1]! - b2![1]!)).toBeCloseTo(8 * u);
  });

  it('leaves the arrowhead off a stub that leaves the end on screen, and a leftward head points left', () => {
    const { ctx, ops } = recorder();
    paintLinks(ctx, [{ ...link, d: 'M50,16 H58 V300', head: false }, { ...link, d: 'M90,40 H60', head: true }], 0, 0, false, palette);
    expect(ops.map((o) => o.op)).toEqual(['stroke', 'stroke', 'fill']);
    expect(ops[2]!.path![0]![0]).toBeLessThan(60);
  });
});
