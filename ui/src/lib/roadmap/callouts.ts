// What a what-if says, as the lines of the callout panel: each section only when it has something.

import { CONFLICT_KIND_LABELS } from '../ipc/bindings';
import type { Conflict, MilestoneKind, MilestoneRef, Shift, WhatIf } from '../ipc/bindings';
import { milestoneWord } from '../labels';
import { formatDay, formatDays } from './dates';

export type CalloutTone = 'info' | 'warn' | 'danger' | 'ok';

export interface CalloutSection {
  id:
    | 'diagnostics'
    | 'moved'
    | 'must_move'
    | 'newly_violated'
    | 'resolved'
    | 'conflicts_created'
    | 'conflicts_resolved'
    | 'slack_used'
    | 'windows_changed';
  title: string;
  tone: CalloutTone;
  items: string[];
}

/** "deployment", "CAB", "early life support": as in a sentence. */
export function kindWord(kind: MilestoneKind): string {
  return kind === 'cab' ? 'CAB' : milestoneWord(kind);
}

export function refText(m: MilestoneRef): string {
  return `${m.release} ${kindWord(m.kind)}`;
}

/** A moved milestone: a move, a resize (only the end changes) or both. */
export function movedText(s: Shift): string {
  const endDays = Math.round((Date.parse(s.end_to) - Date.parse(s.end_from)) / 86_400_000);
  if (s.days === 0 && endDays !== 0) {
    return `${refText(s.milestone)}: ends ${formatDay(s.end_from)} → ${formatDay(s.end_to)} (${formatDays(endDays)}), starts ${formatDay(s.to)} as before`;
  }
  if (s.days === 0) return `${refText(s.milestone)}: new length, starts ${formatDay(s.to)}`;
  if (endDays !== s.days) {
    return `${refText(s.milestone)}: ${formatDay(s.from)} – ${formatDay(s.end_from)} → ${formatDay(s.to)} – ${formatDay(s.end_to)}`;
  }
  return `${refText(s.milestone)}: ${formatDay(s.from)} → ${formatDay(s.to)} (${formatDays(s.days)})`;
}

/** A conflict in a callout: its kind, whether it blocks, and the core's sentence. */
export function conflictText(c: Conflict): string {
  return `${CONFLICT_KIND_LABELS[c.kind]}${c.severity === 'blocking' ? ' (blocking)' : ''} — ${c.message}`;
}

export function callouts(w: WhatIf): CalloutSection[] {
  const sections: CalloutSection[] = [
    { id: 'diagnostics', title: 'Cannot apply', tone: 'danger', items: w.diagnostics },
    {
      id: 'moved',
      title: 'Moved',
      tone: 'info',
      items: w.moved.map(movedText),
    },
    {
      id: 'must_move',
      title: 'Must move',
      tone: 'warn',
      items: w.must_move.map((s) => {
        const base = `${refText(s.milestone)}: ${formatDays(s.days)}, to ${formatDay(s.to)} at the earliest`;
        // Already late before the change: say what this change adds.
        return s.added_days < s.days ? `${base} (${formatDays(s.added_days)} of it from this change)` : base;
      }),
    },
    { id: 'newly_violated', title: 'Dependencies broken', tone: 'danger', items: w.newly_violated.map((v) => v.message) },
    { id: 'resolved', title: 'Dependencies repaired', tone: 'ok', items: w.resolved.map((v) => v.message) },
    {
      id: 'conflicts_created',
      title: 'Schedule conflicts created',
      // A conflict the policy says blocks would stop the release at its gates.
      tone: w.conflicts_created.some((c) => c.severity === 'blocking') ? 'danger' : 'warn',
      items: w.conflicts_created.map((c) => `New conflict: ${conflictText(c)}`),
    },
    {
      id: 'conflicts_resolved',
      title: 'Schedule conflicts resolved',
      tone: 'ok',
      items: w.conflicts_resolved.map((c) => `Resolves: ${conflictText(c)}`),
    },
    {
      id: 'slack_used',
      title: 'Slack used',
      tone: 'warn',
      items: w.slack_used.map((s) => `${refText(s.milestone)}: ${s.before} → ${s.after} ${Math.abs(s.after) === 1 ? 'day' : 'days'} of slack`),
    },
    {
      id: 'windows_changed',
      title: 'Deployment windows change',
      tone: 'warn',
      items: w.windows_changed.map((key) => `${key}: stakeholders need a new notice`),
    },
  ];
  return sections.filter((s) => s.items.length > 0);
}

/** Nothing but the move itself: nothing else to worry about. */
export function isQuiet(w: WhatIf): boolean {
  return (
    w.diagnostics.length === 0 &&
    w.must_move.length === 0 &&
    w.newly_violated.length === 0 &&
    w.conflicts_created.length === 0 &&
    w.slack_used.length === 0 &&
    w.windows_changed.length === 0
  );
}
