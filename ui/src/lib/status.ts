// Status groups for the dashboard and the status filter, and the colour tone of each status pill.

import type { ReleaseStatus } from './ipc/bindings';

export type StatusGroupId =
  | 'planning'
  | 'cab'
  | 'build_test'
  | 'deploying'
  | 'els'
  | 'closed'
  | 'failed'
  | 'cancelled';

export interface StatusGroup {
  id: StatusGroupId;
  label: string;
  statuses: readonly ReleaseStatus[];
}

/** Every status sits in exactly one group (checked by status.test.ts). */
export const STATUS_GROUPS: readonly StatusGroup[] = [
  { id: 'planning', label: 'Planning', statuses: ['draft', 'planned', 'rejected'] },
  // Both decisions Change Management takes: approval to build and authorization to deploy.
  { id: 'cab', label: 'In CAB', statuses: ['submitted_to_cab', 'awaiting_authorization'] },
  { id: 'build_test', label: 'Build & test', statuses: ['approved', 'build', 'test', 'test_failed'] },
  {
    id: 'deploying',
    label: 'Authorized & deploying',
    statuses: ['authorized', 'deploying', 'deployed', 'verified'],
  },
  { id: 'els', label: 'Early life support', statuses: ['early_life_support'] },
  { id: 'closed', label: 'Closed', statuses: ['closed', 'closed_rejected', 'not_authorized'] },
  {
    id: 'failed',
    label: 'Failed or backed out',
    statuses: ['deployment_failed', 'backed_out', 'closed_failed'],
  },
  { id: 'cancelled', label: 'Cancelled', statuses: ['cancelled'] },
];

const GROUP_OF = new Map<ReleaseStatus, StatusGroupId>(
  STATUS_GROUPS.flatMap((g) => g.statuses.map((s) => [s, g.id] as const)),
);

export function groupOf(status: ReleaseStatus): StatusGroupId {
  const id = GROUP_OF.get(status);
  if (!id) throw new Error(`status ${status} has no group`);
  return id;
}

export function groupById(id: StatusGroupId): StatusGroup {
  const group = STATUS_GROUPS.find((g) => g.id === id);
  if (!group) throw new Error(`unknown status group ${id}`);
  return group;
}

export type Tone = 'neutral' | 'violet' | 'blue' | 'amber' | 'teal' | 'green' | 'red' | 'muted';

const TONE_OF_GROUP: Record<StatusGroupId, Tone> = {
  planning: 'neutral',
  cab: 'violet',
  build_test: 'blue',
  deploying: 'amber',
  els: 'teal',
  closed: 'green',
  failed: 'red',
  cancelled: 'muted',
};

/** The pill colour: the group's, except statuses that report a refusal or a failure. */
export function toneOf(status: ReleaseStatus): Tone {
  if (status === 'rejected' || status === 'test_failed' || status === 'not_authorized') return 'red';
  if (status === 'closed_rejected') return 'muted';
  return TONE_OF_GROUP[groupOf(status)];
}
