// The lifecycle track of the release page, and the defaults of the evidence form. Pure helpers
// over the core's Assessment (runway_domain::lifecycle decides everything; TRACK is generated from it).

import { TRACK } from '../ipc/bindings';
import type {
  Event,
  EventKind,
  EvidenceType,
  Person,
  ReleaseStatus,
  Role,
} from '../ipc/bindings';

/** The happy path, in order (the core's TRACK, generated). */
export { TRACK };

/** Short words for the track's chips. */
export const TRACK_LABELS: Record<(typeof TRACK)[number], string> = {
  draft: 'Draft',
  planned: 'Planned',
  submitted_to_cab: 'CAB',
  approved: 'Approved',
  build: 'Build',
  test: 'Test',
  awaiting_authorization: 'Authorization',
  authorized: 'Authorized',
  deploying: 'Deploying',
  deployed: 'Deployed',
  verified: 'Verified',
  early_life_support: 'Early life support',
  closed: 'Closed',
} as Record<ReleaseStatus, string>;

export type ChipState = 'done' | 'current' | 'todo';

export interface Chip {
  status: ReleaseStatus;
  label: string;
  state: ChipState;
  /** The release is here but off the happy path (rejected, test failed, backed out, ...). */
  detour: boolean;
}

/** The chips of the track for a release at `position` (the core's track_position) in `status`. */
export function trackChips(status: ReleaseStatus, position: number, statusLabel: string): Chip[] {
  const onTrack = TRACK.includes(status);
  const finished = status === 'closed';
  return TRACK.map((s, i) => {
    const state: ChipState = finished || i < position ? 'done' : i === position ? 'current' : 'todo';
    const detour = state === 'current' && !onTrack;
    return { status: s, label: detour ? statusLabel : (TRACK_LABELS[s] ?? s), state, detour };
  });
}

/** The evidence as first shown in the form. */
export function defaultEvidence(type: EvidenceType, openIncidents: readonly Event[]): EventKind {
  switch (type) {
    case 'cab_decision':
      return { type: 'cab_decision', decision: 'approve', emergency: false };
    case 'test_result':
      return { type: 'test_result', test: 'functional', passed: true };
    case 'sign_off':
      return { type: 'sign_off', decision: 'authorize' };
    case 'deployment':
      return { type: 'deployment', succeeded: true };
    case 'back_out':
      return { type: 'back_out', succeeded: true };
    case 'verification':
      return { type: 'verification', passed: true };
    case 'incident':
      return {
        type: 'incident',
        priority: 'p3',
        reference: '',
        opened: new Date().toISOString(),
        caused_by_release: true,
      };
    case 'incident_closed':
      return { type: 'incident_closed', incident: openIncidents[0]?.id ?? 0 };
    case 'review':
      return { type: 'review', retrospective: false };
  }
}

/** The role that usually records each kind of evidence (seed 003's roles). */
export function usualRole(type: EvidenceType, signatureRole: Role): Role {
  switch (type) {
    case 'cab_decision':
      return 'change_manager';
    case 'sign_off':
      return signatureRole;
    case 'test_result':
    case 'verification':
      return 'test_manager';
    case 'deployment':
    case 'back_out':
      return 'deployment_staff';
    case 'incident':
    case 'incident_closed':
      return 'early_life_support';
    case 'review':
      return 'release_manager';
  }
}

/** The person suggested as the decider: the first one holding the usual role, else nobody. */
export function suggestedDecider(type: EvidenceType, people: readonly Person[], signatureRole: Role): string {
  const role = usualRole(type, signatureRole);
  return people.find((p) => p.role === role)?.email ?? '';
}

/** Incidents recorded and neither closed nor revoked. */
export function openIncidents(events: readonly Event[], revoked: readonly number[]): Event[] {
  const gone = new Set(revoked);
  const closed = new Set(
    events.flatMap((e) => (e.what.type === 'incident_closed' && !gone.has(e.id) ? [e.what.incident] : [])),
  );
  return events.filter((e) => e.what.type === 'incident' && !gone.has(e.id) && !closed.has(e.id));
}

/** Decisions and evidence can be revoked; moves, revocations and closures cannot. */
export function revocable(e: Event): boolean {
  return !['transition', 'revocation', 'incident_closed'].includes(e.what.type);
}
