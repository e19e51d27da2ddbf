// What the roadmap's rows and labels share to paint on canvases (paint.ts) while a fast scroll
// keeps their controls out of the DOM: the attachment that sizes a canvas to the device's pixels
// and paints it again whenever what it paints changes, and the latch that says whether a row's
// controls are in the DOM.

import type { Attachment } from 'svelte/attachments';
import type { Ctx } from './paint';

/**
 * `{@attach painted(w, h, paint)}` on a <canvas>: sized `w` × `h` CSS px at the device's pixel
 * ratio (less, down to 1, if that would take more than `maxPixels`), cleared and painted by `paint`, again whenever the state `paint` reads changes. Paints
 * nothing where there is no 2D context (the component tests' jsdom).
 */
export function painted(width: number, height: number, paint: (ctx: Ctx) => void, maxPixels = Infinity): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || width <= 0 || height <= 0) return;
    // A large canvas (the arrows') is held to `maxPixels` of memory: a little soft on a dense screen.
    const ratio = Math.min(globalThis.devicePixelRatio || 1, Math.max(1, Math.sqrt(maxPixels / (width * height))));
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    // Setting the size clears the canvas, even to the same value: only when it changes.
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    paint(ctx);
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
