// @vitest-environment jsdom
// Settings for the forward schedule against the in-memory FakeCore: the plan's time zone picked
// from a searchable list of IANA names, the policy's calendar rules (daily caps, the kinds of
// conflict that block, green zones) and the environments' capacity and what books them, each
// saved through the core with its refusals shown at their fields.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { $$, byId } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { flushSync, until } = ui;

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  delete document.body.dataset.ready;
});

function set(id: string, value: string) {
  const el = byId<HTMLInputElement | HTMLSelectElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

async function showSettings(setup: (c: FakeCore) => void = () => {}) {
  core = new FakeCore(2);
  setup(core);
  await ui.mountApp();
  byId('nav-settings')!.click();
  await until(() => !!byId('policy-form') && !!byId('tz-current'), 'the settings');
}

const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const called = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.args);

describe('the plan’s time zone', () => {
  it('narrows the IANA names as typed, saves the one chosen, and shows a refusal at the field', async () => {
    await showSettings();
    expect(text('tz-current')).toBe('Europe/London');
    const options = () => $$<HTMLOptionElement>('[data-testid="tz-select"] option').map((o) => o.value);
    expect(options().length).toBeGreaterThan(100);
    expect(byId<HTMLButtonElement>('tz-save')!.disabled).toBe(true);

    set('tz-search', 'new york');
    expect(options()).toContain('America/New_York');
    // The current zone stays in the list, first.
    expect(options()[0]).toBe('Europe/London');
    expect(options().every((z) => z === 'Europe/London' || z.toLowerCase().includes('new_york'))).toBe(true);
    set('tz-select', 'America/New_York');
    expect(byId('tz-save')!.textContent).toContain('Use America/New_York');
    byId('tz-save')!.click();
    await until(() => text('tz-current') === 'America/New_York', 'the zone saved');
    expect(called('set_time_zone')).toEqual([{ zone: 'America/New_York' }]);
    expect(core.calendar.zone).toBe('America/New_York');
    expect(byId('notice')?.textContent).toContain("The plan's time zone is now America/New_York. Ctrl+Z undoes it.");

    core.setTimeZone = () => {
      throw { code: 'validation', message: 'time_zone: no', fields: [{ field: 'time_zone', message: '"Asia/Tokyo" is not known to this plan.' }] };
    };
    set('tz-search', 'tokyo');
    set('tz-select', 'Asia/Tokyo');
    byId('tz-save')!.click();
    await until(() => !!byId('tz-error'), 'the refusal');
    expect(text('tz-error')).toBe('"Asia/Tokyo" is not known to this plan.');
    expect(byId('tz-select')!.getAttribute('aria-invalid')).toBe('true');
    expect(text('tz-current')).toBe('America/New_York');
  });
});

describe('the policy’s calendar rules', () => {
  it('shows the rules, refuses a cap the core refuses at its field, then saves the new rules', async () => {
    await showSettings();
    expect(byId<HTMLInputElement>('policy-daily-cap')!.value).toBe('4');
    expect(byId<HTMLInputElement>('policy-daily-cap-env')!.value).toBe('2');
    expect(byId<HTMLInputElement>('policy-block-freeze')!.checked).toBe(true);
    expect(byId<HTMLInputElement>('policy-block-maintenance')!.checked).toBe(false);
    expect(byId<HTMLInputElement>('policy-green-zone')!.checked).toBe(true);

    set('policy-daily-cap', '0');
    byId('policy-save')!.click();
    await until(() => !!byId('policy-error-calendar.daily_cap'), 'the cap refused');
    expect(text('policy-error-calendar.daily_cap')).toBe('A daily cap is between 1 and 999 deployments (or none).');
    expect(byId('policy-daily-cap')!.getAttribute('aria-invalid')).toBe('true');
    expect(core.policy.calendar.daily_cap).toBe(4);

    set('policy-daily-cap', '2.5');
    byId('policy-save')!.click();
    await until(() => text('policy-error-calendar.daily_cap').startsWith('Enter a whole number'), 'the form’s own check');

    set('policy-daily-cap', '');
    byId<HTMLInputElement>('policy-block-freeze')!.click();
    byId<HTMLInputElement>('policy-block-daily_cap')!.click();
    byId<HTMLInputElement>('policy-green-zone')!.click();
    flushSync();
    byId('policy-save')!.click();
    await until(() => byId('notice')?.textContent?.includes('Policy saved.') ?? false, 'the policy saved');
    expect(core.policy.calendar).toEqual({
      daily_cap: null,
      daily_cap_per_environment: 2,
      blocking: ['environment_capacity', 'same_ci', 'blackout', 'outside_green_zone', 'daily_cap'],
      production_needs_green_zone: false,
    });
    expect(byId('policy-error-calendar.daily_cap')).toBeNull();
  });
});

describe('the environments', () => {
  it('saves a capacity and what books an environment, and shows refusals on its row', async () => {
    await showSettings();
    expect(byId<HTMLInputElement>('env-capacity-Test')!.value).toBe('1');
    expect(byId<HTMLSelectElement>('env-booked-by-Test')!.value).toBe('');
    // Nothing changed, nothing to save.
    expect(byId('env-save-Test')).toBeNull();

    set('env-capacity-Test', '3');
    set('env-booked-by-Test', 'deployment');
    byId('env-save-Test')!.click();
    await until(() => byId('notice')?.textContent?.includes('Saved the environment Test. Ctrl+Z undoes it.') ?? false, 'saved');
    expect(called('set_environment')).toEqual([{ environment: { name: 'Test', production: false, capacity: 3, booked_by: 'deployment' } }]);
    expect(core.catalog.environments.find((e) => e.name === 'Test')).toMatchObject({ capacity: 3, booked_by: 'deployment' });
    // The row shows the catalogue's values again, nothing left to save.
    await until(() => byId('env-save-Test') === null, 'the catalogue reloaded');
    expect(byId<HTMLInputElement>('env-capacity-Test')!.value).toBe('3');

    set('env-capacity-Prod', '120');
    byId('env-save-Prod')!.click();
    await until(() => !!byId('env-error-Prod-capacity'), 'the refusal');
    expect(text('env-error-Prod-capacity')).toBe('A capacity is 1 to 99 bookings at once, not 120.');
    expect(byId('env-capacity-Prod')!.getAttribute('aria-invalid')).toBe('true');

    set('env-capacity-Prod', '1.5');
    byId('env-save-Prod')!.click();
    flushSync();
    expect(text('env-error-Prod-capacity')).toBe('Enter a whole number of bookings at once (1 to 99).');
    expect(called('set_environment')).toHaveLength(2);
  });
});
