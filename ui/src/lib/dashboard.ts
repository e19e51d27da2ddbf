// The dashboard's figures: the status groups, computed from the release summaries, and the
// core's dashboard (D3: stages, overdue releases, gates ahead, policy breaches, emergencies).

import * as ipc from './ipc/client';
import type { Dashboard, ReleaseSummary, StageCount } from './ipc/bindings';
import { STATUS_ORDER } from './labels';
import { STATUS_GROUPS, groupOf, type StatusGroupId } from './status';

/** The core's dashboard for the open plan (rejects with an ErrorInfo). */
export const loadDashboard = (): Promise<Dashboard> => ipc.dashboard();

export function countByGroup(rows: readonly ReleaseSummary[]): Record<StatusGroupId, number> {
  const counts = Object.fromEntries(STATUS_GROUPS.map((g) => [g.id, 0])) as Record<StatusGroupId, number>;
  for (const r of rows) counts[groupOf(r.status)] += 1;
  return counts;
}

/** The stages that hold at least one release, in lifecycle order. */
export function occupiedStages(stages: readonly StageCount[]): StageCount[] {
  const rank = (s: StageCount) => STATUS_ORDER.indexOf(s.status);
  return stages.filter((s) => s.count > 0).sort((a, b) => rank(a) - rank(b));
}

/** How far away a gate is, in words: "today", "tomorrow", "in 5 days" ("3 days ago" if past). */
export function daysAway(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** "2027-Q1" → "Q1 2027" (anything else is shown as the core sent it). */
export function quarterLabel(quarter: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return m ? `Q${m[2]} ${m[1]}` : quarter;
}
