// The dashboard's figures, computed from the release summaries alone.

import type { ReleaseSummary } from './ipc/bindings';
import { addDays } from './datetime';
import { STATUS_GROUPS, groupOf, isFinished, type StatusGroupId } from './status';

export function countByGroup(rows: readonly ReleaseSummary[]): Record<StatusGroupId, number> {
  const counts = Object.fromEntries(STATUS_GROUPS.map((g) => [g.id, 0])) as Record<StatusGroupId, number>;
  for (const r of rows) counts[groupOf(r.status)] += 1;
  return counts;
}

function byWindowThenKey(a: ReleaseSummary, b: ReleaseSummary): number {
  const sa = a.window?.start;
  const sb = b.window?.start;
  if (sa !== sb) {
    if (sa === undefined) return 1;
    if (sb === undefined) return -1;
    return sa < sb ? -1 : 1;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Deployment windows open now or starting within `days` days of `now` (plan-local), for releases
 * still in progress, soonest first.
 */
export function upcomingWindows(rows: readonly ReleaseSummary[], now: string, days = 14): ReleaseSummary[] {
  const horizon = addDays(now, days);
  return rows
    .filter((r) => r.window && r.window.end > now && r.window.start < horizon && !isFinished(r.status))
    .sort(byWindowThenKey);
}

/** Emergency releases still in progress, soonest window first. */
export function openEmergencies(rows: readonly ReleaseSummary[]): ReleaseSummary[] {
  return rows.filter((r) => r.kind === 'emergency' && !isFinished(r.status)).sort(byWindowThenKey);
}
