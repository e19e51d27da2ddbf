// An in-memory stand-in for the Rust commands of docs/ipc.md, for the component tests: enough of
// the contract (shapes, error codes, field names) to drive the UI the way the real core would.

import type {
  AppState,
  Arrow,
  Bar,
  BaselineInfo,
  Catalog,
  Change,
  Conflict,
  CiLink,
  Group,
  Layout,
  Milestone,
  MilestoneRef,
  Row,
  Shift,
  SlackUse,
  Violation,
  WhatIf,
  Dashboard,
  Dependency,
  Environment,
  Slot,
  Document as ReportDocument,
  ErrorInfo,
  ReportRequest,
  SavedReport,
  HistoryItem,
  MoveInput,
  Policy,
  Release,
  ReleaseCalendar,
  ReleaseLifecycle,
  ReleaseDetail,
  ReleaseInput,
  ReleaseSummary,
} from '../lib/ipc/bindings';
import type { Command } from '../lib/ipc/commands';
import { STATUS_ORDER } from '../lib/labels';
import { addDays as addDateTimeDays } from '../lib/datetime';
import { addDays, diffDays } from '../lib/roadmap/dates';
import { FakeCalendar } from './fakeCalendar';
import { FakeMatrix } from './fakeMatrix';
import { FakeOutbox, OUTBOX_COMMANDS } from './fakeOutbox';
import { layOut } from './fakeReports';
import { FakePhases, PHASE_COMMANDS } from './fakePhases';
import { FakeStakeholders, STAKEHOLDER_COMMANDS } from './fakeStakeholders';
import { BACKUP_COMMANDS, FakeBackups } from './fakeBackups';
import { FakeMerge, MERGE_COMMANDS } from './fakeMerge';

export class FakeCore {
  releases = new Map<string, Release>();
  calls: { command: string; args: Record<string, unknown> | undefined }[] = [];
  state: AppState = {
    plan: {
      path: '/home/ada/plans/demo.runway',
      file_name: 'demo.runway',
      name: 'Demo portfolio',
      releases: 0,
      schema_version: 1,
      audit_head: 'abc123',
    },
    profile: { name: 'ada', email: '' },
    profile_is_default: true,
    recent: ['/home/ada/plans/demo.runway'],
    notice: null,
  };
  catalog: Catalog = {
    applications: [
      { code: 'PAY', name: 'Payments' },
      { code: 'CRM', name: 'Customer relations' },
    ],
    environments: [
      { name: 'Test', production: false, capacity: 1 },
      { name: 'Prod', production: true, capacity: 1 },
    ],
    people: [
      { email: 'ada@example.org', name: 'Ada Lovelace', organisation: 'IT' },
      { email: 'bob@example.org', name: 'Bob Manager', organisation: 'IT' },
      { email: 'eve@example.org', name: 'Eve Sponsor', organisation: 'Board' },
    ],
    rfcs: [{ key: 'RFC-1', title: 'Raise the card limit', status: 'approved' }],
    cis: [{ name: 'pay-api', kind: 'service', application: 'PAY' }],
  };

  /** The forward schedule's commands (windows, bookings, conflicts, the calendar view). */
  calendar = new FakeCalendar(() => this.catalog);

  /** The responsibility matrix's commands (the grid, people and who holds which role, audiences). */
  matrix = new FakeMatrix(
    () => this.catalog,
    (c) => (this.catalog = c),
    this.releases,
  );
  /** Distribution lists and the people's CSV (test/fakeStakeholders.ts). */
  stakeholders = new FakeStakeholders(() => this.catalog, (c) => (this.catalog = c), this.releases);
  outbox = new FakeOutbox(); // the outbox's messages, templates and mail server (test/fakeOutbox.ts)
  backups = new FakeBackups(() => this.state, (s) => (this.state = s)); // File → Restore from backup… (test/fakeBackups.ts)
  merge = new FakeMerge(); // merging copies: review cards, Merge/Export Changes… (test/fakeMerge.ts)
  /** What Export CSV… "chooses" in the native dialog: a path, or null for Cancel. */
  csvChoice: string | null = '/home/ada/SARCI matrix.csv';

  constructor(count = 0) {
    for (let i = 0; i < count; i++) {
      const key = `REL-${String(i).padStart(5, '0')}`;
      this.releases.set(key, release(key, `Release number ${i}`));
    }
  }

  async invoke(command: string, args?: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ command, args });
    const a = (args ?? {}) as { key: string; input: ReleaseInput };
    // Only commands the shell has (commands.ts): a case for any other name does not type-check.
    switch (command as Command) {
      case 'app_state':
        return { ...this.state, plan: this.state.plan && { ...this.state.plan, releases: this.releases.size } };
      case 'list_releases':
        return [...this.releases.values()].sort((x, y) => (x.key < y.key ? -1 : 1)).map(summary);
      case 'catalog':
        return this.catalog;
      case 'get_release':
        return this.detail(a.key);
      case 'create_release':
        return this.create(a.input);
      case 'set_profile': {
        const profile = (args as { profile: AppState['profile'] }).profile;
        this.state = { ...this.state, profile, profile_is_default: false };
        return this.invoke('app_state');
      }
      case 'release_lifecycle':
        return this.lifecycle(a.key);
      case 'release_dependencies':
        this.detail(a.key);
        return this.deps.filter((d) => d.from.release === a.key || d.to.release === a.key);
      case 'add_dependency': {
        const d = (args as { dependency: Dependency }).dependency;
        if (d.from.release === d.to.release && d.from.milestone === d.to.milestone) {
          throw { code: 'validation', message: 'cycle', fields: [{ field: 'dependency', message: `${d.from.release} cannot depend on itself: it would close a cycle.` }] } satisfies ErrorInfo;
        }
        const closes = this.dependencies.some(
          (x) => x.from.release === d.to.release && x.from.kind === d.to.milestone && x.to.release === d.from.release && x.to.kind === d.from.milestone,
        );
        if (closes) {
          const path = `${d.from.release} ${d.from.milestone} → ${d.to.release} ${d.to.milestone} → ${d.from.release} ${d.from.milestone}`;
          throw {
            code: 'validation',
            message: 'cycle',
            fields: [{ field: 'dependency', message: `${d.from.release} → ${d.to.release} cannot be added: it would close a cycle: ${path}.` }],
          } satisfies ErrorInfo;
        }
        if (this.deps.some((x) => JSON.stringify([x.from, x.to]) === JSON.stringify([d.from, d.to]))) {
          throw { code: 'conflict', message: `${d.to.release} already depends on ${d.from.release}`, fields: [] } satisfies ErrorInfo;
        }
        this.deps.push(d);
        if (d.from.milestone && d.to.milestone) {
          this.dependencies.push({ from: { release: d.from.release, kind: d.from.milestone }, to: { release: d.to.release, kind: d.to.milestone } });
        }
        return d;
      }
      case 'release_ci_links':
        this.detail(a.key);
        return this.ciLinks.filter((c) => c.upstream === a.key || c.downstream === a.key);
      case 'release_history':
        this.detail(a.key);
        return this.history;
      case 'move_release': {
        const input = (args as { input: MoveInput }).input;
        const r = this.releases.get(a.key);
        if (!r) throw notFound(a.key);
        r.status = input.to;
        return { message: `${a.key} moved to ${input.to}.`, lifecycle: this.lifecycle(a.key) };
      }
      case 'release_conflicts': {
        const conflicts = this.calendar.invoke(command, args ?? {}) as Conflict[];
        return { conflicts, no_slot: this.noSlot(a.key) } satisfies ReleaseCalendar;
      }
      case 'calendar_view':
      case 'conflicts':
      case 'list_windows':
      case 'save_window':
      case 'remove_window':
      case 'save_booking':
      case 'remove_booking':
      case 'get_time_zone':
        return this.calendar.invoke(command, args ?? {});
      case 'matrix_view':
      case 'set_matrix_cell':
      case 'edit_matrix':
      case 'list_people':
      case 'save_person':
      case 'assign_role':
      case 'unassign_role':
      case 'audience':
        return this.matrix.invoke(command, args ?? {});
      case 'export_matrix_csv':
        return this.csvChoice;
      case 'undo_edit':
        if (this.matrix.undos.length) return this.matrix.undos.pop()!();
        if (this.stakeholders.undos.length) return this.stakeholders.undos.pop()!();
        if (this.scheduleUndos.length) return this.scheduleUndos.pop()!();
        if (this.calendar.canUndo) return this.calendar.undo();
        return [`Undid the edit of ${[...this.releases.keys()][0]}.`, [...this.releases.keys()][0]];
      case 'undo_state':
        return { undo: null, redo: null };
      case 'dashboard':
        return this.dashboard();
      case 'get_policy':
        return this.policy;
      case 'set_policy':
        return this.setPolicy((args as { policy: Policy }).policy);
      case 'delete_release':
        if (!this.releases.delete(a.key)) throw notFound(a.key);
        return null;
      case 'roadmap':
        return this.roadmap((args as { baseline: string | null }).baseline ?? null);
      case 'what_if':
        return this.whatIf((args as { change: Change }).change);
      case 'apply_change':
        return this.applyChange((args as { change: Change }).change);
      case 'baselines':
        return [...this.baselines.values()].map((b) => b.info);
      case 'save_baseline':
        return this.saveBaseline((args as { name: string }).name);
      case 'report_preview':
        await this.reportGate;
        return this.reportDocument((args as { req: ReportRequest }).req);
      case 'save_report':
        await this.reportGate;
        return this.saveReport((args as { req: ReportRequest }).req);
      case 'open_report': {
        const path = (args as { path: string }).path;
        if (!this.savedReports.includes(path)) {
          throw { code: 'not_found', message: 'Runway opens only the reports it saved since it started.', fields: [] } satisfies ErrorInfo;
        }
        this.opened.push(path);
        return null;
      }
      // The next free slot and the settings of the forward schedule (issue 15).
      case 'release_slots':
        return this.slotsOf(a.key, (args as { count: number }).count);
      case 'apply_slot':
        return this.applySlot(a.key, (args as { start: string }).start);
      case 'set_time_zone':
        return this.setTimeZone((args as { zone: string }).zone);
      case 'set_environment':
        return this.setEnvironment((args as { environment: Environment }).environment);
      default:
        if (STAKEHOLDER_COMMANDS.includes(command as Command)) return this.stakeholders.invoke(command, args ?? {});
        if (PHASE_COMMANDS.includes(command as Command)) return new FakePhases(this.releases, () => this.deps, (k) => this.detail(k)).invoke(command, args ?? {});
        if (OUTBOX_COMMANDS.includes(command as Command)) return this.outbox.invoke(command, args ?? {});
        if (BACKUP_COMMANDS.includes(command as Command)) return this.backups.invoke(command, args ?? {});
        if (MERGE_COMMANDS.includes(command as Command)) return this.merge.invoke(command, args ?? {});
        throw { code: 'internal', message: `the fake core has no ${command}`, fields: [] } satisfies ErrorInfo;
    }
  }

  policy: Policy = {
    lead_time_days: 28,
    required_tests: ['installation', 'functional', 'performance', 'integration', 'user_acceptance', 'operational_readiness'],
    cab_members: [],
    require_review: true,
    stage_limits: [
      { status: 'draft', days: 60 },
      { status: 'planned', days: 45 },
    ],
    overridable: ['submit'],
    calendar: {
      daily_cap: 4,
      daily_cap_per_environment: 2,
      blocking: ['environment_capacity', 'same_ci', 'freeze', 'blackout', 'outside_green_zone'],
      production_needs_green_zone: true,
    },
  };

  history: HistoryItem[] = [];
  /** Dependencies as release_dependencies and add_dependency see them. */
  deps: Dependency[] = [];

  lifecycle(key: string): ReleaseLifecycle {
    const r = this.detail(key).release;
    return {
      assessment: {
        key,
        status: r.status,
        emergency: r.kind === 'emergency',
        since: '2027-01-02T10:00:00Z',
        days_in_state: 3,
        limit_days: 45,
        overdue: false,
        track_position: 1,
        steps: [
          {
            to: 'submitted_to_cab',
            label: 'Submit to CAB',
            gate: 'submit',
            conditions: [
              { code: 'rfc', label: 'At least one RFC is linked', met: r.rfcs.length > 0, detail: `${r.rfcs.length} linked` },
            ],
            allowed: r.rfcs.length > 0,
            overridable: r.rfcs.length === 0,
            needs_reason: false,
          },
          { to: 'cancelled', label: 'Cancel release', gate: null, conditions: [], allowed: true, overridable: false, needs_reason: true },
        ],
        can_record: [],
        breaches: [],
        warnings: [],
      },
      events: [],
      revoked: [],
      signers: this.matrix.holders(key, 'sponsor'),
      signing: this.matrix.holders(key, 'sponsor').map((h) => `${h.name} (Sponsor (SVP))`).join(' or ') || 'Nobody holds Sponsor (SVP)',
      cab_deciders: this.matrix.holders(key, 'change_manager'),
    };
  }

  /** What a test puts on the dashboard beyond the stage counts (overdue, upcoming, ...). */
  board: Partial<Dashboard> = {};

  dashboard(): Dashboard {
    const stages = STATUS_ORDER.map((status) => ({
      status,
      count: [...this.releases.values()].filter((r) => r.status === status).length,
      overdue: 0,
    }));
    return {
      today: '2027-01-10',
      quarter: '2027-Q1',
      stages,
      overdue: [],
      upcoming: [],
      breaches: [],
      emergencies: [],
      conflicts: this.calendar.allConflicts(),
      ...this.board,
    };
  }

  /** As the core's `Policy::check`: a bad policy is refused field by field and changes nothing. */
  private setPolicy(policy: Policy): Policy {
    const fields: { field: string; message: string }[] = [];
    if (policy.lead_time_days > 365) {
      fields.push({ field: 'lead_time_days', message: 'The lead time is at most 365 days.' });
    }
    for (const l of policy.stage_limits) {
      if (l.days < 1 || l.days > 999) {
        fields.push({ field: `stage_limits.${l.status}`, message: 'A stage limit is between 1 and 999 days.' });
      }
    }
    for (const [field, cap] of [
      ['calendar.daily_cap', policy.calendar.daily_cap],
      ['calendar.daily_cap_per_environment', policy.calendar.daily_cap_per_environment],
    ] as const) {
      if (cap !== null && (cap < 1 || cap > 999)) fields.push({ field, message: 'A daily cap is between 1 and 999 deployments (or none).' });
    }
    if (policy.required_tests.includes('backout')) {
      fields.push({ field: 'required_tests', message: 'The backout test is always required; it is not one of the chosen tests.' });
    }
    if (fields.length) {
      const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
      throw { code: 'validation', message, fields } satisfies ErrorInfo;
    }
    this.policy = policy;
    return this.policy;
  }

  private detail(key: string): ReleaseDetail {
    const r = this.releases.get(key);
    if (!r) throw notFound(key);
    return { release: r, linked_rfcs: [], bill_of_materials: [], created_at: '2027-01-01T10:00:00Z', updated_at: '2027-01-02T10:00:00Z' };
  }

  private create(input: ReleaseInput): ReleaseDetail {
    const fields = [];
    if (input.window && input.window.end <= input.window.start) {
      fields.push({ field: 'window', message: 'The window ends before or when it starts.' });
    }
    if (input.owner && !this.catalog.people.some((p) => p.email === input.owner)) {
      fields.push({ field: 'owner', message: `No person ${input.owner} in the plan.` });
    }
    if (fields.length) throw { code: 'validation', message: 'The release is not valid.', fields } satisfies ErrorInfo;
    if (this.releases.has(input.key)) {
      throw { code: 'conflict', message: `A release ${input.key} already exists.`, fields: [] } satisfies ErrorInfo;
    }
    const { ...rest } = input;
    this.releases.set(input.key, { ...rest, status: 'draft', rfcs: [], cis: [], milestones: [] });
    return this.detail(input.key);
  }
  // --- The roadmap -----------------------------------------------------------------------------
  // Releases without milestones get a deterministic plan on first use (planning, build, test, CAB,
  // deployment), so a test only has to set the dependencies it wants to see.

  /** Finish-to-start dependencies, no lag. */
  dependencies: { from: MilestoneRef; to: MilestoneRef }[] = [];
  /** Links implied by configuration items (drawn deployment to deployment). */
  ciLinks: CiLink[] = [];
  baselines = new Map<string, { info: BaselineInfo; dates: Map<string, [string, string]> }>();
  today = '2027-01-10';

  private milestonesOf(r: Release): Milestone[] {
    if (r.milestones.length === 0) {
      const i = [...this.releases.keys()].sort().indexOf(r.key);
      const base = addDays('2027-01-04', (i % 60) * 2);
      const m = (kind: Milestone['kind'], from: number, to: number): Milestone => ({
        kind,
        planned_start: addDays(base, from),
        planned_end: addDays(base, to),
        actual_start: null,
        actual_end: null,
      });
      r.milestones = [m('planning', 0, 4), m('build', 5, 14), m('test', 15, 21), m('cab', 22, 22), m('deployment', 25, 25)];
    }
    return r.milestones;
  }

  private milestone(ref: MilestoneRef): Milestone {
    const r = this.releases.get(ref.release);
    if (!r) throw notFound(ref.release);
    const m = this.milestonesOf(r).find((x) => x.kind === ref.kind);
    if (!m) throw { code: 'not_found', message: `No ${ref.kind} milestone in ${ref.release}.`, fields: [] } satisfies ErrorInfo;
    return m;
  }

  /** Days the successor starts too early (finish to start, no lag); 0 when it is fine. */
  private tooEarly(from: { planned_end: string }, to: { planned_start: string }): number {
    return Math.max(0, diffDays(to.planned_start, addDays(from.planned_end, 1)));
  }

  private violation(d: { from: MilestoneRef; to: MilestoneRef }, by: number): Violation {
    return {
      from: d.from,
      to: d.to,
      kind: 'fs',
      lag_days: 0,
      by_days: by,
      message: `${d.to.release} ${d.to.kind} starts ${by} days before ${d.from.release} ${d.from.kind} ends`,
    };
  }

  roadmap(baseline: string | null): Layout {
    const releases = [...this.releases.values()].sort((x, y) => (x.key < y.key ? -1 : 1));
    const saved = baseline ? this.baselines.get(baseline) : undefined;
    if (baseline && !saved) throw { code: 'not_found', message: `No baseline ${baseline}.`, fields: [] } satisfies ErrorInfo;
    const onDep = new Set(this.dependencies.flatMap((d) => [`${d.from.release}|${d.from.kind}`, `${d.to.release}|${d.to.kind}`]));
    const byApp = new Map<string, Release[]>();
    for (const r of releases) {
      const code = r.applications[0] ?? '';
      byApp.set(code, [...(byApp.get(code) ?? []), r]);
    }
    const rows: Row[] = [];
    const groups: Group[] = [];
    const rowOf = new Map<string, number>();
    const conflicts = this.calendar.allConflicts();
    let from = '9999-12-31';
    let to = '0000-01-01';
    for (const code of [...byApp.keys()].sort()) {
      const group: Group = {
        code,
        name: this.catalog.applications.find((a) => a.code === code)?.name ?? (code || 'No application'),
        rows: [],
      };
      for (const r of byApp.get(code) ?? []) {
        const index = rows.length;
        rowOf.set(r.key, index);
        group.rows.push(index);
        const bars: Bar[] = this.milestonesOf(r).map((m) => {
          if (m.planned_start < from) from = m.planned_start;
          if (m.planned_end > to) to = m.planned_end;
          const b = saved?.dates.get(`${r.key}|${m.kind}`);
          const critical = onDep.has(`${r.key}|${m.kind}`);
          return {
            kind: m.kind,
            start: m.planned_start,
            end: m.planned_end,
            diamond: m.planned_start === m.planned_end && (m.kind === 'cab' || m.kind === 'deployment'),
            actual_start: m.actual_start,
            actual_end: m.actual_end,
            earliest_start: m.planned_start,
            slack_days: critical ? 0 : 3,
            critical,
            baseline_start: b?.[0] ?? null,
            baseline_end: b?.[1] ?? null,
          };
        });
        bars.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
        const mine = conflicts.filter((c) => c.releases.includes(r.key));
        const blocking_conflicts = mine.filter((c) => c.severity === 'blocking').length;
        rows.push({ key: r.key, title: r.title, status: r.status, kind: r.kind, index, bars, violated: false, conflicts: mine.length, blocking_conflicts });
      }
      groups.push(group);
    }
    const arrows: Arrow[] = [];
    for (const d of this.dependencies) {
      const fr = rowOf.get(d.from.release);
      const tr = rowOf.get(d.to.release);
      if (fr === undefined || tr === undefined) continue;
      const violated = this.tooEarly(this.milestone(d.from), this.milestone(d.to)) > 0;
      if (violated) {
        for (const i of [fr, tr]) if (rows[i]) rows[i].violated = true;
      }
      arrows.push({ from_row: fr, from_kind: d.from.kind, to_row: tr, to_kind: d.to.kind, kind: 'fs', lag_days: 0, violated, critical: true });
    }
    if (from > to) from = to = this.today;
    return {
      today: this.today,
      from,
      to,
      groups,
      rows,
      arrows,
      ci_arrows: this.ciLinks.flatMap((c) => {
        const fr = rowOf.get(c.upstream);
        const tr = rowOf.get(c.downstream);
        if (fr === undefined || tr === undefined) return [];
        return [{ from_row: fr, from_kind: 'deployment' as const, to_row: tr, to_kind: 'deployment' as const, reasons: [`${c.ci} depends on ${c.depends_on}`] }];
      }),
      baseline: saved ? baseline : null,
      critical_path: this.dependencies.flatMap((d) => [d.from, d.to]),
    };
  }

  /** The conflicts every what-if says a move creates and resolves (the tests set them). */
  whatIfConflicts: Pick<WhatIf, 'conflicts_created' | 'conflicts_resolved'> = { conflicts_created: [], conflicts_resolved: [] };

  whatIf(change: Change): WhatIf {
    const result: WhatIf = {
      moved: [],
      must_move: [],
      newly_violated: [],
      resolved: [],
      slack_used: [],
      windows_changed: [],
      diagnostics: [],
      ...structuredClone(this.whatIfConflicts),
    };
    const after = new Map<string, { planned_start: string; planned_end: string }>();
    const id = (m: MilestoneRef) => `${m.release}|${m.kind}`;
    if (change.type === 'milestone') {
      if (change.end < change.start) {
        result.diagnostics.push(`${change.milestone.release} ${change.milestone.kind} would end (${change.end}) before it starts (${change.start})`);
        return result;
      }
      after.set(id(change.milestone), { planned_start: change.start, planned_end: change.end });
    } else {
      const r = this.releases.get(change.release);
      if (!r) {
        result.diagnostics.push(`${change.release} is not a release of the plan`);
        return result;
      }
      for (const m of this.milestonesOf(r)) {
        after.set(id({ release: r.key, kind: m.kind }), {
          planned_start: addDays(m.planned_start, change.shift_days),
          planned_end: addDays(m.planned_end, change.shift_days),
        });
      }
    }
    for (const [key, m] of after) {
      const [release, kind] = key.split('|') as [string, Milestone['kind']];
      const ref = { release, kind };
      const old = this.milestone(ref);
      if (old.planned_start !== m.planned_start || old.planned_end !== m.planned_end) {
        const days = diffDays(old.planned_start, m.planned_start);
        result.moved.push({
          milestone: ref,
          from: old.planned_start,
          to: m.planned_start,
          days,
          end_from: old.planned_end,
          end_to: m.planned_end,
          added_days: days,
        } satisfies Shift);
      }
    }
    const now = (m: MilestoneRef) => after.get(id(m)) ?? this.milestone(m);
    for (const d of this.dependencies) {
      const before = this.tooEarly(this.milestone(d.from), this.milestone(d.to));
      const by = this.tooEarly(now(d.from), now(d.to));
      if (by > before && !after.has(id(d.to))) {
        const start = now(d.to).planned_start;
        const end = now(d.to).planned_end;
        result.must_move.push({
          milestone: d.to,
          from: start,
          to: addDays(start, by),
          days: by,
          end_from: end,
          end_to: addDays(end, by),
          added_days: by - before,
        });
      }
      if (by > 0 && before === 0) result.newly_violated.push(this.violation(d, by));
      if (by === 0 && before > 0) result.resolved.push(this.violation(d, before));
      const slack = (f: { planned_end: string }, t: { planned_start: string }) => diffDays(addDays(f.planned_end, 1), t.planned_start);
      const s0 = slack(this.milestone(d.from), this.milestone(d.to));
      const s1 = slack(now(d.from), now(d.to));
      if (by === 0 && s1 < s0) result.slack_used.push({ milestone: d.to, before: s0, after: s1 } satisfies SlackUse);
    }
    result.windows_changed = [
      ...new Set([...result.moved, ...result.must_move].filter((s) => s.milestone.kind === 'deployment').map((s) => s.milestone.release)),
    ].sort();
    return result;
  }

  applyChange(change: Change): ReleaseDetail {
    const w = this.whatIf(change);
    if (w.diagnostics.length) throw { code: 'validation', message: w.diagnostics.join('; '), fields: [] } satisfies ErrorInfo;
    if (change.type === 'milestone') {
      const m = this.milestone(change.milestone);
      m.planned_start = change.start;
      m.planned_end = change.end;
      return this.detail(change.milestone.release);
    }
    const r = this.releases.get(change.release);
    if (!r) throw notFound(change.release);
    for (const m of this.milestonesOf(r)) {
      m.planned_start = addDays(m.planned_start, change.shift_days);
      m.planned_end = addDays(m.planned_end, change.shift_days);
    }
    return this.detail(change.release);
  }

  // --- Reports ---------------------------------------------------------------------------------
  // As the core lays them out: one page per `reportPages` (each with a header text, a rule, a bar,
  // a dashed line and a diamond), a bookmark per application; `reportError` makes every report fail.

  reportPages = 3;
  reportError: ErrorInfo | null = null;
  /** Reports wait for this (a test resolves it to see the progress first). */
  reportGate: Promise<void> | null = null;
  /** The title text drawn on every page (tests put markup in it to see it stays text). */
  reportHeading = 'Roadmap <b>poster</b> & "friends"';
  /** What Save… "chooses" in the native dialog: a path, or null for Cancel. */
  dialogChoice: string | null = '/home/ada/Reports/report.pdf';
  savedReports: string[] = [];
  opened: string[] = [];

  reportDocument(req: ReportRequest): ReportDocument {
    if (this.reportError) throw this.reportError;
    if (req.kind === 'release' && !this.releases.has(req.release ?? '')) throw notFound(req.release ?? '');
    return layOut(req, this.reportPages, this.reportHeading, this.catalog.applications);
  }

  saveReport(req: ReportRequest): SavedReport | null {
    const target = this.dialogChoice;
    if (target === null) return null;
    const doc = this.reportDocument(req);
    this.savedReports.push(target);
    return {
      path: target,
      file_name: target.split('/').pop() ?? target,
      summary: { title: doc.title, pages: doc.pages.length, bytes: 48_213, missing_glyphs: doc.missing_glyphs },
    };
  }

  saveBaseline(name: string): BaselineInfo {
    if (!name.trim()) {
      throw { code: 'validation', message: 'A baseline needs a name.', fields: [{ field: 'name', message: 'A baseline needs a name.' }] } satisfies ErrorInfo;
    }
    if (this.baselines.has(name)) throw { code: 'conflict', message: `A baseline ${name} already exists.`, fields: [] } satisfies ErrorInfo;
    const dates = new Map<string, [string, string]>();
    for (const r of this.releases.values()) {
      for (const m of this.milestonesOf(r)) dates.set(`${r.key}|${m.kind}`, [m.planned_start, m.planned_end]);
    }
    const info: BaselineInfo = { name, taken_at: '2027-01-10T09:00:00Z', milestones: dates.size };
    this.baselines.set(name, { info, dates });
    return info;
  }

  // --- Next free slot, the plan's time zone, environments ----------------------------------------
  // A slot is the release's window (or 22:00–23:30 on 2027-02-01) moved a day at a time past the
  // freezes and blackouts of `calendar`; applying one moves the window and the release's deployment
  // in `calendar.deployments` (so its conflicts follow); each edit is undone by undo_edit.

  scheduleUndos: (() => [string, string])[] = [];

  private windowOf(key: string): { start: string; end: string } {
    const r = this.releases.get(key);
    if (!r) throw notFound(key);
    return r.window ?? { start: '2027-02-01T22:00:00', end: '2027-02-01T23:30:00' };
  }

  /** The core's answer (runway_domain::calendar::slots::no_slot) to why no slot can be proposed. */
  noSlot(key: string): string | null {
    const status = this.releases.get(key)?.status;
    if (status === 'deploying') return 'The release is deploying: its deployment window can no longer move.';
    if (status === 'deployed' || status === 'verified') return 'The release is deployed: its deployment window is past.';
    if (status && ['closed', 'closed_failed', 'closed_rejected', 'cancelled'].includes(status)) {
      return 'The release is closed: nothing of it is planned any more.';
    }
    return null;
  }

  slotsOf(key: string, count: number): Slot[] {
    const r = this.releases.get(key);
    if (!r) throw notFound(key);
    const why = this.noSlot(key);
    if (why) throw { code: 'conflict', message: `No free slot for ${key}: ${why}`, fields: [] } satisfies ErrorInfo;
    const w = this.windowOf(key);
    const out: Slot[] = [];
    for (let days = 1; out.length < count && days < 366; days++) {
      const start = addDateTimeDays(w.start, days);
      const end = addDateTimeDays(w.end, days);
      if (this.calendar.bands(start, end).some((b) => b.kind === 'freeze' || b.kind === 'blackout')) continue;
      out.push({ start, end, shift_days: days, note: `same time, ${days} ${days === 1 ? 'day' : 'days'} later` });
    }
    return out;
  }

  applySlot(key: string, start: string): ReleaseDetail {
    const r = this.releases.get(key);
    if (!r) throw notFound(key);
    const was = this.windowOf(key);
    const length = Date.parse(`${was.end}Z`) - Date.parse(`${was.start}Z`);
    const end = new Date(Date.parse(`${start}Z`) + length).toISOString().slice(0, 19);
    // A new record each time, as the core sends one: the UI compares them by reference.
    const deployments = this.calendar.deployments;
    this.releases.set(key, { ...r, window: { start, end } });
    this.calendar.deployments = deployments.map((d) => (d.release === key ? { ...d, start, end } : d));
    this.scheduleUndos.push(() => {
      this.releases.set(key, { ...r });
      this.calendar.deployments = deployments;
      return [`Undid rescheduling ${key}.`, key];
    });
    return this.detail(key);
  }

  setTimeZone(zone: string): string {
    if (!/^[A-Z][A-Za-z_]+(\/[A-Za-z_+-]+)+$/.test(zone) && zone !== 'UTC') {
      throw { code: 'validation', message: `time_zone: "${zone}" is not a time zone`, fields: [{ field: 'time_zone', message: `"${zone}" is not an IANA time zone.` }] } satisfies ErrorInfo;
    }
    const before = this.calendar.zone;
    this.calendar.zone = zone;
    this.scheduleUndos.push(() => {
      this.calendar.zone = before;
      return ['Undid setting the time zone.', 'time_zone'];
    });
    return zone;
  }

  setEnvironment(env: Environment): Environment {
    const i = this.catalog.environments.findIndex((e) => e.name === env.name);
    if (i < 0) throw { code: 'not_found', message: `No environment "${env.name}".`, fields: [] } satisfies ErrorInfo;
    if (!Number.isInteger(env.capacity) || env.capacity < 1 || env.capacity > 99) {
      const message = `A capacity is 1 to 99 bookings at once, not ${env.capacity}.`;
      throw { code: 'validation', message: `capacity: ${message}`, fields: [{ field: 'capacity', message }] } satisfies ErrorInfo;
    }
    const before = this.catalog.environments;
    this.catalog = { ...this.catalog, environments: before.map((e, j) => (j === i ? { ...env } : e)) };
    this.scheduleUndos.push(() => {
      this.catalog = { ...this.catalog, environments: before };
      return [`Undid the edit of environment ${env.name}.`, env.name];
    });
    return env;
  }
}

function notFound(key: string): ErrorInfo {
  return { code: 'not_found', message: `No release ${key}.`, fields: [] };
}

function release(key: string, title: string): Release {
  return {
    key,
    title,
    kind: 'minor',
    unit: 'delta',
    status: 'planned',
    applications: ['PAY'],
    owner: 'ada@example.org',
    manager: null,
    environments: ['Prod'],
    window: null,
    risk: 'low',
    acceptance_criteria: '',
    backout_plan: '',
    backout_tested: false,
    notes: '',
    rfcs: [],
    cis: [],
    milestones: [],
  };
}

function summary(r: Release): ReleaseSummary {
  return {
    key: r.key,
    title: r.title,
    kind: r.kind,
    unit: r.unit,
    status: r.status,
    applications: r.applications,
    owner: r.owner ? 'Ada Lovelace' : null,
    manager: null,
    window: r.window,
    risk: r.risk,
    rfc_count: r.rfcs.length,
    ci_count: r.cis.length,
    updated_at: '2027-01-02T10:00:00Z',
  };
}
