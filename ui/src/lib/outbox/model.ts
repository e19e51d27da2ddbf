// The Outbox view's pure parts: its tabs (which message states each shows, and their counts), the
// words for triggers, states and attendee roles, the core's refusals placed by field, and dates.

import type { AttendeeRole, ErrorInfo, Message, MessageState, OutboxCounts, Trigger } from '../ipc/bindings';

export type TabId = 'pending' | 'approved' | 'sent' | 'failed' | 'check' | 'discarded' | 'all';

export interface Tab {
  id: TabId;
  label: string;
  states: MessageState[];
}

export const TABS: readonly Tab[] = [
  { id: 'pending', label: 'Pending approval', states: ['pending'] },
  { id: 'approved', label: 'Approved', states: ['approved', 'sending'] },
  { id: 'sent', label: 'Sent', states: ['sent'] },
  { id: 'failed', label: 'Failed', states: ['failed'] },
  { id: 'check', label: 'Check', states: ['check'] },
  { id: 'discarded', label: 'Discarded', states: ['discarded'] },
  { id: 'all', label: 'All', states: [] },
];

/** How many messages a tab holds. */
export function tabCount(tab: Tab, c: OutboxCounts | null): number {
  if (!c) return 0;
  if (tab.states.length === 0) return c.pending + c.approved + c.sending + c.sent + c.failed + c.discarded + c.check;
  return tab.states.reduce((n, s) => n + c[s], 0);
}

/** What needs a person: waiting for approval, failed, or to be checked (the sidebar's badge). */
export const attention = (c: OutboxCounts | null): number => (c ? c.pending + c.failed + c.check : 0);

export const TRIGGER_LABELS: Record<Trigger, string> = {
  status_changed: 'Status changed',
  date_moved: 'Date moved',
  gate_decision: 'Gate decision',
  downtime: 'Downtime scheduled',
  overdue: 'Stage overdue',
  cab_agenda: 'CAB agenda',
  cancelled: 'Release cancelled',
};

export const STATE_LABELS: Record<MessageState, string> = {
  pending: 'Pending approval',
  approved: 'Approved',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  discarded: 'Discarded',
  check: 'Check whether it went out',
};

export const ROLE_LABELS: Record<AttendeeRole, string> = {
  CHAIR: 'Chair',
  'REQ-PARTICIPANT': 'Required',
  'OPT-PARTICIPANT': 'Optional',
  'NON-PARTICIPANT': 'For information',
};

/** Whether a person may still change the message's text (and approve it). */
export const editable = (m: Message): boolean => m.state === 'pending' || m.state === 'failed' || m.state === 'check';
/** Whether it may still be discarded. */
export const discardable = (m: Message): boolean => editable(m) || m.state === 'approved';

/** The core's refusal by field (`subject`, `body`, `host`…), and what names no field. */
export function byField(e: ErrorInfo): { at: Record<string, string>; other: string | null } {
  const at: Record<string, string> = {};
  for (const f of e.fields ?? []) at[f.field] = at[f.field] ? `${at[f.field]} ${f.message}` : f.message;
  return { at, other: e.fields?.length ? null : e.message || 'Something went wrong.' };
}

const two = (n: number) => String(n).padStart(2, '0');

/** A UTC instant as the user's local day and time: `2027-03-14 09:05`. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
