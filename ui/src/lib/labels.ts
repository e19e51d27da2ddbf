// The words a user sees for each closed set of values crossing the IPC boundary.

import { MILESTONE_LABELS, STATUS_LABELS } from './ipc/bindings';
import type { BuiltinMilestoneKind, MilestoneKind, ReleaseStatus } from './ipc/bindings';

// Generated from each Rust enum's `label()` (crates/runway-core/src/bindings.rs): never copied here.
export {
  BREACH_LABELS,
  CAB_LABELS,
  EVIDENCE_LABELS,
  GATE_LABELS,
  KIND_LABELS,
  MILESTONE_LABELS,
  PRIORITY_LABELS,
  RFC_STATUS_LABELS,
  RISK_LABELS,
  ROLE_LABELS,
  SIGN_OFF_LABELS,
  STATUS_LABELS,
  TEST_LABELS,
  UNIT_LABELS,
} from './ipc/bindings';

/** Lifecycle order (D2), used to sort by status. */
export const STATUS_ORDER: readonly ReleaseStatus[] = Object.keys(STATUS_LABELS) as ReleaseStatus[];

/** The keys of a label map, typed as the union they label. */
export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[];
}

/** What a user sees for a milestone's kind: a built-in kind's label, or a custom phase's name. */
export function milestoneLabel(kind: MilestoneKind): string {
  return (MILESTONE_LABELS as Record<string, string>)[kind] ?? kind;
}

/** A milestone's kind inside a sentence: a built-in's label in lower case, a custom phase's name as written. */
export function milestoneWord(kind: MilestoneKind): string {
  const builtIn = (MILESTONE_LABELS as Record<string, string>)[kind];
  return builtIn === undefined ? kind : builtIn.toLowerCase();
}

/** Whether a kind is one of the seven built-in ones rather than a phase a user named. */
export function isBuiltInMilestone(kind: MilestoneKind): kind is BuiltinMilestoneKind {
  return Object.hasOwn(MILESTONE_LABELS, kind);
}
