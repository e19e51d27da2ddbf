// A release's phases for the FakeCore (docs/ipc.md: set_phase, remove_phase), in memory: a
// built-in kind by its label or wire name in any case, anything else a custom phase by its
// name; the refusals the core gives (no name, an end before the start, a phase a dependency
// uses) with the same field names.

import type { Dependency, ErrorInfo, Milestone, PhaseInput, Release, ReleaseDetail } from '../lib/ipc/bindings';
import { MILESTONE_LABELS } from '../lib/ipc/bindings';
import type { Command } from '../lib/ipc/commands';

export const PHASE_COMMANDS: readonly Command[] = ['set_phase', 'remove_phase'];

/** The kind a name stands for, as runway_domain::MilestoneKind::named reads it. */
export function kindNamed(name: string): string {
  const n = name.trim();
  const builtIn = Object.entries(MILESTONE_LABELS).find(
    ([wire, label]) => wire.toLowerCase() === n.toLowerCase() || label.toLowerCase() === n.toLowerCase(),
  );
  return builtIn ? builtIn[0] : n;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class FakePhases {
  constructor(
    private releases: Map<string, Release>,
    private dependencies: () => readonly Dependency[],
    private detail: (key: string) => ReleaseDetail,
  ) {}

  invoke(command: string, args: Record<string, unknown>): unknown {
    const a = args as { key: string; phase: PhaseInput; name: string };
    const r = this.releases.get(a.key);
    if (!r) return this.detail(a.key);
    if (command === 'set_phase') {
      const p = a.phase;
      const kind = kindNamed(p.name);
      if (!kind) throw invalid('name', 'a phase needs a name');
      if (p.planned_end < p.planned_start) throw invalid('planned_end', `ends (${p.planned_end}) before it starts (${p.planned_start})`);
      const m: Milestone = { kind, planned_start: p.planned_start, planned_end: p.planned_end, actual_start: p.actual_start, actual_end: p.actual_end };
      const i = r.milestones.findIndex((x) => same(x.kind, kind));
      const milestones = i < 0 ? [...r.milestones, m] : r.milestones.map((x, j) => (j === i ? { ...m, kind: x.kind } : x));
      this.releases.set(a.key, { ...r, milestones });
      return this.detail(a.key);
    }
    const kind = kindNamed(a.name);
    if (!r.milestones.some((x) => same(x.kind, kind))) {
      throw { code: 'not_found', message: `${a.key} has no phase "${a.name}"`, fields: [] } satisfies ErrorInfo;
    }
    const users = this.dependencies().filter((d) => [d.from, d.to].some((e) => e.release === a.key && e.milestone !== null && same(e.milestone, kind)));
    if (users.length) {
      throw { code: 'conflict', message: `${a.key} ${kind} is used by a dependency; remove it first`, fields: [] } satisfies ErrorInfo;
    }
    this.releases.set(a.key, { ...r, milestones: r.milestones.filter((x) => !same(x.kind, kind)) });
    return this.detail(a.key);
  }
}

function invalid(field: string, message: string): ErrorInfo {
  return { code: 'validation', message: `${field}: ${message}`, fields: [{ field, message }] };
}
