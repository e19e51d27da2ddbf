// The words a user sees for each closed set of values crossing the IPC boundary.
// They match the Rust `label()` of each enum (crates/runway-domain/src/model.rs).

import type {
  Breach,
  CabDecision,
  EvidenceType,
  Gate,
  Priority,
  SignOffDecision,
  TestKind,
  MilestoneKind,
  ReleaseKind,
  ReleaseStatus,
  ReleaseUnit,
  RfcStatus,
  Risk,
  Role,
} from './ipc/bindings';

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  draft: 'Draft',
  planned: 'Planned',
  submitted_to_cab: 'Submitted to CAB',
  approved: 'Approved',
  rejected: 'Rejected',
  build: 'Build',
  test: 'Test',
  test_failed: 'Test failed',
  awaiting_authorization: 'Awaiting authorization',
  authorized: 'Authorized',
  not_authorized: 'Not authorized',
  deploying: 'Deploying',
  deployed: 'Deployed',
  deployment_failed: 'Deployment failed',
  backed_out: 'Backed out',
  verified: 'Verified',
  early_life_support: 'Early life support',
  closed: 'Closed (successful)',
  closed_failed: 'Closed (failed)',
  closed_rejected: 'Closed (rejected)',
  cancelled: 'Cancelled',
};

/** Lifecycle order (D2), used to sort by status. */
export const STATUS_ORDER: readonly ReleaseStatus[] = Object.keys(STATUS_LABELS) as ReleaseStatus[];

export const KIND_LABELS: Record<ReleaseKind, string> = {
  major: 'Major',
  minor: 'Minor',
  patch: 'Patch',
  emergency: 'Emergency',
};

export const UNIT_LABELS: Record<ReleaseUnit, string> = {
  full: 'Full',
  delta: 'Delta',
  package: 'Package',
};

export const RISK_LABELS: Record<Risk, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const ROLE_LABELS: Record<Role, string> = {
  process_owner: 'Release Management Process Owner',
  release_manager: 'Release Manager',
  test_manager: 'Test Manager',
  release_owner: 'Release Owner',
  change_manager: 'Change Manager / CAB',
  deployment_staff: 'Deployment staff',
  early_life_support: 'Early life support staff',
  environment_staff: 'Build & test environment staff',
};

export const RFC_STATUS_LABELS: Record<RfcStatus, string> = {
  submitted: 'Submitted',
  approved: 'Approved',
  implemented: 'Implemented',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  planning: 'Planning',
  build: 'Build',
  test: 'Test',
  cab: 'CAB',
  deployment: 'Deployment',
  early_life_support: 'Early life support',
  closure: 'Closure',
};

export const EVIDENCE_LABELS: Record<EvidenceType, string> = {
  cab_decision: 'CAB decision',
  test_result: 'Test result',
  sign_off: 'Sign-off for authorization',
  deployment: 'Deployment outcome',
  back_out: 'Back-out',
  verification: 'Post-deployment verification',
  incident: 'Incident',
  incident_closed: 'Incident closed',
  review: 'Post-implementation review',
};

export const TEST_LABELS: Record<TestKind, string> = {
  installation: 'Installation procedure',
  functional: 'Functional',
  performance: 'Performance',
  integration: 'Integration',
  user_acceptance: 'User acceptance',
  operational_readiness: 'Operational readiness',
  backout: 'Backout',
};

export const CAB_LABELS: Record<CabDecision, string> = {
  approve: 'Approve',
  reject: 'Reject',
  defer: 'Defer',
};

export const SIGN_OFF_LABELS: Record<SignOffDecision, string> = {
  authorize: 'Authorize',
  refuse: 'Refuse',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  p1: 'P1 (critical)',
  p2: 'P2 (high)',
  p3: 'P3 (medium)',
  p4: 'P4 (low)',
};

export const GATE_LABELS: Record<Gate, string> = {
  plan: 'Ready to plan',
  submit: 'Submission to CAB',
  cab_approval: 'CAB approval',
  cab_rejection: 'CAB rejection',
  test_failure: 'Test failure',
  tests_passed: 'Testing complete',
  authorize: 'Authorization',
  authorization_refused: 'Authorization refused',
  deployment_succeeded: 'Deployment succeeded',
  deployment_failed: 'Deployment failed',
  back_out: 'Back-out',
  verify: 'Verification',
  verification_failed: 'Verification failed',
  close: 'Closure',
  close_failed: 'Closure after a failure',
};

export const BREACH_LABELS: Record<Breach, string> = {
  no_rfc: 'No RFC linked',
  no_backout: 'No backout plan',
  untested: 'Not adequately tested',
  overridden: 'A gate was overridden',
};

/** The keys of a label map, typed as the union they label. */
export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[];
}
