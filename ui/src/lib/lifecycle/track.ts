// The lifecycle track of the release page, and the defaults of the evidence form. Pure helpers
// over the core's Assessment (runway_domain::lifecycle decides everything; TRACK is generated from it).

import { TRACK } from '../ipc/bindings';
import type { Event, EventKind, EvidenceType, Holder, PersonRoles, ReleaseStatus } from '../ipc/bindings';

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

/**
 * The role (its key in the matrix) that usually records each kind of evidence, seed 003's; a CAB
 * decision and a sign-off are decided by whom the matrix names (the release's `cab_deciders` and
 * `signers`), so they have none here.
 */
export function usualRole(type: EvidenceType): string | null {
  switch (type) {
    case 'cab_decision':
    case 'sign_off':
      return null;
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

/** Who the matrix names for a release's decisions (the core's ReleaseLifecycle). */
export interface Deciders {
  signers: readonly Holder[];
  cab_deciders: readonly Holder[];
}

/**
 * The person suggested as the decider: for a sign-off the first who may sign, for a CAB decision
 * the first who may record it (the matrix's), else the first person holding the usual role for the
 * portfolio; nobody (`''`) when there is none.
 */
export function suggestedDecider(type: EvidenceType, deciders: Deciders, people: readonly PersonRoles[]): string {
  if (type === 'sign_off') return deciders.signers[0]?.email ?? '';
  if (type === 'cab_decision') return deciders.cab_deciders[0]?.email ?? '';
  const role = usualRole(type);
  return people.find((p) => role !== null && p.roles.includes(role))?.person.email ?? '';
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
