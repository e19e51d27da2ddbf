// Linking two milestones on the roadmap: the dependency kind a drag makes from the sides it
// starts and ends on, the words for it, the release picker of the keyboard's "Link to…", and
// where the popover that confirms it goes.

import type { DepKind, Dependency, MilestoneKind, Row } from '../ipc/bindings';
import { kindWord } from './callouts';

/** The side of a bar: its start (left) or its finish (right). */
export type Side = 'start' | 'end';

/** A milestone of a release. */
export interface MilestoneAt {
  key: string;
  kind: MilestoneKind;
}

/** Where a link is dragged from or dropped: a milestone and the side of its bar. */
export interface LinkEnd extends MilestoneAt {
  side: Side;
}

/** The dependency kind that links the `from` side of the predecessor to the `to` side of the successor. */
export function kindFor(from: Side, to: Side): DepKind {
  if (from === 'end') return to === 'start' ? 'fs' : 'ff';
  return to === 'start' ? 'ss' : 'sf';
}

/** The sides a kind links (the inverse of {@link kindFor}). */
export function sidesOf(kind: DepKind): { from: Side; to: Side } {
  return { from: kind === 'fs' || kind === 'ff' ? 'end' : 'start', to: kind === 'fs' || kind === 'ss' ? 'start' : 'end' };
}

/** The side of a bar under the pointer: its left half is the start, its right half the finish. */
export function sideAt(offsetX: number, width: number): Side {
  return offsetX < width / 2 ? 'start' : 'end';
}

/**
 * The link end an element under the pointer stands for: a connector (`data-side`) or a bar, both
 * carrying `data-key` and `data-kind`; on a bar the side is the half the pointer is over.
 */
export function endAt(el: Element | null, clientX: number): LinkEnd | null {
  const target = el?.closest<HTMLElement>('[data-link-end]');
  const key = target?.dataset.key;
  const kind = target?.dataset.kind as MilestoneKind | undefined;
  if (!target || !key || !kind) return null;
  const side = target.dataset.side;
  if (side === 'start' || side === 'end') return { key, kind, side };
  const rect = target.getBoundingClientRect();
  return { key, kind, side: sideAt(clientX - rect.left, rect.width) };
}

export const sameMilestone = (a: MilestoneAt | null, b: MilestoneAt | null): boolean =>
  !!a && !!b && a.key === b.key && a.kind === b.kind;

export const KIND_CHOICES: readonly { value: DepKind; label: string }[] = [
  { value: 'fs', label: 'Finish → start' },
  { value: 'ss', label: 'Start → start' },
  { value: 'ff', label: 'Finish → finish' },
  { value: 'sf', label: 'Start → finish' },
];

/** What dropping a dragged link here makes: "Finish → start: REL-2 test". */
export function dropHint(from: LinkEnd, target: LinkEnd | null): string {
  if (!target) return 'Drop on a milestone to link';
  const kind = kindFor(from.side, target.side);
  return `${KIND_CHOICES.find((k) => k.value === kind)?.label}: ${target.key} ${kindWord(target.kind)}`;
}

/** "REL-1 build". */
export const milestoneText = (m: MilestoneAt): string => `${m.key} ${kindWord(m.kind)}`;

/** The sentence a link reads as: "REL-2 test can start 2 days after REL-1 build finishes." */
export function linkSentence(from: MilestoneAt, to: MilestoneAt, kind: DepKind, lag: number): string {
  const sides = sidesOf(kind);
  const verb = (s: Side) => (s === 'start' ? 'start' : 'finish');
  const days = Math.abs(lag);
  const when =
    lag === 0
      ? 'once'
      : lag > 0
        ? `${days} ${days === 1 ? 'day' : 'days'} after`
        : `${days} ${days === 1 ? 'day' : 'days'} before`;
  return `${milestoneText(to)} can ${verb(sides.to)} ${when} ${milestoneText(from)} ${verb(sides.from)}${sides.from === 'end' ? 'es' : 's'}.`;
}

/** The dependency to add: `to` depends on `from`. */
export function dependencyOf(from: MilestoneAt, to: MilestoneAt, kind: DepKind, lag: number): Dependency {
  return {
    from: { release: from.key, milestone: from.kind },
    to: { release: to.key, milestone: to.kind },
    kind,
    lag_days: lag,
  };
}

/** A lag typed in the popover: whole days between −3650 and 3650, else null. */
export function parseLag(text: string | number): number | null {
  const s = String(text).trim().replace('−', '-');
  if (!/^[+-]?\d+$/.test(s)) return s === '' ? 0 : null;
  const n = Number(s);
  return Math.abs(n) <= 3650 ? n : null;
}

/** Releases for the "Link to…" picker: keys starting with the query first, then keys or titles containing it. */
export function matchReleases(rows: readonly Row[], query: string, limit = 50): Row[] {
  const q = query.trim().toLowerCase();
  if (!q) return rows.slice(0, limit);
  const first: Row[] = [];
  const then: Row[] = [];
  for (const r of rows) {
    const key = r.key.toLowerCase();
    if (key.startsWith(q)) first.push(r);
    else if (key.includes(q) || r.title.toLowerCase().includes(q)) then.push(r);
    if (first.length >= limit) break;
  }
  return [...first, ...then].slice(0, limit);
}

/**
 * Where a popover of `size` goes for a point in the viewport: below and right of it, else
 * flipped to fit, always `margin` inside the viewport.
 */
export function popoverAt(
  point: { x: number; y: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  margin = 8,
): { left: number; top: number } {
  let left = point.x + 12;
  let top = point.y + 12;
  if (left + size.width > viewport.width - margin) left = point.x - 12 - size.width;
  if (top + size.height > viewport.height - margin) top = point.y - 12 - size.height;
  left = Math.max(margin, Math.min(left, viewport.width - margin - size.width));
  top = Math.max(margin, Math.min(top, viewport.height - margin - size.height));
  return { left: Math.round(left), top: Math.round(top) };
}
