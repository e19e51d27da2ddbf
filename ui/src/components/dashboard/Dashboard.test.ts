// @vitest-environment jsdom
// The dashboard's "Schedule conflicts" card against the in-memory FakeCore: the forward
// schedule's conflicts counted by severity and kind, the next blocking ones with their releases,
// a release opened from its key, and the calm words when there is none.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Conflict } from '../../lib/ipc/bindings';
import { all, byId } from '../../test/dom';
import { deployment } from '../../test/fakeCalendar';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { until } = ui;

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  delete document.body.dataset.ready;
});

function conflict(kind: Conflict['kind'], severity: Conflict['severity'], releases: string[], day: string): Conflict {
  return {
    id: `${kind}|${releases.join('|')}|${day}`,
    kind,
    severity,
    parties: releases.map((name) => ({ kind: 'release' as const, name, booking: null })),
    releases,
    start: `${day}T22:00:00`,
    end: `${day}T23:00:00`,
    environment: kind === 'environment_capacity' ? 'Test' : null,
    ci: kind === 'same_ci' ? 'pay-api' : null,
    message: `${releases.join(' and ')} clash on ${day}.`,
  };
}

async function showDashboard(setup: (c: FakeCore) => void) {
  core = new FakeCore(6);
  setup(core);
  await ui.mountApp();
  byId('nav-dashboard')!.click();
  await until(() => !!byId('dash-conflicts'), 'the conflicts card');
}

describe('the dashboard’s schedule conflicts', () => {
  it('counts them by severity and kind, lists the next blocking ones, and opens a release from its key', async () => {
    await showDashboard((c) => {
      c.calendar.deployments = [deployment('REL-00001', '2027-02-10T22:00:00', '2027-02-10T23:30:00')];
      c.calendar.windows = [
        {
          name: 'Year-end freeze',
          kind: 'freeze',
          reason: '',
          scope: { applications: [], environments: [], cis: [] },
          start: '2027-02-08T00:00:00',
          end: '2027-02-13T00:00:00',
          all_day: true,
          recurrence: null,
          exceptions: [],
        },
      ];
      c.calendar.conflicts = [
        conflict('same_ci', 'warning', ['REL-00002', 'REL-00003'], '2027-02-11'),
        conflict('environment_capacity', 'blocking', ['REL-00003', 'REL-00004'], '2027-02-12'),
        conflict('same_ci', 'blocking', ['REL-00004', 'REL-00005'], '2027-02-14'),
      ];
    });
    const card = byId('dash-conflicts')!;
    expect(card.querySelector('h2')?.textContent).toContain('4');
    expect(byId('dash-conflicts-blocking')?.textContent).toContain('3');
    expect(byId('dash-conflicts-blocking')?.textContent).toContain('4 releases held at their gates');
    expect(byId('dash-conflicts-warning')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('1 warning');
    expect(all('dash-conflict-kind').map((k) => [k.dataset.kind, k.dataset.count])).toEqual([
      ['same_ci', '2'],
      ['environment_capacity', '1'],
      ['freeze', '1'],
    ]);
    expect(all('dash-conflict-kind')[0]!.textContent).toContain('1 blocking');

    const next = all('dash-conflict');
    expect(next.map((n) => n.dataset.kind)).toEqual(['freeze', 'environment_capacity', 'same_ci']);
    expect(next[0]!.textContent).toContain('Wed 10 Feb 2027');
    expect(next[0]!.textContent).toContain('Change in a freeze');
    expect([...next[1]!.querySelectorAll<HTMLElement>('button[data-key]')].map((b) => b.dataset.key)).toEqual(['REL-00003', 'REL-00004']);

    next[1]!.querySelector<HTMLButtonElement>('button[data-key="REL-00004"]')!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00004', 'the release opened');
  });

  it('shows all the blocking ones on demand, and says so when there is none', async () => {
    await showDashboard((c) => {
      c.calendar.conflicts = Array.from({ length: 7 }, (_, i) => conflict('blackout', 'blocking', [`REL-0000${i % 6}`], `2027-03-0${i + 1}`));
    });
    expect(all('dash-conflict')).toHaveLength(5);
    const more = [...byId('dash-conflicts')!.querySelectorAll('button')].find((b) => b.textContent?.includes('Show all 7 blocking'))!;
    more.click();
    ui.flushSync();
    expect(all('dash-conflict')).toHaveLength(7);
    ui.unmount();
    delete document.body.dataset.ready;

    await showDashboard(() => {});
    expect(byId('dash-conflicts')?.textContent).toContain('No conflict in the forward schedule from today on');
    expect(all('dash-conflict')).toHaveLength(0);
  });
});
