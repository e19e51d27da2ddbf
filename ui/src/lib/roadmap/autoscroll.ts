// Scrolling the roadmap while a bar or a link is dragged near the edge of the visible chart: how
// fast (faster the nearer the pointer is to the edge, and past it, up to a cap), when (only toward
// an edge the pointer went to, never because the edge came to the pointer), and where the scroll
// may go (never past the content). Pure; `autoscroller.ts` runs it once a frame.

/** How far inside an edge (px) the pointer starts scrolling the chart. */
export const EDGE_ZONE = 40;
/** The fastest scroll, px per 60 Hz frame (1200 px a second)... */
export const MAX_SPEED = 20;
/** ...reached this far (px) past the edge: at the edge itself it is two thirds of that. */
export const FULL_SPEED_PAST = 20;
/** The cap when the system asks for reduced motion: the chart still scrolls, gently. */
export const REDUCED_MAX_SPEED = 8;
/** Pointer travel (px) along an axis before the drag means to go that way (a click is no drag). */
export const DEAD_ZONE = 4;

const FRAME_MS = 1000 / 60;

export interface Point {
  x: number;
  y: number;
}

/** The part of the scroll area that shows content (viewport px): inside the sticky header and labels. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The axes a drag scrolls: time (x) and rows (y). */
export interface Axes {
  x: boolean;
  y: boolean;
}

/**
 * The scroll speed toward an edge (px per frame) for a pointer `inside` px inside it (negative:
 * past it): 0 outside the zone, from 1 where the zone begins, growing to `max` at
 * {@link FULL_SPEED_PAST} px past the edge, and no faster beyond.
 */
export function edgeSpeed(inside: number, max = MAX_SPEED, zone = EDGE_ZONE): number {
  if (!(inside < zone) || max <= 0) return 0; // also NaN
  const depth = (zone - inside) / (zone + FULL_SPEED_PAST);
  return Math.max(1, Math.min(max, Math.round(max * depth)));
}

/** The area of a scroller's box (`width`/`height`: its client size, scroll bars left out) under what sticks over its top and left. */
export function visibleArea(
  box: { left: number; top: number; width: number; height: number },
  inset: { top: number; left: number },
): Area {
  const left = box.left + Math.min(inset.left, box.width);
  const top = box.top + Math.min(inset.top, box.height);
  return { left, top, right: Math.max(left, box.left + box.width), bottom: Math.max(top, box.top + box.height) };
}

/** -1, 0 or 1: where the pointer went along an axis from `from`. */
function intent(from: number, to: number): number {
  return to - from > DEAD_ZONE ? 1 : from - to > DEAD_ZONE ? -1 : 0;
}

function along(pos: number, lo: number, hi: number, way: number, max: number): number {
  const back = edgeSpeed(pos - lo, max);
  const ahead = edgeSpeed(hi - pos, max);
  // Where the area is too small for two zones, the nearer edge wins.
  if (ahead > back && way > 0) return ahead;
  if (back > ahead && way < 0) return -back;
  return 0;
}

/**
 * The scroll velocity (px per frame; negative: left or up) for a pointer at `at` that came from
 * `from` (its {@link Tracking.anchor}): toward the edge the pointer nears, if it went that way.
 */
export function velocity(from: Point, at: Point, area: Area, axes: Axes, max = MAX_SPEED): Point {
  return {
    x: axes.x ? along(at.x, area.left, area.right, intent(from.x, at.x), max) : 0,
    y: axes.y ? along(at.y, area.top, area.bottom, intent(from.y, at.y), max) : 0,
  };
}

const clearX = (p: Point, a: Area, zone = EDGE_ZONE) => p.x >= a.left + zone && p.x <= a.right - zone;
const clearY = (p: Point, a: Area, zone = EDGE_ZONE) => p.y >= a.top + zone && p.y <= a.bottom - zone;

/** True when the pointer is inside the area and out of its edge zones (on the scrolled axes). */
export function clearOfEdges(p: Point, area: Area, axes: Axes, zone = EDGE_ZONE): boolean {
  return (!axes.x || clearX(p, area, zone)) && (!axes.y || clearY(p, area, zone));
}

/** The same area, as far as the scrolled axes go (to the pixel). */
export function sameArea(a: Area, b: Area, axes: Axes): boolean {
  const near = (u: number, v: number) => Math.abs(u - v) < 1;
  return (!axes.x || (near(a.left, b.left) && near(a.right, b.right))) && (!axes.y || (near(a.top, b.top) && near(a.bottom, b.bottom)));
}

/**
 * Whether edge scrolling may run. When the area changes under the drag (the what-if panel opens
 * beside the chart, the window is resized), an edge that came to the pointer is no reason to
 * scroll: it stays armed only if the pointer was clear of the new edges, and once disarmed it
 * re-arms when the pointer is clear of them.
 */
export function armed(was: boolean, before: { pointer: Point; area: Area }, now: { pointer: Point; area: Area }, axes: Axes): boolean {
  const clear = clearOfEdges(now.pointer, now.area, axes);
  if (!sameArea(before.area, now.area, axes)) return clear || clearOfEdges(before.pointer, now.area, axes);
  return was || clear;
}

/** What a drag's edge scrolling knows of the pointer, updated by {@link track}. */
export interface Tracking {
  armed: boolean;
  /** Where the pointer last was clear of the edge zones, per axis (where the drag began, until then). */
  anchor: Point;
  pointer: Point;
  area: Area;
}

export function startTracking(pointer: Point, area: Area): Tracking {
  return { armed: true, anchor: pointer, pointer, area };
}

/** The tracking after the pointer moved to `pointer`, or the area changed to `area` (or both). */
export function track(t: Tracking, pointer: Point, area: Area, axes: Axes): Tracking {
  return {
    armed: armed(t.armed, t, { pointer, area }, axes),
    anchor: { x: clearX(pointer, area) ? pointer.x : t.anchor.x, y: clearY(pointer, area) ? pointer.y : t.anchor.y },
    pointer,
    area,
  };
}

/** The scroll velocity for a tracked drag: nothing while disarmed. */
export function trackedVelocity(t: Tracking, axes: Axes, max = MAX_SPEED): Point {
  return t.armed ? velocity(t.anchor, t.pointer, t.area, axes, max) : { x: 0, y: 0 };
}

/** Whole pixels to scroll for a velocity over `ms` since the last frame: at least one while scrolling. */
export function stepFor(speed: number, ms: number): number {
  if (speed === 0) return 0;
  const frames = Math.min(3, Math.max(0.25, ms / FRAME_MS));
  return Math.sign(speed) * Math.max(1, Math.round(Math.abs(speed) * frames));
}

/**
 * The scroll position after scrolling by `delta`, within the content (0 to `content - view`); a
 * position already past it (scrolled there by hand) is left alone rather than pulled back.
 */
export function scrollAfter(pos: number, delta: number, content: number, view: number): number {
  const max = Math.max(0, content - view);
  return delta > 0 ? Math.max(pos, Math.min(max, pos + delta)) : Math.min(pos, Math.max(0, pos + delta));
}
