// @vitest-environment jsdom
// The CAB presentation mounted against a small fake core: quarters, the agenda, the card, leaving.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bar, Conflict, Layout, ReleaseDetail, ReleaseLifecycle, ReleaseStatus, Row } from '../../lib/ipc/bindings';
import { all, byId } from '../../test/dom';
import { bar } from '../../test/layout';
import { mounter } from '../../test/mount';

function row(index: number, key: string, title: string, status: ReleaseStatus, bars: Bar[]): Row {
  const conflicts = SCHEDULE[key] ?? [];
  const blocking_conflicts = conflicts.filter((c) => c.severity === 'blocking').length;
  return { key, title, status, kind: index === 1 ? 'emergency' : 'minor', index, bars, violated: index < 2, conflicts: conflicts.length, blocking_conflicts };
}

function clash(kind: Conflict['kind'], severity: Conflict['severity'], key: string, message: string): Conflict {
  return {
    id: `${kind}|${key}`,
    kind,
    severity,
    parties: [{ kind: 'release', name: key, booking: null }],
    releases: [key],
    start: '2027-03-10T22:00:00',
    end: '2027-03-10T23:30:00',
    environment: null,
    ci: null,
    message,
  };
}

/** The forward schedule's conflicts of each release (release_conflicts; the rows' counts). */
const SCHEDULE: Record<string, Conflict[]> = {
  'CRM-1': [
    clash('freeze', 'blocking', 'CRM-1', 'CRM-1 deploys during the freeze “Quarter close”.'),
    clash('maintenance', 'warning', 'CRM-1', 'CRM-1 deploys during the maintenance “DB patching”.'),
  ],
};

const LAYOUT: Layout = {
  today: '2027-02-10',
  from: '2027-01-05',
  to: '2027-05-20',
  groups: [
    { code: 'CRM', name: 'Customer relations', rows: [0] },
    { code: 'PAY', name: 'Payments', rows: [1, 2, 3] },
  ],
  rows: [
    row(0, 'CRM-1', 'CRM upgrade <b>now</b>', 'awaiting_authorization', [bar('test', '2027-01-05', '2027-02-05'), bar('deployment', '2027-03-10')]),
    row(1, 'PAY-1', 'Card limits', 'submitted_to_cab', [bar('build', '2027-02-01', '2027-02-20'), bar('deployment', '2027-02-25')]),
    row(2, 'PAY-2', 'Payments Q2', 'planned', [bar('build', '2027-05-01', '2027-05-20')]),
    row(3, 'PAY-3', 'Later decision', 'submitted_to_cab', [bar('deployment', '2027-05-20')]),
  ],
  arrows: [
    { from_row: 1, from_kind: 'deployment', to_row: 0, to_kind: 'deployment', kind: 'fs', lag_days: 0, violated: true, critical: false },
  ],
  ci_arrows: [],
  baseline: null,
  critical_path: [],
};

function detail(r: Row): ReleaseDetail {
  return {
    release: {
      key: r.key,
      title: r.title,
      kind: r.kind,
      unit: 'delta',
      status: r.status,
      applications: ['PAY'],
      owner: 'ada@example.org',
      manager: 'nobody@example.org',
      environments: ['Prod'],
      window: { start: '2027-02-25T22:00:00', end: '2027-02-25T23:30:00' },
      risk: 'high',
      acceptance_criteria: '',
      backout_plan: 'Restore the <i>snapshot</i> and replay the queue.',
      backout_tested: false,
      notes: '',
      rfcs: [],
      cis: [],
      milestones: [],
    },
    linked_rfcs: [],
    bill_of_materials: [],
    created_at: '2027-01-01T10:00:00Z',
    updated_at: '2027-01-02T10:00:00Z',
  };
}

function lifecycle(r: Row): ReleaseLifecycle {
  return {
    assessment: {
      key: r.key,
      status: r.status,
      emergency: r.kind === 'emergency',
      since: '2027-01-02T10:00:00Z',
      days_in_state: 12,
      limit_days: 10,
      overdue: true,
      track_position: 3,
      steps: [
        {
          to: 'approved',
          label: 'Approve',
          gate: 'cab_approval',
          conditions: [
            { code: 'rfc', label: 'At least one RFC is linked', met: false, detail: 'none linked' },
            { code: 'lead_time', label: 'Submitted in time', met: true, detail: '30 days ahead' },
            ...(r.key === 'CRM-1'
              ? [{ code: 'conflicts', label: 'No blocking conflict in the forward schedule', met: false, detail: `Change in a freeze: ${SCHEDULE['CRM-1']![0]!.message}` }]
              : []),
          ],
          allowed: false,
          overridable: false,
          needs_reason: false,
        },
        { to: 'cancelled', label: 'Cancel release', gate: null, conditions: [], allowed: true, overridable: false, needs_reason: true },
      ],
      can_record: ['cab_decision'],
      breaches: ['no_rfc'],
      warnings: ['The window is 5 days away.'],
    },
    events: [],
    revoked: [],
    signers: [],
    signing: 'Nobody holds Sponsor (SVP)',
    cab_deciders: [],
  };
}

const calls: string[] = [];
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (command: string, args?: Record<string, unknown>) => {
    calls.push(command);
    const key = (args as { key?: string } | undefined)?.key;
    const r = LAYOUT.rows.find((x) => x.key === key);
    switch (command) {
      case 'roadmap':
        return LAYOUT;
      case 'get_release':
        if (!r) throw { code: 'not_found', message: `No release ${key}.`, fields: [] };
        return detail(r);
      case 'release_lifecycle':
        if (!r) throw { code: 'not_found', message: `No release ${key}.`, fields: [] };
        return lifecycle(r);
      case 'release_conflicts':
        return { conflicts: SCHEDULE[key ?? ''] ?? [], no_slot: null };
      default:
        throw { code: 'internal', message: `no ${command} here`, fields: [] };
    }
  },
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { until, press } = ui;

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('./Presentation.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  calls.length = 0;
  Reflect.deleteProperty(Element.prototype, 'scrollIntoView');
  Reflect.deleteProperty(document.documentElement, 'requestFullscreen');
  Reflect.deleteProperty(document, 'exitFullscreen');
  Reflect.deleteProperty(document, 'fullscreenElement');
});

const rowKeys = () => all('presentation-row').map((r) => r.dataset.key);
const heading = () => byId('presentation-quarter')?.textContent?.trim();

/** The presentation's module, once the fresh app state it reads holds the plan and the catalogue. */
async function loadPresentation() {
  const { app } = await import('../../lib/app.svelte');
  app.state = {
    plan: { path: '/p/demo.runway', file_name: 'demo.runway', name: 'Demo portfolio', releases: 4, schema_version: 3, audit_head: 'x' },
    profile: { name: 'ada', email: '' },
    profile_is_default: false,
    recent: [],
    notice: null,
  };
  app.catalog = {
    applications: [],
    environments: [],
    people: [{ email: 'ada@example.org', name: 'Ada Lovelace', organisation: 'IT' }],
    rfcs: [],
    cis: [],
  };
  return import('./Presentation.svelte');
}

async function start() {
  const onexit = vi.fn();
  await ui.mount(loadPresentation, { onexit });
  await until(() => rowKeys().length > 0, 'the roadmap');
  return onexit;
}

describe('presentation', () => {
  it('opens on the current quarter with the plan name, grouped rows and the today line', async () => {
    await start();
    expect(byId('presentation')).not.toBeNull();
    expect(heading()).toBe('Roadmap — Q1 2027');
    expect(byId('presentation-plan')?.textContent).toBe('Demo portfolio');
    expect(rowKeys()).toEqual(['CRM-1', 'PAY-1']);
    expect(byId('presentation-today')).not.toBeNull();
    expect(byId('presentation-conflicts-quarter')?.textContent).toContain('PAY-1 Deployment → CRM-1 Deployment');
    // Plan text is text.
    expect(document.body.textContent).toContain('CRM upgrade <b>now</b>');
    expect(document.querySelector('[data-testid="presentation"] b')).toBeNull();
  });

  it('steps quarters with the arrows and the page keys', async () => {
    await start();
    press('ArrowRight');
    expect(heading()).toBe('Roadmap — Q2 2027');
    expect(rowKeys()).toEqual(['PAY-2', 'PAY-3']);
    expect(byId('presentation-today')).toBeNull();
    press('ArrowLeft');
    press('PageUp');
    expect(heading()).toBe('Roadmap — Q4 2026');
    expect(rowKeys()).toEqual([]);
    press('PageDown');
    expect(heading()).toBe('Roadmap — Q1 2027');
  });

  it('steps through the releases awaiting a decision, soonest deployment first', async () => {
    const scrolled: string[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push((this as HTMLElement).dataset.key ?? '');
    };
    await start();
    expect(byId('presentation-current')).toBeNull();
    press('ArrowDown');
    await until(() => scrolled.length > 0, 'scrolling');
    expect(scrolled).toEqual(['PAY-1']);
    expect(byId('presentation-current')?.dataset.key).toBe('PAY-1');
    expect(document.querySelector<HTMLElement>('[data-current="true"]')?.dataset.key).toBe('PAY-1');
    press('ArrowDown');
    expect(byId('presentation-current')?.dataset.key).toBe('CRM-1');
    expect(document.querySelectorAll('[data-current="true"]')).toHaveLength(1);
    // The next one is in Q2: the quarter follows.
    press('ArrowDown');
    expect(heading()).toBe('Roadmap — Q2 2027');
    expect(document.querySelector<HTMLElement>('[data-current="true"]')?.dataset.key).toBe('PAY-3');
    press('ArrowDown');
    expect(byId('presentation-current')?.dataset.key).toBe('PAY-3');
    press('ArrowUp');
    expect(heading()).toBe('Roadmap — Q1 2027');
    expect(byId('presentation-current')?.dataset.key).toBe('CRM-1');
  });

  it('opens the card of the highlighted release with its gates, and Esc twice leaves', async () => {
    const onexit = await start();
    press('ArrowDown');
    press('Enter');
    await until(() => !!byId('presentation-gates'), 'the card');
    const card = byId('presentation-card')!;
    expect(card.dataset.key).toBe('PAY-1');
    expect(card.textContent).toContain('Card limits');
    expect(card.textContent).toContain('EMERGENCY');
    expect(card.textContent).toContain('Ada Lovelace');
    expect(card.textContent).toContain('nobody@example.org');
    expect(card.textContent).toContain('2027-02-25 22:00–23:30');
    const gates = byId('presentation-gates')!;
    expect(gates.textContent).toContain('Approve');
    expect(gates.textContent).toContain('At least one RFC is linked');
    expect(gates.textContent).not.toContain('Submitted in time');
    expect(gates.textContent).not.toContain('Cancel release');
    expect(byId('presentation-backout')?.textContent).toBe('Restore the <i>snapshot</i> and replay the queue.');
    const conflicts = byId('presentation-conflicts')!.textContent!;
    expect(conflicts).toContain('Dependency violated: CRM-1');
    expect(conflicts).toContain('Overdue');
    expect(conflicts).toContain('The window is 5 days away.');
    expect(conflicts).toContain('No RFC linked');
    expect(byId('presentation-deps')?.textContent).toContain('CRM-1 Deployment waits for Deployment');

    press('Escape');
    expect(byId('presentation-card')).toBeNull();
    expect(onexit).not.toHaveBeenCalled();
    press('Escape');
    expect(onexit).toHaveBeenCalledTimes(1);
  });

  it('opens the first awaiting release when none is highlighted', async () => {
    await start();
    press('Enter');
    await until(() => !!byId('presentation-card'), 'the card');
    expect(byId('presentation-card')?.dataset.key).toBe('PAY-1');
    expect(byId('presentation-current')?.dataset.key).toBe('PAY-1');
  });

  it('keeps the keys from the app, leaves on F5 and on the exit button', async () => {
    const onexit = await start();
    const appHandler = vi.fn();
    window.addEventListener('keydown', appHandler);
    try {
      const e = press('ArrowRight');
      expect(e.defaultPrevented).toBe(true);
      press('n');
      expect(appHandler).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener('keydown', appHandler);
    }
    press('F5');
    expect(onexit).toHaveBeenCalledTimes(1);
    byId('presentation-exit')!.click();
    expect(onexit).toHaveBeenCalledTimes(2);
  });

  it('asks for full screen on mount, takes a refusal, and leaves full screen on exit', async () => {
    const request = vi.fn(() => Promise.reject(new Error('refused')));
    const leave = vi.fn(() => Promise.resolve());
    Object.defineProperty(document.documentElement, 'requestFullscreen', { value: request, configurable: true });
    Object.defineProperty(document, 'exitFullscreen', { value: leave, configurable: true });
    Object.defineProperty(document, 'fullscreenElement', { value: document.documentElement, configurable: true });
    const onexit = await start();
    expect(request).toHaveBeenCalledTimes(1);
    press('Escape');
    expect(onexit).toHaveBeenCalledTimes(1);
    expect(leave).toHaveBeenCalled();
  });

  it('marks the rows with schedule conflicts, and lists them on the card, blocking ones first', async () => {
    await start();
    const badge = byId('presentation-row-conflicts')!;
    expect(badge.closest<HTMLElement>('[data-testid="presentation-row"]')?.dataset.key).toBe('CRM-1');
    expect(badge.textContent).toBe('✗ 2 SCHEDULE');
    expect(badge.dataset.blocking).toBe('1');
    expect(badge.title).toBe('2 schedule conflicts, 1 blocking');
    expect(all('presentation-row-conflicts')).toHaveLength(1);

    (document.querySelector('[data-testid="presentation-row"][data-key="CRM-1"]') as HTMLElement).click();
    await until(() => all('presentation-schedule-conflict').length === 2, 'the schedule conflicts on the card');
    const items = all('presentation-schedule-conflict');
    expect(items.map((i) => [i.dataset.kind, i.dataset.severity])).toEqual([
      ['freeze', 'blocking'],
      ['maintenance', 'warning'],
    ]);
    expect(items[0]!.textContent).toContain('Change in a freeze (blocks the deploy gates)');
    expect(items[0]!.textContent).toContain('Wed 10 Mar 2027, 22:00–23:30');
    expect(items[0]!.textContent).toContain('CRM-1 deploys during the freeze “Quarter close”.');
    expect(items[1]!.textContent).toContain('Deployment in a maintenance window');
    // The gate counts them rather than repeating them.
    expect(document.querySelector('[data-testid="presentation-gates"] li[data-code="conflicts"]')?.textContent).toBe(
      '✗ No blocking conflict in the forward schedule — 1 blocking, see Conflicts',
    );
    expect(calls).toContain('release_conflicts');
  });
});
