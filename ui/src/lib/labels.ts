// The words a user sees for each closed set of values crossing the IPC boundary.

import { STATUS_LABELS } from './ipc/bindings';
import type { ReleaseStatus } from './ipc/bindings';

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
