// An in-memory stand-in for the Rust commands of docs/ipc.md, for the component tests: enough of
// the contract (shapes, error codes, field names) to drive the UI the way the real core would.

import type {
  AppState,
  Catalog,
  Dashboard,
  ErrorInfo,
  HistoryItem,
  MoveInput,
  Policy,
  Release,
  ReleaseLifecycle,
  ReleaseDetail,
  ReleaseInput,
  ReleaseSummary,
} from '../lib/ipc/bindings';
import { STATUS_ORDER } from '../lib/labels';

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
      { name: 'Test', production: false },
      { name: 'Prod', production: true },
    ],
    people: [
      { email: 'ada@example.org', name: 'Ada Lovelace', organisation: 'IT', role: 'release_owner' },
      { email: 'bob@example.org', name: 'Bob Manager', organisation: 'IT', role: 'release_manager' },
    ],
    rfcs: [{ key: 'RFC-1', title: 'Raise the card limit', status: 'approved' }],
    cis: [{ name: 'pay-api', kind: 'service', application: 'PAY' }],
  };

  constructor(count = 0) {
    for (let i = 0; i < count; i++) {
      const key = `REL-${String(i).padStart(5, '0')}`;
      this.releases.set(key, release(key, `Release number ${i}`));
    }
  }

  async invoke(command: string, args?: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ command, args });
    const a = (args ?? {}) as { key: string; input: ReleaseInput };
    switch (command) {
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
      case 'undo_edit':
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
      default:
        throw { code: 'internal', message: `the fake core has no ${command}`, fields: [] } satisfies ErrorInfo;
    }
  }

  policy: Policy = {
    lead_time_days: 28,
    required_tests: ['installation', 'functional', 'performance', 'integration', 'user_acceptance', 'operational_readiness'],
    signature_role: 'change_manager',
    require_review: true,
    stage_limits: [
      { status: 'draft', days: 60 },
      { status: 'planned', days: 45 },
    ],
    overridable: ['submit'],
  };

  history: HistoryItem[] = [];

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
      signature_role: 'change_manager',
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
