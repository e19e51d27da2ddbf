// @vitest-environment jsdom
// The app mounted in jsdom against the in-memory FakeCore: what a user (and the end-to-end
// tests) rely on — the ready flag, a virtualised list, search, the form's errors, delete.

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { $, all, byId, paintedLinks } from './test/dom';
import { FakeCore } from './test/fakeCore';
import { mounter } from './test/mount';

let core: FakeCore;
const listeners = new Map<string, (e: { payload: unknown }) => void>();

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, handler: (e: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  },
}));

const ui = mounter();
const { flushSync, until, press } = ui;

async function start(releases = 0, setup?: (core: FakeCore) => void) {
  core = new FakeCore(releases);
  setup?.(core);
  await ui.mountApp();
}

const rows = () => all('release-row');

function type(el: HTMLInputElement | HTMLTextAreaElement | null, value: string) {
  if (!el) throw new Error('no such field');
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

// The machine may be busy (builds run beside these tests): be patient, and compile the
// components once up front so no single test pays for it.
vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('./App.svelte');
}, 60_000);

beforeEach(() => {
  delete document.body.dataset.ready;
  listeners.clear();
});

afterEach(() => {
  ui.unmount();
});

describe('startup', () => {
  it('sets data-ready once the list is drawn, and renders only a screenful of 5,000 releases', async () => {
    await start(5000);
    expect(byId('release-count')?.textContent).toBe('5000 releases');
    expect(byId('plan-name')?.textContent).toBe('demo.runway');
    const drawn = rows();
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(80);
    expect(drawn[0]?.dataset.key).toBe('REL-00000');
    expect(core.calls.some((c) => c.command === 'ui_ready')).toBe(true);
  });

  it('draws the rows under the new scroll position', async () => {
    await start(5000);
    const grid = $<HTMLDivElement>('#release-grid')!;
    grid.scrollTop = 2000 * 32;
    grid.dispatchEvent(new Event('scroll'));
    flushSync();
    const keys = rows().map((r) => r.dataset.key);
    expect(keys).toContain('REL-02000');
    expect(keys).not.toContain('REL-00000');
    expect(rows().length).toBeLessThan(80);
  });

  it('shows the welcome panel and recent plans when no plan is open', async () => {
    await start(0, (c) => (c.state.plan = null));
    expect(byId('welcome')?.textContent).toContain('demo.runway');
    expect(byId('plan-name')).toBeNull();
  });

  it('invites the user to confirm a default profile', async () => {
    await start(1);
    expect(byId('profile-banner')?.textContent).toContain('ada');
  });
});

describe('release list', () => {
  it('searches key or title and counts what is left', async () => {
    await start(300);
    type(byId<HTMLInputElement>('release-search'), 'number 12');
    // 12, 120-129
    expect(byId('release-count')?.textContent).toBe('11 releases');
    expect(rows().map((r) => r.dataset.key)).toContain('REL-00125');
  });

  it('opens a row and moves the selection with the keyboard', async () => {
    await start(50);
    rows()[3]!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00003', 'detail');
    const grid = $<HTMLDivElement>('#release-grid')!;
    press('ArrowDown', {}, grid);
    press('Enter', {}, grid);
    await until(() => byId('release-detail')?.dataset.key === 'REL-00004', 'next detail');
  });
});

describe('release form', () => {
  async function openForm() {
    byId('new-release')!.click();
    flushSync();
    expect(byId('field-key')).not.toBeNull();
  }

  it('catches an empty title and a backwards window without calling the core', async () => {
    await start(1);
    await openForm();
    type(byId('field-key'), 'REL-NEW');
    type(byId('field-window-start'), '2027-03-14T22:00');
    type(byId('field-window-end'), '2027-03-14T20:00');
    byId('save-release')!.click();
    await until(() => !!byId('error-title'));
    expect(byId('error-window')?.textContent).toMatch(/end after/);
    expect(core.calls.some((c) => c.command === 'create_release')).toBe(false);
  });

  it("shows the core's conflict at the key and keeps the input", async () => {
    await start(3);
    await openForm();
    type(byId('field-key'), 'REL-00001');
    type(byId('field-title'), 'Duplicate');
    press('s', { ctrlKey: true }, byId('field-title')!);
    await until(() => !!byId('error-key'), 'error-key');
    expect(byId('error-key')?.textContent).toContain('already exists');
    expect(byId<HTMLInputElement>('field-title')?.value).toBe('Duplicate');
    expect(core.releases.get('REL-00001')?.title).toBe('Release number 1');
  });

  it('creates a release, sends the window with seconds, refreshes and selects it', async () => {
    await start(3);
    await openForm();
    type(byId('field-key'), 'REL-NEW');
    type(byId('field-title'), 'Payments 4.2');
    type(byId('field-window-start'), '2027-03-14T20:00');
    type(byId('field-window-end'), '2027-03-14T23:00');
    byId('save-release')!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-NEW', 'new detail');
    const sent = core.calls.find((c) => c.command === 'create_release')?.args?.input as { window: unknown };
    expect(sent.window).toEqual({ start: '2027-03-14T20:00:00', end: '2027-03-14T23:00:00' });
    expect(byId('release-count')?.textContent).toBe('4 releases');
    expect($('[data-testid="release-row"][data-key="REL-NEW"]')?.getAttribute('aria-selected')).toBe('true');
  });
});

describe('delete, notices and events', () => {
  it('asks before deleting, then deletes', async () => {
    await start(5);
    rows()[2]!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00002');
    press('Delete');
    expect(byId('confirm-dialog')?.hasAttribute('open')).toBe(true);
    byId('confirm-cancel')!.click();
    flushSync();
    expect(core.releases.has('REL-00002')).toBe(true);
    press('Delete');
    byId('confirm-ok')!.click();
    await until(() => byId('release-count')?.textContent === '4 releases', 'list after delete');
    expect(core.releases.has('REL-00002')).toBe(false);
    expect(byId('release-detail')).toBeNull();
  });

  it('shows plan-error as an alert, and stays silent for cancelled', async () => {
    await start(2);
    listeners.get('plan-error')!({ payload: { code: 'cancelled', message: 'closed', fields: [] } });
    flushSync();
    expect(byId('notice')).toBeNull();
    listeners.get('plan-error')!({ payload: { code: 'not_a_plan', message: 'junk.txt is not a Runway plan.', fields: [] } });
    flushSync();
    expect(byId('notice')?.getAttribute('role')).toBe('alert');
    expect(byId('notice')?.textContent).toContain('junk.txt is not a Runway plan.');
    expect(byId('plan-name')?.textContent).toBe('demo.runway');
  });

  it('opens the shortcuts help with ? and closes it with its button', async () => {
    await start(1);
    press('?', { shiftKey: true });
    expect(byId('shortcuts-help')?.hasAttribute('open')).toBe(true);
    expect(byId('shortcuts-help')?.textContent).toContain('Ctrl+N');
    byId('shortcuts-help')!.querySelector<HTMLButtonElement>('button')!.click();
    flushSync();
    expect(byId('shortcuts-help')?.hasAttribute('open')).toBe(false);
  });

  it('confirms the profile in Settings (Ctrl+9) and drops the first-start banner', async () => {
    await start(1);
    expect(byId('profile-banner')).not.toBeNull();
    press('9', { ctrlKey: true });
    expect(byId<HTMLInputElement>('profile-name')?.value).toBe('ada');
    type(byId('profile-name'), 'Ada Lovelace');
    type(byId('profile-email'), 'ada@example.org');
    byId('save-profile')!.click();
    await until(() => core.calls.some((c) => c.command === 'set_profile'), 'set_profile');
    expect(core.calls.find((c) => c.command === 'set_profile')?.args).toEqual({
      profile: { name: 'Ada Lovelace', email: 'ada@example.org' },
    });
    press('2', { ctrlKey: true });
    await until(() => !!byId('release-search') && byId('profile-banner') === null, 'banner gone');
  });

  it('follows menu actions: views and find', async () => {
    await start(2);
    listeners.get('menu')!({ payload: 'view:stakeholders' });
    flushSync();
    await until(() => !!byId('stakeholders-lists'), 'the stakeholders view');
    expect(byId('coming-stakeholders')).toBeNull();
    listeners.get('menu')!({ payload: 'view:matrix' });
    await until(() => !!byId('matrix-valid'), 'the matrix');
    listeners.get('menu')!({ payload: 'view:calendar' });
    await until(() => !!byId('calendar'), 'the calendar');
    listeners.get('menu')!({ payload: 'find' });
    await until(() => document.activeElement === byId('release-search'), 'search focus');
  });
});

describe('dashboard', () => {
  const flag = (key: string, detail: string) => ({ key, title: `Release ${key}`, status: 'build' as const, detail });

  async function openDashboard() {
    press('1', { ctrlKey: true });
    await until(() => !!byId('dash-overdue'), 'dashboard panels');
  }

  it("shows the core's panels and opens a release from a row", async () => {
    await start(5, (c) => {
      c.releases.get('REL-00003')!.status = 'build';
      c.board = {
        overdue: [flag('REL-00003', 'Build for 40 days (limit 30, 10 over)')],
        upcoming: [
          { key: 'REL-00001', title: 'Release number 1', status: 'planned', gate: 'Submit to CAB (lead time)', date: '2027-01-10', days: 0 },
          { key: 'REL-00002', title: 'Release number 2', status: 'authorized', gate: 'Deployment window', date: '2027-01-15', days: 5 },
        ],
        breaches: [flag('REL-00004', 'No RFC linked, No backout plan')],
        emergencies: [flag('REL-00000', '2027-02-01 22:00')],
        quarter: '2027-Q1',
      };
      c.board.stages = c.dashboard().stages.map((s) => (s.status === 'build' ? { ...s, overdue: 1 } : s));
    });
    await openDashboard();

    const overdue = byId('dash-overdue')!;
    expect(overdue.querySelector('[data-key="REL-00003"]')?.textContent).toContain('10 over');
    expect(overdue.querySelector('[data-status="build"]')?.textContent).toBe('Build');

    const upcoming = [...byId('dash-upcoming')!.querySelectorAll<HTMLElement>('[data-key]')];
    expect(upcoming.map((r) => r.dataset.key)).toEqual(['REL-00001', 'REL-00002']);
    expect(upcoming[0]!.textContent).toContain('today');
    expect(upcoming[1]!.textContent).toContain('2027-01-15');
    expect(upcoming[1]!.textContent).toContain('in 5 days');
    expect(upcoming[1]!.textContent).toContain('Deployment window');

    expect(byId('dash-breaches')?.querySelector('[data-key="REL-00004"]')?.textContent).toContain('No backout plan');
    expect(byId('dash-emergencies')?.textContent).toContain('Q1 2027');
    expect(byId('dash-emergencies')?.querySelector('[data-key="REL-00000"]')?.textContent).toContain('2027-02-01 22:00');

    const stages = byId('dash-stages')!;
    expect(stages.querySelector('[data-status="planned"]')?.textContent).toMatch(/4\s*Planned/);
    expect(stages.querySelector('[data-status="build"]')?.textContent).toContain('1 overdue');
    expect(stages.querySelector('[data-status="draft"]')).toBeNull();

    byId('dash-upcoming')!.querySelector<HTMLElement>('[data-key="REL-00002"]')!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00002', 'detail');
    expect(byId('dash-upcoming')).toBeNull();
  });

  it('says so in words when a panel is empty, and reloads after a change', async () => {
    await start(2);
    await openDashboard();
    expect(byId('dash-overdue')?.textContent).toContain('No release has been in its stage longer');
    expect(byId('dash-upcoming')?.textContent).toContain('in the next 14 days');
    expect(byId('dash-emergencies')?.textContent).toContain('No emergency release has a deployment window in Q1 2027');
    expect(byId('dash-breaches')?.querySelectorAll('[data-key]')).toHaveLength(0);

    core.board = { breaches: [flag('REL-00001', 'A gate was overridden')] };
    listeners.get('plan-changed')!({ payload: await core.invoke('app_state') });
    await until(() => !!byId('dash-breaches')?.querySelector('[data-key="REL-00001"]'), 'reloaded breaches');
  });

  it('shows titles as text, never as markup', async () => {
    await start(1, (c) => {
      c.board = { overdue: [{ ...flag('REL-00000', 'x'), title: '<img src=x onerror="alert(1)">' }] };
    });
    await openDashboard();
    const row = byId('dash-overdue')!.querySelector('[data-key="REL-00000"]')!;
    expect(row.textContent).toContain('<img src=x');
    expect(row.querySelector('img')).toBeNull();
  });
});

describe('release policy', () => {
  async function openPolicy() {
    press('9', { ctrlKey: true });
    await until(() => !!byId('policy-form'), 'policy form');
  }

  function tick(testid: string) {
    byId<HTMLInputElement>(testid)!.click();
    flushSync();
  }

  it('shows the loaded policy and saves a change', async () => {
    await start(1);
    const calendarRules = core.policy.calendar;
    await openPolicy();
    expect(byId<HTMLInputElement>('policy-lead-time')?.value).toBe('28');
    expect(byId<HTMLInputElement>('policy-stage-draft')?.value).toBe('60');
    expect(byId<HTMLInputElement>('policy-stage-build')?.value).toBe('');
    expect(byId('policy-stage-closed')).toBeNull();
    expect(byId<HTMLInputElement>('policy-override-submit')?.checked).toBe(true);
    expect(byId('policy-override-cab_approval')).toBeNull();
    expect(byId('policy-form')?.textContent).toContain('The backout test is always required');
    expect(byId<HTMLButtonElement>('policy-save')?.disabled).toBe(true);

    type(byId('policy-lead-time'), '14');
    type(byId('policy-stage-build'), '30');
    tick('policy-override-plan');
    tick('policy-test-performance');
    tick('policy-require-review');
    byId('policy-save')!.click();
    await until(() => byId('notice')?.textContent?.includes('Policy saved.') ?? false, 'saved notice');

    expect(core.policy).toEqual({
      lead_time_days: 14,
      required_tests: ['installation', 'functional', 'integration', 'user_acceptance', 'operational_readiness'],
      cab_members: [],
      require_review: false,
      stage_limits: [
        { status: 'draft', days: 60 },
        { status: 'planned', days: 45 },
        { status: 'build', days: 30 },
      ],
      overridable: ['plan', 'submit'],
      // The calendar's rules are not on this form: they go back as they came.
      calendar: calendarRules,
    });
    await until(() => byId<HTMLButtonElement>('policy-save')?.disabled === true, 'clean form');
    expect(byId<HTMLInputElement>('policy-lead-time')?.value).toBe('14');
  });

  it("shows the core's refusal at the lead time, keeps the input, and resets", async () => {
    await start(1);
    await openPolicy();
    type(byId('policy-lead-time'), '400');
    byId('policy-save')!.click();
    await until(() => !!byId('policy-error-lead_time_days'), 'lead time error');
    expect(byId('policy-error-lead_time_days')?.textContent).toContain('at most 365 days');
    expect(byId('policy-error')?.textContent).toContain('not saved');
    expect(byId('policy-lead-time')?.getAttribute('aria-invalid')).toBe('true');
    expect(byId<HTMLInputElement>('policy-lead-time')?.value).toBe('400');
    expect(core.policy.lead_time_days).toBe(28);
    expect(byId('notice')).toBeNull();

    byId('policy-reset')!.click();
    flushSync();
    expect(byId<HTMLInputElement>('policy-lead-time')?.value).toBe('28');
    expect(byId('policy-error-lead_time_days')).toBeNull();
  });

  it('catches a limit that is not a whole number without calling the core', async () => {
    await start(1);
    await openPolicy();
    type(byId('policy-stage-test'), '2.5');
    byId('policy-save')!.click();
    await until(() => !!byId('policy-error-stage_limits.test'), 'stage error');
    expect(core.calls.some((c) => c.command === 'set_policy')).toBe(false);
  });

  it('has no form while no plan is open', async () => {
    await start(0, (c) => (c.state.plan = null));
    press('9', { ctrlKey: true });
    expect(byId('policy-no-plan')).not.toBeNull();
    expect(byId('policy-form')).toBeNull();
  });
});

describe('release lifecycle', () => {
  async function openFirst() {
    await start(3);
    rows()[0]?.click();
    await until(() => !!byId('lifecycle'), 'the lifecycle panel');
  }

  it('shows the track, the next steps and why a step is blocked', async () => {
    await openFirst();
    expect(byId('lifecycle')?.dataset.status).toBe('planned');
    expect($('[aria-current="step"]')?.textContent).toBe('Planned');
    const blocked = byId('blocked-submitted_to_cab');
    expect(blocked?.textContent).toContain('At least one RFC is linked');
    expect(blocked?.textContent).toContain('0 linked');
    expect(byId<HTMLButtonElement>('move-submitted_to_cab')?.disabled).toBe(true);
  });

  it('asks for a reason before an override and sends it with the move', async () => {
    await openFirst();
    byId('override-submitted_to_cab')?.click();
    flushSync();
    const submit = () => $<HTMLButtonElement>('.reason button[type="submit"]');
    expect(submit()?.disabled).toBe(true);
    type(byId<HTMLTextAreaElement>('reason-submitted_to_cab'), 'Regulatory deadline');
    submit()?.click();
    await until(() => core.calls.some((c) => c.command === 'move_release'), 'the move');
    const call = core.calls.find((c) => c.command === 'move_release');
    expect(call?.args).toEqual({
      key: 'REL-00000',
      input: { to: 'submitted_to_cab', reason: 'Regulatory deadline', override_gate: true },
    });
    await until(() => byId('lifecycle')?.dataset.status === 'submitted_to_cab', 'the new stage');
  });

  it('undoes with Ctrl+Z outside text fields, and leaves Ctrl+Z in a field alone', async () => {
    await start(2);
    const input = byId<HTMLInputElement>('release-search');
    input?.focus();
    press('z', { ctrlKey: true }, input ?? document.body);
    expect(core.calls.some((c) => c.command === 'undo_edit')).toBe(false);
    input?.blur();
    press('z', { ctrlKey: true });
    await until(() => core.calls.some((c) => c.command === 'undo_edit'), 'undo_edit');
  });

  it('shows the history, with reasons as text', async () => {
    await start(1, (c) => {
      c.history = [
        {
          seq: 7,
          at: '2027-01-03T10:00:00.000Z',
          recorded_at: '2027-01-03T10:00:00.000Z',
          actor: 'Ada',
          kind: 'decision',
          summary: 'CAB decision: Approve',
          changes: [],
          event: {
            id: 3,
            release: 'REL-00000',
            at: '2027-01-03T10:00:00Z',
            by: 'bob@example.org',
            role: 'release_manager',
            what: { type: 'cab_decision', decision: 'approve', emergency: false },
            reason: '<img src=x onerror=alert(1)>',
            conditions: '',
          },
          revoked: false,
        },
      ];
    });
    rows()[0]?.click();
    await until(() => !!byId('release-history'), 'the history');
    const item = byId('history-item');
    expect(item?.textContent).toContain('CAB decision: Approve');
    expect(item?.textContent).toContain('Bob Manager');
    expect(item?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(item?.querySelector('img')).toBeNull();
    expect(byId('revoke-3')).not.toBeNull();
  });
});

describe('roadmap', () => {
  let roadmap: Record<string, unknown> | null = null;
  const bars = () => all('roadmap-bar');
  const bar = (key: string, kind: string) => $<HTMLElement>(`[data-testid="roadmap-bar"][data-key="${key}"][data-kind="${kind}"]`);
  const whatIfs = () => core.calls.filter((c) => c.command === 'what_if');

  afterEach(() => {
    if (roadmap) void ui.svelte.unmount(roadmap);
    roadmap = null;
  });

  // REL-00001's deployment (2027-01-31) comes 4 days before REL-00005's CAB (2027-02-05) needs it.
  const withDependency = (c: FakeCore) => {
    c.dependencies = [{ from: { release: 'REL-00001', kind: 'deployment' }, to: { release: 'REL-00005', kind: 'cab' } }];
  };

  async function openRoadmap(count = 12, setup: (c: FakeCore) => void = withDependency) {
    await start(count, setup);
    press('3', { ctrlKey: true });
    if (!byId('roadmap')) {
      // Until App.svelte routes the roadmap view to Roadmap.svelte: mount it where the view goes.
      const { default: Roadmap } = await import('./components/roadmap/Roadmap.svelte');
      roadmap = ui.svelte.mount(Roadmap, { target: $('main.content')! });
    }
    await until(() => bars().length > 0, 'roadmap bars');
  }

  it('draws bars, diamonds, group headers, today and the dependency arrows', async () => {
    await openRoadmap();
    expect(byId('roadmap')).not.toBeNull();
    expect(byId('roadmap-today')).not.toBeNull();
    const deploy = bar('REL-00001', 'deployment')!;
    expect(deploy.getAttribute('aria-label')).toBe('REL-00001 deployment 2027-01-31 to 2027-01-31');
    expect(deploy.classList.contains('diamond')).toBe(true);
    expect(bar('REL-00001', 'build')?.classList.contains('bar')).toBe(true);
    expect(paintedLinks()).toHaveLength(1);
    expect(byId('roadmap-legend')?.textContent).toContain('Broken dependency');

    // Collapsing the application hides its releases.
    const group = byId('roadmap-group-PAY')!;
    expect(group.textContent).toContain('Payments');
    group.click();
    flushSync();
    expect(group.getAttribute('aria-expanded')).toBe('false');
    expect(bars()).toEqual([]);
    group.click();
    flushSync();
    expect(bars().length).toBeGreaterThan(0);
  });

  it('renders only a screenful of 5,000 releases', async () => {
    await openRoadmap(5000, () => {});
    const drawn = new Set(bars().map((b) => b.dataset.key));
    expect(drawn.size).toBeGreaterThan(5);
    expect(drawn.size).toBeLessThan(60);
  });

  it('zooms: a closer zoom draws the same milestone wider', async () => {
    await openRoadmap();
    const width = () => parseFloat(bar('REL-00001', 'build')!.style.width);
    expect(width()).toBe(10 * 12); // ten days at the month zoom
    byId('roadmap-zoom-week')!.click();
    await until(() => width() === 10 * 36, 'week zoom');
    expect(byId('roadmap-zoom-week')?.getAttribute('aria-pressed')).toBe('true');
    expect(byId('roadmap')?.textContent).toContain('January 2027');
    byId('roadmap-zoom-year')!.click();
    await until(() => width() < 20, 'year zoom');
  });

  it('moves a milestone with the keyboard, shows the callouts and commits on demand', async () => {
    await openRoadmap();
    const deploy = bar('REL-00001', 'deployment')!;
    deploy.focus();
    press('ArrowRight', {}, deploy);
    await until(() => whatIfs().length === 1, 'what_if');
    expect(whatIfs()[0]?.args).toEqual({
      change: { type: 'milestone', milestone: { release: 'REL-00001', kind: 'deployment' }, start: '2027-02-01', end: '2027-02-01' },
    });
    await until(() => !!byId('roadmap-callout-slack_used'), 'callouts');
    const callouts = byId('roadmap-callouts')!;
    expect(callouts.textContent).toContain('REL-00001: stakeholders need a new notice');
    expect(callouts.textContent).toContain('REL-00005 CAB: 4 → 3 days of slack');
    expect(bar('REL-00001', 'deployment')?.dataset.start).toBe('2027-02-01');
    expect(core.calls.some((c) => c.command === 'apply_change')).toBe(false);

    // Four more days: REL-00005's CAB must move, and the dependency breaks.
    for (let i = 0; i < 4; i++) press('ArrowRight', {}, bar('REL-00001', 'deployment')!);
    await until(() => !!byId('roadmap-callout-must_move'), 'must move');
    expect(whatIfs().length).toBeLessThanOrEqual(3); // debounced, not one call per key
    expect(byId('roadmap-callout-must_move')?.textContent).toContain('REL-00005 CAB: +1 day');
    expect(byId('roadmap-callout-newly_violated')?.textContent).toContain('REL-00005 cab starts 1 days before');

    byId('roadmap-commit')!.click();
    await until(() => core.calls.some((c) => c.command === 'apply_change'), 'apply_change');
    expect(core.calls.find((c) => c.command === 'apply_change')?.args).toEqual({
      change: { type: 'milestone', milestone: { release: 'REL-00001', kind: 'deployment' }, start: '2027-02-05', end: '2027-02-05' },
    });
    await until(() => byId('roadmap-callouts') === null, 'callouts closed');
    await until(() => bar('REL-00001', 'deployment')?.dataset.start === '2027-02-05', 'the reloaded roadmap');
    expect(byId('notice')?.textContent).toContain('Moved REL-00001 deployment to 5 Feb 2027');
    await until(() => paintedLinks().some((l) => l.broken), 'the broken dependency in red');
  });

  it('resizes with Shift, commits with Enter and cancels with Escape', async () => {
    await openRoadmap();
    const build = bar('REL-00002', 'build')!;
    press('ArrowRight', { shiftKey: true }, build);
    await until(() => whatIfs().length === 1, 'what_if');
    expect(whatIfs()[0]?.args).toMatchObject({ change: { start: '2027-01-13', end: '2027-01-23' } });
    press('Escape', {}, bar('REL-00002', 'build')!);
    expect(byId('roadmap-callouts')).toBeNull();
    expect(bar('REL-00002', 'build')?.dataset.end).toBe('2027-01-22');

    press('ArrowLeft', {}, bar('REL-00002', 'build')!);
    await until(() => !!byId('roadmap-commit'), 'commit button');
    press('Enter', {}, bar('REL-00002', 'build')!);
    await until(() => core.calls.some((c) => c.command === 'apply_change'), 'apply_change');
    expect(core.calls.find((c) => c.command === 'apply_change')?.args).toMatchObject({
      change: { milestone: { release: 'REL-00002', kind: 'build' }, start: '2027-01-12', end: '2027-01-21' },
    });
  });

  it('saves a baseline and overlays it', async () => {
    await openRoadmap();
    byId('roadmap-save-baseline')!.click();
    flushSync();
    type(byId<HTMLInputElement>('roadmap-baseline-name'), 'CAB March');
    byId('roadmap-baseline-save')!.click();
    await until(() => core.calls.some((c) => c.command === 'roadmap' && (c.args as { baseline: string | null }).baseline === 'CAB March'), 'overlay');
    await until(() => document.querySelectorAll('.baseline').length > 0, 'baseline outlines');
    expect(byId<HTMLSelectElement>('roadmap-baseline')?.value).toBe('CAB March');
    expect(core.calls.find((c) => c.command === 'save_baseline')?.args).toEqual({ name: 'CAB March' });
  });

  it('opens a release from its label', async () => {
    await openRoadmap();
    $<HTMLElement>('[data-testid="roadmap-label"][data-key="REL-00003"]')!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00003', 'detail');
  });
});

describe('release dependencies', () => {
  it('adds a dependency on another release from the detail pane, and shows a refusal', async () => {
    await start(3);
    rows()[0]?.click();
    await until(() => !!byId('release-dependencies'), 'the dependencies section');
    byId('dependency-new')?.click();
    flushSync();
    const form = byId('dependency-form');
    expect(form).not.toBeNull();
    const set = (id: string, value: string) => {
      const el = byId<HTMLInputElement | HTMLSelectElement>(id);
      if (!el) throw new Error(id);
      el.value = value;
      el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      flushSync();
    };
    set('dependency-other', 'REL-00001');
    set('dependency-lag', '2');
    byId('dependency-add')?.click();
    await until(() => core.calls.some((c) => c.command === 'add_dependency'), 'add_dependency');
    const call = core.calls.find((c) => c.command === 'add_dependency');
    expect(call?.args).toEqual({
      dependency: { from: { release: 'REL-00001', milestone: null }, to: { release: 'REL-00000', milestone: null }, kind: 'fs', lag_days: 2 },
    });
    await until(() => document.querySelectorAll('[data-testid="dependency"]').length === 1, 'the new dependency listed');
    expect(byId('dependency')?.textContent).toContain('REL-00001 → REL-00000');

    // On itself: refused, and the message says why.
    byId('dependency-new')?.click();
    flushSync();
    set('dependency-other', 'REL-00000');
    byId('dependency-add')?.click();
    await until(() => !!byId('dependency-error'), 'the refusal');
    expect(byId('dependency-error')?.textContent).toContain('cycle');
  });
});
