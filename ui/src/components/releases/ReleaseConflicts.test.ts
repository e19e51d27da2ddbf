// @vitest-environment jsdom
// The release page's "Schedule conflicts" against the in-memory FakeCore: a freeze over the
// release's deployment listed with its severity and kind, "Next free slot" proposing windows past
// the freeze and moving the deployment to the chosen one (the conflict gone), Ctrl+Z bringing the
// old window and the conflict back; no slot for a release already deploying or closed; the other
// releases of a conflict a click away; the gates' `conflicts` condition one line per conflict.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChangeWindow, Conflict, ReleaseLifecycle } from '../../lib/ipc/bindings';
import { $, all, byId } from '../../test/dom';
import { deployment } from '../../test/fakeCalendar';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { until, press } = ui;

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  delete document.body.dataset.ready;
});

const FREEZE: ChangeWindow = {
  name: 'Year-end freeze',
  kind: 'freeze',
  reason: 'The books close',
  scope: { applications: [], environments: [], cis: [] },
  start: '2027-02-08T00:00:00',
  end: '2027-02-13T00:00:00',
  all_day: true,
  recurrence: null,
  exceptions: [],
};

/** REL-00001 approved, deploying on 10 Feb 2027 22:00–23:30, inside the freeze of 8–12 Feb. */
function frozen(c: FakeCore) {
  const r = c.releases.get('REL-00001')!;
  r.status = 'approved';
  r.window = { start: '2027-02-10T22:00:00', end: '2027-02-10T23:30:00' };
  c.calendar.deployments = [deployment('REL-00001', r.window.start, r.window.end)];
  c.calendar.windows = [FREEZE];
}

async function openRelease(count: number, setup: (c: FakeCore) => void, key = 'REL-00001') {
  core = new FakeCore(count);
  setup(core);
  await ui.mountApp();
  await until(() => !!$(`[data-testid="release-row"][data-key="${key}"]`), `the row of ${key}`);
  $<HTMLElement>(`[data-testid="release-row"][data-key="${key}"]`)!.click();
  await until(() => byId('release-detail')?.dataset.key === key, `the pane of ${key}`);
  await until(() => byId('release-conflicts')?.dataset.count !== '', 'the conflicts loaded');
}

const conflicts = () => all('release-conflict');
const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the release page’s schedule conflicts', () => {
  it('lists the freeze, moves the deployment to the next free slot, and Ctrl+Z brings the window and the conflict back', async () => {
    await openRelease(3, frozen);
    expect(conflicts()).toHaveLength(1);
    const c = conflicts()[0]!;
    expect([c.dataset.kind, c.dataset.severity]).toEqual(['freeze', 'blocking']);
    expect(c.textContent).toContain('Blocking');
    expect(c.textContent).toContain('Change in a freeze');
    expect(c.textContent).toContain('Wed 10 Feb 2027, 22:00–23:30');
    expect(c.textContent).toContain('REL-00001 deploys during the freeze “Year-end freeze”.');
    expect(byId('release-conflicts')?.dataset.blocking).toBe('1');

    byId('next-slot')!.click();
    await until(() => all('slot').length > 0, 'the slots');
    expect(core.calls.find((x) => x.command === 'release_slots')?.args).toEqual({ key: 'REL-00001', count: 5 });
    const slots = all('slot');
    expect(slots).toHaveLength(5);
    // The freeze ends at midnight on the 13th: the first slot is that evening, 3 days later.
    expect(slots[0]!.dataset.start).toBe('2027-02-13T22:00:00');
    expect(slots[0]!.textContent).toContain('Sat 13 Feb 2027, 22:00–23:30');
    expect(slots[0]!.textContent).toContain('+3 days');
    expect(slots[0]!.textContent).toContain('same time, 3 days later');

    slots[0]!.querySelector<HTMLButtonElement>('[data-testid="slot-apply"]')!.click();
    await until(() => !!byId('release-conflicts-none'), 'the conflict gone');
    expect(core.calls.find((x) => x.command === 'apply_slot')?.args).toEqual({ key: 'REL-00001', start: '2027-02-13T22:00:00' });
    expect(byId('notice')?.textContent).toContain('Moved the deployment of REL-00001 to Sat 13 Feb 2027, 22:00–23:30 (+3 days). Ctrl+Z undoes it.');
    expect(all('slot')).toHaveLength(0);
    await until(() => !!byId('release-detail')?.textContent?.includes('2027-02-13 22:00–23:30'), 'the new window in the facts');

    press('z', { ctrlKey: true });
    await until(() => conflicts().length === 1, 'the conflict back after undo');
    expect(conflicts()[0]!.dataset.kind).toBe('freeze');
    await until(() => !!byId('release-detail')?.textContent?.includes('2027-02-10 22:00–23:30'), 'the old window back');
    expect(byId('notice')?.textContent).toContain('Undid rescheduling REL-00001.');
  });

  it('offers no slot to a release already deploying or closed, and says why', async () => {
    await openRelease(3, (c) => {
      frozen(c);
      c.releases.get('REL-00001')!.status = 'deploying';
      c.releases.get('REL-00002')!.status = 'closed';
    });
    expect(byId<HTMLButtonElement>('next-slot')!.disabled).toBe(true);
    expect(text('next-slot-unavailable')).toBe('The release is deploying: its deployment window can no longer move.');
    // Its conflict is still shown: it happened.
    expect(conflicts()).toHaveLength(1);

    $<HTMLElement>('[data-testid="release-row"][data-key="REL-00002"]')!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00002', 'the closed release');
    await until(() => !!byId('release-conflicts-none'), 'its conflicts loaded');
    expect(byId<HTMLButtonElement>('next-slot')!.disabled).toBe(true);
    expect(text('next-slot-unavailable')).toBe('The release is closed: nothing of it is planned any more.');
  });

  it('shows the core’s refusal to propose slots, and an empty proposal in words', async () => {
    await openRelease(3, frozen);
    const slotsOf = core.slotsOf.bind(core);
    core.slotsOf = () => {
      throw { code: 'conflict', message: 'REL-00001 has no deployment window to move.', fields: [] };
    };
    byId('next-slot')!.click();
    await until(() => !!byId('slot-error'), 'the refusal');
    expect(text('slot-error')).toBe('REL-00001 has no deployment window to move.');

    core.slotsOf = () => [];
    byId('next-slot')!.click();
    await until(() => !!byId('slots-none'), 'no slot');
    expect(byId('slot-error')).toBeNull();
    byId('slots-close')!.click();
    ui.flushSync();
    expect(byId('slots')).toBeNull();
    core.slotsOf = slotsOf;
  });

  it('puts blocking conflicts first and opens the other release of one', async () => {
    const sameCi: Conflict = {
      id: 'same_ci|REL-00001|REL-00002',
      kind: 'same_ci',
      severity: 'warning',
      parties: [
        { kind: 'release', name: 'REL-00001', booking: null },
        { kind: 'release', name: 'REL-00002', booking: null },
      ],
      releases: ['REL-00001', 'REL-00002'],
      start: '2027-02-01T22:00:00',
      end: '2027-02-01T23:00:00',
      environment: null,
      ci: 'pay-api',
      message: 'REL-00001 and REL-00002 both change pay-api on Mon 1 Feb 2027.',
    };
    await openRelease(3, (c) => {
      frozen(c);
      c.calendar.conflicts = [sameCi];
    });
    expect(conflicts().map((c) => c.dataset.kind)).toEqual(['freeze', 'same_ci']);
    expect(conflicts()[1]!.textContent).toContain('Warning');
    expect(byId('release-conflicts')?.querySelector('h3')?.textContent).toContain('2');
    const other = conflicts()[1]!.querySelector<HTMLButtonElement>('button')!;
    expect(other.textContent).toBe('REL-00002');
    other.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00002', 'the other release');
    await until(() => conflicts().length === 1, 'its own conflicts');
    expect(conflicts()[0]!.dataset.kind).toBe('same_ci');
  });

  it('words the gates’ conflicts condition one conflict per line', async () => {
    await openRelease(3, (c) => {
      frozen(c);
      const base = c.lifecycle.bind(c);
      c.lifecycle = (key: string): ReleaseLifecycle => {
        const l = base(key);
        l.assessment.steps.unshift({
          to: 'deploying',
          label: 'Start deployment',
          gate: 'deploy',
          conditions: [
            {
              code: 'conflicts',
              label: 'No blocking conflict in the forward schedule',
              met: false,
              detail:
                'Change in a freeze: REL-00001 deploys during the freeze “Year-end; final”.; Environment over capacity: Prod holds 2 bookings on Wed 10 Feb 2027; its capacity is 1.',
            },
          ],
          allowed: false,
          overridable: true,
          needs_reason: false,
        });
        return l;
      };
    });
    await until(() => !!byId('blocked-deploying'), 'the blocked step');
    const cond = $('[data-testid="blocked-deploying"] li[data-code="conflicts"]')!;
    expect(cond.textContent).toContain('No blocking conflict in the forward schedule');
    expect([...cond.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual([
      'Change in a freeze: REL-00001 deploys during the freeze “Year-end; final”.',
      'Environment over capacity: Prod holds 2 bookings on Wed 10 Feb 2027; its capacity is 1.',
    ]);
  });
});
