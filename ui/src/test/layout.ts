// Pieces of a roadmap layout, as the core sends them, for the tests that build one by hand.

import type { Bar, MilestoneKind } from '../lib/ipc/bindings';

/** A planned bar, on time, off the critical path and with no baseline: a diamond when it lasts one day. */
export function bar(kind: MilestoneKind, start: string, end = start): Bar {
  return {
    kind,
    start,
    end,
    diamond: start === end,
    actual_start: null,
    actual_end: null,
    earliest_start: start,
    slack_days: 0,
    critical: false,
    baseline_start: null,
    baseline_end: null,
  };
}
