// The roadmap's rows painted on canvases: a release's milestones (bars and diamonds, their
// baseline, their actual dates, a move's ghost) on a canvas of the row's own, and its label (key,
// title, broken-dependency mark, status pill) on one in the label column, as the theme colours
// them. Each keeps buttons over the picture (transparent: the focus ring, the drag, the click and
// the words for screen readers are theirs), but a fast scroll only paints: a row's dozen
// elements, styled and laid out at each step that brought one into view, and their text painted
// again at every step, were what kept a fling at 5,000 releases under 60 frames a second
// (docs/benchmarks.md).

import type { Tone } from '../status';
import { milestoneLabel } from '../labels';
import { isDiamond, type DrawnBar } from './bars';

export const TONES: readonly Tone[] = ['neutral', 'violet', 'blue', 'amber', 'teal', 'green', 'red', 'muted'];

/** The theme's colours the roadmap paints with, read from its custom properties. */
export interface Palette {
  tones: Record<Tone, { fg: string; bg: string }>;
  accent: string;
  faint: string;
  danger: string;
  text: string;
  muted: string;
  bg: string;
  font: string;
  mono: string;
}

/** What stands in for a colour the style sheet does not give (only in tests without it). */
const NO_COLOUR = '#6b7280';

export function readPalette(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>): Palette {
  const get = (name: string, fallback = NO_COLOUR) => style.getPropertyValue(name).trim() || fallback;
  const tones = {} as Palette['tones'];
  for (const t of TONES) tones[t] = { fg: get(`--tone-${t}-fg`), bg: get(`--tone-${t}-bg`) };
  return {
    tones,
    accent: get('--accent'),
    faint: get('--text-faint'),
    danger: get('--danger'),
    text: get('--text'),
    muted: get('--text-muted'),
    bg: get('--bg'),
    font: get('--font', 'sans-serif'),
    mono: get('--font-mono', 'monospace'),
  };
}

/** `#rgb` or `#rrggbb` as [r, g, b]; null for anything else. */
function rgb(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** CSS `color-mix(in srgb, a p, b)` for hex colours, as hex (a as is, if either is not hex). */
export function mix(a: string, p: number, b: string): string {
  const x = rgb(a);
  const y = rgb(b);
  if (!x || !y) return a;
  return `#${x.map((v, i) => Math.round(v * p + y[i]! * (1 - p)).toString(16).padStart(2, '0')).join('')}`;
}

/** A hex colour at `alpha` (as is, if it is not hex). */
export function fade(a: string, alpha: number): string {
  const x = rgb(a);
  return x ? `rgba(${x[0]}, ${x[1]}, ${x[2]}, ${alpha})` : a;
}

/** The part of a 2D context the painting uses (a test records the calls). */
export type Ctx = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textBaseline'
  | 'textAlign'
  | 'setLineDash'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'arcTo'
  | 'arc'
  | 'closePath'
  | 'fill'
  | 'stroke'
  | 'fillText'
  | 'measureText'
  | 'save'
  | 'restore'
  | 'translate'
  | 'rotate'
  | 'clearRect'
  | 'setTransform'
>;

export const ROW_H = 32;
/** A bar's box in its row, as the button over it (RoadmapRow). */
export const BAR_TOP = 8;
export const BAR_H = 16;
/** A bar is labelled from this width on, with this padding on each side. */
export const LABEL_MIN = 56;
const LABEL_PAD = 6;
/** Room around the shapes for the 2 px border of a critical one. */
const MARGIN = 3;

/** What a row is painted with, beside its bars. */
export interface RowPaint {
  tone: { fg: string; bg: string };
  palette: Palette;
  /** The critical path is highlighted: the milestones off it are faded. */
  critical: boolean;
  pxPerDay: number;
  /** A diamond's side in px. */
  diamond: number;
}

/** Half the width a diamond of side `size` takes, turned 45°. */
const halfDiagonal = (size: number) => size / Math.SQRT2;

/**
 * The span of the timeline a row's shapes cover, within [clipX0, clipX1] (the band in the DOM),
 * in whole pixels; null when nothing is to be painted.
 */
export function rowExtent(
  bars: readonly DrawnBar[],
  p: Pick<RowPaint, 'pxPerDay' | 'diamond'>,
  clipX0: number,
  clipX1: number,
): { x0: number; x1: number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bars) {
    if (isDiamond(b)) {
      const c = b.left + p.pxPerDay / 2;
      lo = Math.min(lo, c - halfDiagonal(p.diamond));
      hi = Math.max(hi, c + halfDiagonal(p.diamond));
    } else {
      lo = Math.min(lo, b.left);
      hi = Math.max(hi, b.left + b.width);
    }
    for (const s of [b.base, b.actual, b.was, b.ghost]) {
      if (!s) continue;
      lo = Math.min(lo, s.left);
      hi = Math.max(hi, s.left + s.width);
    }
  }
  const x0 = Math.max(Math.floor(lo - MARGIN), Math.floor(clipX0));
  const x1 = Math.min(Math.ceil(hi + MARGIN), Math.ceil(clipX1));
  return x1 > x0 ? { x0, x1 } : null;
}

function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, r: number): void {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.moveTo(x + rr, y);
  ctx.arcTo(x + w, y, x + w, y + h, rr);
  ctx.arcTo(x + w, y + h, x, y + h, rr);
  ctx.arcTo(x, y + h, x, y, rr);
  ctx.arcTo(x, y, x + w, y, rr);
  ctx.closePath();
}

/** The text that fits in `room` px: the whole label, or its start and an ellipsis; '' if not even that. */
export function fitText(ctx: Pick<Ctx, 'measureText'>, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${text.slice(0, lo).trimEnd()}…`;
}

/**
 * Paints a row's bars, in the row's coordinates shifted by `x0` (the canvas's left edge on the
 * timeline), in the order the DOM stacked them: baseline, bar or diamond, actual dates.
 */
export function paintRow(ctx: Ctx, bars: readonly DrawnBar[], x0: number, p: RowPaint): void {
  const { fg, bg } = p.tone;
  const fill = mix(fg, 0.22, bg);
  const faded = (c: string) => (p.critical ? fade(c, 0.35) : c);
  ctx.font = `600 10.5px ${p.palette.font}`;
  ctx.textBaseline = 'middle';
  for (const b of bars) {
    const off = p.critical && !b.bar.critical;
    const on = p.critical && b.bar.critical;
    if (b.base) {
      ctx.setLineDash([3, 2]);
      ctx.lineWidth = 1;
      ctx.strokeStyle = p.palette.faint;
      ctx.fillStyle = fade(p.palette.faint, 0.08);
      roundRect(ctx, b.base.left - x0 + 0.5, 5.5, b.base.width - 1, 21, 5);
      ctx.fill();
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (b.ghost) {
      // Where a what-if says it must move to.
      const w = b.bar.diamond ? Math.max(16, b.ghost.width) : b.ghost.width;
      ctx.setLineDash([6, 3]);
      ctx.lineWidth = 2;
      ctx.strokeStyle = p.palette.danger;
      roundRect(ctx, b.ghost.left - x0 + 1, 7, w - 2, 18, 5);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (b.was) {
      // Where it is planned, while a move is tried.
      ctx.setLineDash([3, 2]);
      ctx.lineWidth = 1;
      ctx.strokeStyle = fade(fg, 0.55);
      roundRect(ctx, b.was.left - x0 + 0.5, BAR_TOP + 0.5, b.was.width - 1, BAR_H - 1, 4);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (isDiamond(b)) {
      const cx = b.left + p.pxPerDay / 2 - x0;
      ctx.save();
      ctx.translate(cx, ROW_H / 2);
      ctx.rotate(Math.PI / 4);
      const s = p.diamond;
      roundRect(ctx, -s / 2, -s / 2, s, s, 2);
      ctx.fillStyle = off ? fade(fg, 0.35) : fg;
      ctx.fill();
      if (on) {
        roundRect(ctx, -s / 2 + 1, -s / 2 + 1, s - 2, s - 2, 2);
        ctx.lineWidth = 2;
        ctx.strokeStyle = p.palette.accent;
        ctx.stroke();
      }
      ctx.restore();
    } else {
      const x = b.left - x0;
      ctx.fillStyle = off ? faded(fill) : fill;
      roundRect(ctx, x, BAR_TOP, b.width, BAR_H, 4);
      ctx.fill();
      const border = on ? 2 : 1;
      roundRect(ctx, x + border / 2, BAR_TOP + border / 2, b.width - border, BAR_H - border, 4 - border / 2);
      ctx.lineWidth = border;
      ctx.strokeStyle = on ? p.palette.accent : off ? faded(fg) : fg;
      ctx.stroke();
      if (b.width >= LABEL_MIN) {
        const text = fitText(ctx, milestoneLabel(b.bar.kind), b.width - 2 * LABEL_PAD - 2 * border);
        if (text) {
          ctx.fillStyle = off ? faded(fg) : fg;
          ctx.fillText(text, x + border + LABEL_PAD, BAR_TOP + BAR_H / 2);
        }
      }
    }
    if (b.actual) {
      ctx.fillStyle = fg;
      const { left, width } = b.actual;
      // Square at the top, rounded at the bottom (the bar's underline).
      ctx.beginPath();
      ctx.moveTo(left - x0, 21);
      ctx.arcTo(left - x0 + width, 21, left - x0 + width, 25, 0);
      ctx.arcTo(left - x0 + width, 25, left - x0, 25, Math.min(3, width / 2));
      ctx.arcTo(left - x0, 25, left - x0, 21, Math.min(3, width / 2));
      ctx.arcTo(left - x0, 21, left - x0 + width, 21, 0);
      ctx.closePath();
      ctx.fill();
    }
  }
}

/** What a release's label shows. */
export interface LabelRow {
  key: string;
  title: string;
  emergency: boolean;
  violated: boolean;
  tone: Tone;
  /** The status, in words. */
  status: string;
  /** Schedule conflicts it is party to, and how many block (a badge: red if any blocks, else amber). */
  conflicts: number;
  blocking: number;
}

/**
 * A label's box model: padding left and right (the group headers' in RoadmapLabels), the gap
 * between parts, the status pill's cap, padding and height, the warning mark's and the dot's size,
 * and the conflicts badge's padding, height, triangle, gap before its count and gap before the title.
 */
const LAB = { left: 12, right: 10, gap: 8, pillMax: 104, pillPad: 8, pillH: 20, warn: 16, dot: 8, badgePad: 4, badgeH: 18, icon: 10, badgeGap: 2, badgeSep: 6 };
const KEY_FONT = (p: Palette, emergency: boolean) => `${emergency ? '600 ' : ''}12px ${p.mono}`;
const TITLE_FONT = (p: Palette) => `14px ${p.font}`;
const PILL_FONT = (p: Palette) => `500 12.5px ${p.font}`;
const BADGE_FONT = (p: Palette) => `700 11px ${p.font}`;

/** Where each part of a label goes in `width` px: key and title from the left, status pill and warning mark from the right. */
export function labelParts(ctx: Ctx, l: LabelRow, width: number, narrow: boolean, p: Palette) {
  let x = LAB.left;
  const dot = narrow ? x : null;
  if (narrow) x += LAB.dot + LAB.gap;
  ctx.font = KEY_FONT(p, l.emergency);
  const key = { x, text: l.key };
  x += ctx.measureText(l.key).width + LAB.gap;
  let right = width - LAB.right;
  let pill: { x: number; w: number; text: string } | null = null;
  if (!narrow) {
    ctx.font = PILL_FONT(p);
    const text = fitText(ctx, l.status, LAB.pillMax - 2 * LAB.pillPad);
    const w = ctx.measureText(text).width + 2 * LAB.pillPad;
    right -= w;
    pill = { x: right, w, text };
    right -= LAB.gap;
  }
  let warn: number | null = null;
  if (l.violated) {
    right -= LAB.warn;
    warn = right;
    right -= LAB.gap;
  }
  let badge: { x: number; w: number; text: string } | null = null;
  if (l.conflicts > 0) {
    ctx.font = BADGE_FONT(p);
    const text = String(l.conflicts);
    const w = LAB.badgePad + LAB.icon + LAB.badgeGap + ctx.measureText(text).width + LAB.badgePad;
    right -= w;
    badge = { x: right, w, text };
    right -= LAB.badgeSep;
  }
  ctx.font = TITLE_FONT(p);
  const title = { x, text: fitText(ctx, l.title, right - x) };
  return { dot, key, title, warn, badge, pill };
}

/** Paints a release's label on a canvas `width` × `height` px, text centred on the height. */
export function paintLabel(ctx: Ctx, l: LabelRow, width: number, height: number, narrow: boolean, p: Palette): void {
  const parts = labelParts(ctx, l, width, narrow, p);
  const tone = p.tones[l.tone];
  const y = height / 2;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  if (parts.dot !== null) {
    ctx.fillStyle = tone.fg;
    ctx.beginPath();
    ctx.arc(parts.dot + LAB.dot / 2, y, LAB.dot / 2, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.font = KEY_FONT(p, l.emergency);
  ctx.fillStyle = l.emergency ? p.danger : p.muted;
  ctx.fillText(parts.key.text, parts.key.x, y);
  if (parts.title.text) {
    ctx.font = TITLE_FONT(p);
    ctx.fillStyle = p.text;
    ctx.fillText(parts.title.text, parts.title.x, y);
  }
  if (parts.warn !== null) {
    ctx.fillStyle = p.danger;
    ctx.beginPath();
    ctx.arc(parts.warn + LAB.warn / 2, y, LAB.warn / 2, 0, 2 * Math.PI);
    ctx.fill();
    ctx.font = `700 11px ${p.font}`;
    ctx.fillStyle = p.bg;
    ctx.textAlign = 'center';
    ctx.fillText('!', parts.warn + LAB.warn / 2, y);
    ctx.textAlign = 'left';
  }
  if (parts.badge) {
    // The schedule's conflicts: a warning triangle and the count, red when one blocks.
    const b = parts.badge;
    const colours = l.blocking > 0 ? p.tones.red : p.tones.amber;
    ctx.fillStyle = colours.bg;
    roundRect(ctx, b.x, y - LAB.badgeH / 2, b.w, LAB.badgeH, 4);
    ctx.fill();
    const ix = b.x + LAB.badgePad;
    ctx.fillStyle = colours.fg;
    ctx.beginPath();
    ctx.moveTo(ix + LAB.icon / 2, y - 5);
    ctx.lineTo(ix + LAB.icon, y + 4);
    ctx.lineTo(ix, y + 4);
    ctx.closePath();
    ctx.fill();
    ctx.font = `700 8px ${p.font}`;
    ctx.fillStyle = colours.bg;
    ctx.textAlign = 'center';
    ctx.fillText('!', ix + LAB.icon / 2, y + 1);
    ctx.textAlign = 'left';
    ctx.font = BADGE_FONT(p);
    ctx.fillStyle = colours.fg;
    ctx.fillText(b.text, ix + LAB.icon + LAB.badgeGap, y);
  }
  if (parts.pill) {
    ctx.fillStyle = tone.bg;
    roundRect(ctx, parts.pill.x, y - LAB.pillH / 2, parts.pill.w, LAB.pillH, LAB.pillH / 2);
    ctx.fill();
    ctx.font = PILL_FONT(p);
    ctx.fillStyle = tone.fg;
    ctx.fillText(parts.pill.text, parts.pill.x + LAB.pillPad, y);
  }
}

/** The corners of an orthogonal path as arrows.ts and routes.ts write them (M x,y then H x / V y). */
export function pathPoints(d: string): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const m of d.matchAll(/([MHV])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    if (m[1] === 'M') {
      x = Number(m[2]);
      y = Number(m[3]);
    } else if (m[1] === 'H') x = Number(m[2]);
    else y = Number(m[2]);
    out.push({ x, y });
  }
  return out;
}

/** How a link is drawn: grey; red when broken; the accent on the critical path; teal and dashed when implied. */
export interface LinkStyle {
  colour: string;
  width: number;
  dash: number[];
}

export function linkStyle(a: { implied: boolean; violated: boolean; critical: boolean }, critical: boolean, p: Palette): LinkStyle {
  if (a.implied) return { colour: p.tones.teal.fg, width: 1.75, dash: [4, 3] };
  if (a.violated) return { colour: p.danger, width: 2, dash: [] };
  if (critical && a.critical) return { colour: p.accent, width: 2, dash: [] };
  return { colour: p.faint, width: 1.25, dash: [] };
}

/** A link to paint: its path, whether it ends in an arrowhead, and its style's inputs. */
export interface LinkPaint {
  d: string;
  head: boolean;
  implied: boolean;
  violated: boolean;
  critical: boolean;
}

/**
 * Paints the links, their paths shifted by (-x0, -y0), each ending in an arrowhead as an SVG
 * marker of 7 × the stroke's width would: a triangle whose tip is one eighth past the end.
 */
export function paintLinks(ctx: Ctx, links: readonly LinkPaint[], x0: number, y0: number, critical: boolean, p: Palette): void {
  for (const l of links) {
    const pts = pathPoints(l.d);
    if (pts.length < 2) continue;
    const s = linkStyle(l, critical, p);
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = s.width;
    ctx.setLineDash(s.dash);
    ctx.beginPath();
    ctx.moveTo(pts[0]!.x - x0, pts[0]!.y - y0);
    for (const q of pts.slice(1)) ctx.lineTo(q.x - x0, q.y - y0);
    ctx.stroke();
    if (!l.head) continue;
    const end = pts.at(-1)!;
    const prev = pts.at(-2)!;
    const len = Math.hypot(end.x - prev.x, end.y - prev.y) || 1;
    const ux = (end.x - prev.x) / len;
    const uy = (end.y - prev.y) / len;
    const u = (7 * s.width) / 8;
    const tx = end.x - x0 + ux * u;
    const ty = end.y - y0 + uy * u;
    ctx.setLineDash([]);
    ctx.fillStyle = s.colour;
    ctx.beginPath();
    ctx.moveTo(tx, ty);
    ctx.lineTo(tx - ux * 8 * u - uy * 4 * u, ty - uy * 8 * u + ux * 4 * u);
    ctx.lineTo(tx - ux * 8 * u + uy * 4 * u, ty - uy * 8 * u - ux * 4 * u);
    ctx.closePath();
    ctx.fill();
  }
  ctx.setLineDash([]);
}
