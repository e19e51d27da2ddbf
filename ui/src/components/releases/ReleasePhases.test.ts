// @vitest-environment jsdom
// The release page's "Phases and milestones" against the in-memory FakeCore: a custom phase
// ("Dress rehearsal") added through the form is sent as set_phase and listed by its name in date
// order; a built-in kind typed as its label is the built-in one; the core's refusals show in the
// panel; removing a phase a dependency uses is refused there too.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { $, $$, byId } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { until, flushSync } = ui;

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  delete document.body.dataset.ready;
});

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const calls = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.args);

function type(id: string, value: string) {
  const el = byId<HTMLInputElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

async function openRelease(key = 'REL-00001', given?: FakeCore) {
  core = given ?? new FakeCore(3);
  await ui.mountApp();
  await until(() => !!$(`[data-testid="release-row"][data-key="${key}"]`), `the row of ${key}`);
  $<HTMLElement>(`[data-testid="release-row"][data-key="${key}"]`)!.click();
  await until(() => !!byId('release-phases'), 'the phases');
}

const phases = () => $$('[data-testid="phase"]').map((r) => r.querySelector('td')?.textContent?.trim());

describe('the release page’s phases', () => {
  it('adds a custom phase by name and lists it among the built-in ones by date', async () => {
    await openRelease();
    const before = phases().length;
    byId('phase-new')!.click();
    flushSync();
    type('phase-name', '  Dress rehearsal ');
    type('phase-start', '2027-03-01');
    type('phase-end', '2027-03-01');
    byId<HTMLFormElement>('phase-form')!.requestSubmit();
    await until(() => phases().length === before + 1, 'the new phase');
    expect(calls('set_phase').at(-1)).toEqual({
      key: 'REL-00001',
      phase: { name: '  Dress rehearsal ', planned_start: '2027-03-01', planned_end: '2027-03-01', actual_start: null, actual_end: null },
    });
    const row = $('[data-testid="phase"][data-kind="Dress rehearsal"]');
    expect(row?.dataset.origin).toBe('custom');
    expect([...row!.querySelectorAll('td')].slice(0, 3).map(text)).toEqual(['Dress rehearsal◆', '2027-03-01', '—']);
    const starts = $$('[data-testid="phase"] td:nth-child(2)').map((c) => c.textContent ?? '');
    expect(starts).toEqual([...starts].sort());
    expect(byId('phase-form')).toBeNull();
  });

  it('shows the core’s refusal in the panel and keeps the form', async () => {
    await openRelease();
    byId('phase-new')!.click();
    flushSync();
    type('phase-name', 'UAT');
    type('phase-start', '2027-03-05');
    type('phase-end', '2027-03-01');
    byId<HTMLFormElement>('phase-form')!.requestSubmit();
    await until(() => !!byId('phase-error'), 'the refusal');
    expect(text(byId('phase-error'))).toContain('before it starts');
    expect(byId('phase-form')).not.toBeNull();
  });

  it('refuses to remove a phase a dependency uses, saying so', async () => {
    core = new FakeCore(3);
    core.releases.get('REL-00001')!.milestones = [{ kind: 'SIT', planned_start: '2027-02-01', planned_end: '2027-02-05', actual_start: null, actual_end: null }];
    await openRelease(undefined, core);
    const kind = 'SIT';
    core.deps.push({ from: { release: 'REL-00002', milestone: null }, to: { release: 'REL-00001', milestone: kind }, kind: 'fs', lag_days: 0 });
    $<HTMLButtonElement>(`[data-testid="phase"][data-kind="${kind}"] [data-testid="phase-remove"]`)!.click();
    await until(() => !!byId('phase-error'), 'the refusal');
    expect(text(byId('phase-error'))).toContain('used by a dependency');
    expect($(`[data-testid="phase"][data-kind="${kind}"]`)).not.toBeNull();
  });
});
