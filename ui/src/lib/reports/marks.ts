// A laid-out report page (the core's marks, in points, origin top-left, y down) as SVG
// attributes. The preview draws exactly what the PDF writer draws, so the screen is the paper;
// the text is set in the PDF's own font (styles/report-fonts.css).

import type { Mark, Rgb } from '../ipc/bindings';

/**
 * Text is set at this many times its size and scaled back down: at the few pixels a page shrunk to
 * the pane gives 7 pt, WebKit rounds glyph advances (a key in 7.5 pt bold comes out 10 % wider
 * than in the PDF and runs into the title beside it); at ten times the size the advances are
 * the font's own.
 */
export const TEXT_SCALE = 10;

/** The PDF writer's dash pattern for dashed lines, in points. */
export const DASH = '3 2';

export function color(c: Rgb): string {
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function points(ps: readonly (readonly [number, number])[]): string {
  return ps.map(([x, y]) => `${x},${y}`).join(' ');
}

/** The SVG element and its attributes for one mark (text is given separately, as a text node). */
export type SvgMark =
  | { el: 'text'; attrs: Record<string, string | number>; text: string }
  | { el: 'rect' | 'polyline' | 'polygon'; attrs: Record<string, string | number> };

export function svgMark(m: Mark): SvgMark {
  switch (m.type) {
    case 'text':
      return {
        el: 'text',
        attrs: {
          x: m.x * TEXT_SCALE,
          y: m.y * TEXT_SCALE,
          'font-size': m.size * TEXT_SCALE,
          'font-weight': m.bold ? 700 : 400,
          fill: color(m.color),
          transform: `scale(${1 / TEXT_SCALE})`,
        },
        text: m.text,
      };
    case 'rect':
      return {
        el: 'rect',
        attrs: {
          x: m.x,
          y: m.y,
          width: Math.max(0, m.w),
          height: Math.max(0, m.h),
          fill: m.fill ? color(m.fill) : 'none',
          stroke: m.stroke ? color(m.stroke) : 'none',
          'stroke-width': m.stroke ? m.line_width : 0,
        },
      };
    case 'line':
      return {
        el: 'polyline',
        attrs: {
          points: points(m.points),
          fill: 'none',
          stroke: color(m.color),
          'stroke-width': m.width,
          ...(m.dashed ? { 'stroke-dasharray': DASH } : {}),
        },
      };
    case 'polygon':
      return { el: 'polygon', attrs: { points: points(m.points), fill: color(m.fill) } };
  }
}
