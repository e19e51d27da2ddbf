// The forward schedule's conflicts (D6) as the views outside the calendar show them: a release's
// own (its page, the CAB card), the plan's from today on (the dashboard), the next free slots
// proposed for a deployment, and the words of the gates' `conflicts` condition. The core finds the
// conflicts, judges their severity and says when no slot can be proposed; this only orders, counts
// and words them.

import { CONFLICT_KIND_LABELS, SEVERITY_LABELS } from '../ipc/bindings';
import type { Conflict, ConflictKind, Severity, Slot } from '../ipc/bindings';
import { formatDay, formatDays, partsOf, toDay } from '../roadmap/dates';

export { CONFLICT_KIND_LABELS, SEVERITY_LABELS };

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Tue 8 Dec 2026" from a plan date or date-time. */
export function dayText(dateTime: string): string {
  const day = dateTime.slice(0, 10);
  return `${WEEKDAYS[partsOf(toDay(day)).weekday]} ${formatDay(day)}`;
}

/**
 * When a conflict or a slot happens, in the plan's local time: "Tue 8 Dec 2026, 22:00–23:30",
 * "Tue 8 Dec 2026 22:00 – Wed 9 Dec 2026 02:00"; whole days (midnight to midnight) without times.
 */
export function whenText(start: string, end: string): string {
  const time = (t: string) => t.slice(11, 16);
  const midnight = (t: string) => t.length < 16 || time(t) === '00:00';
  if (midnight(start) && midnight(end) && end.slice(0, 10) > start.slice(0, 10)) {
    const last = new Date(Date.parse(`${end.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return last === start.slice(0, 10) ? `${dayText(start)}, all day` : `${dayText(start)} – ${dayText(last)}, all day`;
  }
  if (start.slice(0, 10) === end.slice(0, 10)) return `${dayText(start)}, ${time(start)}–${time(end)}`;
  return `${dayText(start)} ${time(start)} – ${dayText(end)} ${time(end)}`;
}

/** Blocking ones first, then by when they happen (the core's own order within each). */
export function bySeverity(conflicts: readonly Conflict[]): Conflict[] {
  const rank = (s: Severity) => (s === 'blocking' ? 0 : 1);
  return conflicts.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c.severity) - rank(b.c.severity) || a.i - b.i).map((x) => x.c);
}

/** The other releases a conflict names, beside `key` (the one whose page shows it). */
export function othersOf(c: Conflict, key: string): string[] {
  return c.releases.filter((r) => r !== key);
}

/** "2 schedule conflicts, 1 blocking" — what a badge's tooltip says. */
export function countText(total: number, blocking: number): string {
  if (total === 0) return 'No schedule conflict';
  const head = `${total} schedule ${total === 1 ? 'conflict' : 'conflicts'}`;
  if (blocking === 0) return `${head}, none blocking`;
  return blocking === total ? `${head}, ${total === 1 ? 'blocking' : 'all blocking'}` : `${head}, ${blocking} blocking`;
}

export interface KindCount {
  kind: ConflictKind;
  label: string;
  count: number;
  blocking: number;
}

export interface ConflictSummary {
  total: number;
  blocking: number;
  warning: number;
  /** The kinds present, most frequent first (ties in the labels' order). */
  kinds: KindCount[];
  /** Releases party to at least one blocking conflict. */
  blockedReleases: number;
}

export function summarize(conflicts: readonly Conflict[]): ConflictSummary {
  const order = Object.keys(CONFLICT_KIND_LABELS) as ConflictKind[];
  const kinds = new Map<ConflictKind, KindCount>();
  const blocked = new Set<string>();
  let blocking = 0;
  for (const c of conflicts) {
    const k = kinds.get(c.kind) ?? { kind: c.kind, label: CONFLICT_KIND_LABELS[c.kind], count: 0, blocking: 0 };
    k.count += 1;
    if (c.severity === 'blocking') {
      k.blocking += 1;
      blocking += 1;
      for (const r of c.releases) blocked.add(r);
    }
    kinds.set(c.kind, k);
  }
  return {
    total: conflicts.length,
    blocking,
    warning: conflicts.length - blocking,
    kinds: [...kinds.values()].sort((a, b) => b.count - a.count || order.indexOf(a.kind) - order.indexOf(b.kind)),
    blockedReleases: blocked.size,
  };
}

/** The first `n` blocking conflicts, soonest first (the core sends them by start). */
export function nextBlocking(conflicts: readonly Conflict[], n: number): Conflict[] {
  return conflicts.filter((c) => c.severity === 'blocking').slice(0, n);
}

/** A proposed slot in words: when, and how far it moves the deployment. */
export function slotWords(s: Slot): { when: string; shift: string } {
  return { when: whenText(s.start, s.end), shift: s.shift_days === 0 ? 'same day' : formatDays(s.shift_days) };
}

/**
 * The gates' `conflicts` condition names each blocking conflict as "<kind label>: <message>",
 * joined by "; " (runway_domain::lifecycle::gates). Split it back into one item per conflict,
 * only where a kind's label starts the next part (a message may hold "; " itself).
 */
export function conflictDetailItems(detail: string): string[] {
  const labels = Object.values(CONFLICT_KIND_LABELS);
  const items: string[] = [];
  for (const part of detail.split('; ')) {
    const starts = labels.some((l) => part.startsWith(`${l}: `));
    if (starts || items.length === 0) items.push(part);
    else items[items.length - 1] += `; ${part}`;
  }
  return items;
}
