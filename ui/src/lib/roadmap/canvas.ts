// What the roadmap's rows, labels and links share to paint on canvases (paint.ts) while a fast
// scroll keeps their controls out of the DOM: the attachment that sizes a canvas to the device's
// pixels and paints it again whenever what it paints changes, and the latch that says whether a
// row's controls are in the DOM.

import type { Attachment } from 'svelte/attachments';
import type { Ctx } from './paint';

/**
 * Where small canvases are painted before they are copied to their own: an OffscreenCanvas. Text
 * on a <canvas> of the page (even one out of the document) makes WebKit bring the page's style up
 * to date first, at each font set and each measure, and a scroll step changes the page between one
 * row's painting and the next (docs/benchmarks.md). An OffscreenCanvas has no part in the page's
 * style.
 */
let scratch: OffscreenCanvasRenderingContext2D | null | undefined;
/** Canvases up to this many device pixels (a row, a label) are painted on the scratch canvas; larger ones (the links) in place. */
const SCRATCH_MAX = 1_000_000;

function scratchFor(w: number, h: number): OffscreenCanvasRenderingContext2D | null {
  if (scratch === undefined) scratch = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h).getContext('2d') : null;
  if (!scratch) return null;
  const c = scratch.canvas;
  // Grown, never shrunk: a new size is a new bitmap.
  if (c.width < w) c.width = w;
  if (c.height < h) c.height = h;
  return scratch;
}

/** A slack canvas's width grows by steps of this many device pixels. */
const STEP = 256;

/**
 * The device pixels a canvas is given for `width` × `height`: exactly, or with `slack` its own
 * bitmap while that is wide enough and not more than three times too wide, else the width rounded
 * up to a STEP. A new size is a new bitmap, and making one took 20 times as long as painting a
 * row's bars on it (docs/benchmarks.md).
 */
export function bitmapSize(
  have: { width: number; height: number },
  width: number,
  height: number,
  ratio: number,
  slack: boolean,
): { w: number; h: number } {
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (!slack) return { w, h };
  if (have.height === h && have.width >= w && have.width <= 3 * w) return { w: have.width, h };
  return { w: Math.ceil(w / STEP) * STEP, h };
}

/**
 * `{@attach painted(w, h, paint)}` on a <canvas>: sized `w` × `h` CSS px at the device's pixel
 * ratio (less, down to 1, if that would take more than `maxPixels`), cleared and painted by
 * `paint`, again whenever the state `paint` reads changes. With `slack`, the canvas may be wider
 * than `w` (it sets its own CSS width), so that the canvas of a row scrolling into view can keep
 * the bitmap of the one that left. A small canvas is painted on the scratch canvas and copied.
 * Paints nothing where there is no 2D context (the component tests' jsdom).
 */
export function painted(
  width: number,
  height: number,
  paint: (ctx: Ctx) => void,
  { maxPixels = Infinity, slack = false }: { maxPixels?: number; slack?: boolean } = {},
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || width <= 0 || height <= 0) return;
    // A large canvas (the links') is held to `maxPixels` of memory: a little soft on a dense screen.
    const ratio = Math.min(globalThis.devicePixelRatio || 1, Math.max(1, Math.sqrt(maxPixels / (width * height))));
    const { w, h } = bitmapSize(canvas, width, height, ratio, slack);
    // Setting the size clears the canvas, even to the same value: only when it changes.
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    if (slack) canvas.style.width = `${w / ratio}px`;
    const via = w * h <= SCRATCH_MAX ? scratchFor(w, h) : null;
    const target: Ctx = via ?? ctx;
    target.setTransform(ratio, 0, 0, ratio, 0, 0);
    target.clearRect(0, 0, w / ratio, h / ratio);
    target.save();
    paint(target);
    target.restore();
    if (via) {
      // 'copy': what was on the canvas goes, in the same pass.
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(via.canvas, 0, 0, w, h, 0, 0, w, h);
    }
  };
}

/**
 * Whether a row's controls (buttons, connectors) are in the DOM. A row drawn while the chart keeps
 * scrolling (`interactive` false) is only painted; from when it is drawn at rest it has them, and
 * keeps them while it shows the same release, scrolling or not, so a scroll that starts removes
 * nothing. Its slot given to another release while scrolling, they go until the scroll settles.
 */
export class Live {
  #key: string | null = null;

  at(interactive: boolean, key: string): boolean {
    if (interactive) this.#key = key;
    return this.#key === key;
  }
}
