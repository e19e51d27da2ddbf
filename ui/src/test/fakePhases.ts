// A release's phases for the FakeCore (docs/ipc.md: set_phase, remove_phase), in memory: a
// built-in kind by its label or wire name in any case, anything else a custom phase by its
// name; the refusals the core gives (no name, an end before the start, a phase a dependency
// uses) with the same field names. Release templates (release_templates, set_release_template,
// reset_release_template): a default per kind, the plan's own kept here, refusals by path.

import type {
  Dependency,
  ErrorInfo,
  FieldError,
  Milestone,
  MspdiChoice,
  MspdiImport,
  PhaseInput,
  Release,
  ReleaseDetail,
  ReleaseKind,
  ReleaseTemplate,
  ReleaseTemplateInfo,
} from '../lib/ipc/bindings';
import { MILESTONE_LABELS } from '../lib/ipc/bindings';
import type { Command } from '../lib/ipc/commands';

export const PHASE_COMMANDS: readonly Command[] = [
  'set_phase',
  'remove_phase',
  'release_templates',
  'set_release_template',
  'reset_release_template',
  'pick_mspdi_file',
  'preview_mspdi',
  'import_mspdi',
];

/** An MS Project file the Open dialog would give (a test offers it): its name and its releases. */
export interface FakeMspdiFile {
  name: string;
  project: string;
  releases: Release[];
  dropped: string[];
}

/** The file the next pick_mspdi_file returns, per FakeCore (by its releases map); null: cancelled. */
export const mspdiOffers = new WeakMap<object, FakeMspdiFile | null>();
const mspdiPicked = new WeakMap<object, FakeMspdiFile>();

/** The kind a name stands for, as runway_domain::MilestoneKind::named reads it. */
export function kindNamed(name: string): string {
  const n = name.trim();
  const builtIn = Object.entries(MILESTONE_LABELS).find(
    ([wire, label]) => wire.toLowerCase() === n.toLowerCase() || label.toLowerCase() === n.toLowerCase(),
  );
  return builtIn ? builtIn[0] : n;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The default template of a kind, as runway_domain::template::default_template lays it out. */
export function defaultTemplate(kind: ReleaseKind): ReleaseTemplate {
  const s = kind === 'major' ? 3 : kind === 'minor' ? 2 : 1;
  const p = (phase: string, start: number, end: number) => ({ phase, start, end });
  const l = (from: string, to: string) => ({ from, to, kind: 'fs' as const, lag_days: 0 });
  return {
    kind,
    phases: [p('planning', -30 - 15 * s, -21 - 10 * s), p('cab', -28 - 2 * s, -28 - 2 * s), p('build', -20 - 10 * s, -8 - 3 * s), p('test', -7 - 3 * s, -2), p('deployment', 0, 0)],
    links: [l('planning', 'build'), l('build', 'test'), l('test', 'deployment'), l('cab', 'deployment')],
  };
}

/** The plan's own templates, by kind (shared by every FakePhases of one FakeCore). */
export const ownTemplates = new WeakMap<object, Map<ReleaseKind, ReleaseTemplate>>();

export class FakePhases {
  constructor(
    private releases: Map<string, Release>,
    private dependencies: () => readonly Dependency[],
    private detail: (key: string) => ReleaseDetail,
  ) {}

  private get own(): Map<ReleaseKind, ReleaseTemplate> {
    let m = ownTemplates.get(this.releases);
    if (!m) ownTemplates.set(this.releases, (m = new Map()));
    return m;
  }

  private info(kind: ReleaseKind): ReleaseTemplateInfo {
    const own = this.own.get(kind);
    return { template: structuredClone(own ?? defaultTemplate(kind)), custom: own !== undefined };
  }

  private templates(command: string, args: Record<string, unknown>): unknown {
    const kinds: ReleaseKind[] = ['major', 'minor', 'patch', 'emergency'];
    if (command === 'release_templates') return kinds.map((k) => this.info(k));
    if (command === 'reset_release_template') {
      const kind = (args as { kind: ReleaseKind }).kind;
      this.own.delete(kind);
      return this.info(kind);
    }
    const t = (args as { template: ReleaseTemplate }).template;
    const named = t.phases.map((p) => kindNamed(p.phase));
    const fields: FieldError[] = [];
    t.phases.forEach((p, i) => {
      if (p.end < p.start) fields.push({ field: `phases[${i}].end`, message: `${p.phase} ends (day ${p.end}) before it starts (day ${p.start})` });
    });
    t.links.forEach((l, i) => {
      for (const side of ['from', 'to'] as const) {
        if (!named.includes(kindNamed(l[side]))) fields.push({ field: `links[${i}].${side}`, message: `"${l[side]}" is not a phase of this template` });
      }
    });
    if (fields.length) throw { code: 'validation', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields } satisfies ErrorInfo;
    const stored: ReleaseTemplate = {
      kind: t.kind,
      phases: t.phases.map((p, i) => ({ ...p, phase: named[i]! })),
      links: t.links.map((l) => ({ ...l, from: kindNamed(l.from), to: kindNamed(l.to) })),
    };
    this.own.set(t.kind, stored);
    return this.info(t.kind);
  }

  private mspdi(command: string, choice: MspdiChoice): unknown {
    if (command === 'pick_mspdi_file') {
      const offer = mspdiOffers.get(this.releases) ?? null;
      if (offer) mspdiPicked.set(this.releases, offer);
      return offer?.name ?? null;
    }
    const file = mspdiPicked.get(this.releases);
    if (!file) throw { code: 'not_found', message: 'Choose the MS Project file first.', fields: [] } satisfies ErrorInfo;
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(choice.key)) throw invalid('key', 'The key may hold letters, digits, \'-\', \'.\' and \'_\' only.');
    const releases = choice.one_release
      ? [{ ...file.releases[0]!, key: choice.key, milestones: file.releases.flatMap((r) => r.milestones) }]
      : file.releases;
    const out: MspdiImport = { project: file.project, added: [], changed: [], unchanged: 0, dependencies: 0, baselines: [], dropped: file.dropped, committed: command === 'import_mspdi' };
    for (const r of releases) {
      const line = { key: r.key, title: r.title, phases: r.milestones.length, changes: [] as string[] };
      const had = this.releases.get(r.key);
      if (!had) out.added.push(line);
      else if (JSON.stringify(had.milestones) !== JSON.stringify(r.milestones)) out.changed.push({ ...line, changes: ['phases'] });
      else out.unchanged += 1;
      if (out.committed) this.releases.set(r.key, { ...(had ?? r), kind: had ? had.kind : choice.kind, milestones: r.milestones });
    }
    return out;
  }

  invoke(command: string, args: Record<string, unknown>): unknown {
    if (command.includes('template')) return this.templates(command, args);
    if (command.includes('mspdi')) return this.mspdi(command, (args as { choice: MspdiChoice }).choice);
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
