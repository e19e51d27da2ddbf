// @vitest-environment jsdom
// Settings → Release templates against the in-memory FakeCore: a kind's template (the default
// at first) edited with a custom phase and a dependency on it, saved through the core as the
// plan's own, refused with the problem named, and reset to the default.

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

function set(el: HTMLInputElement | HTMLSelectElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

async function showTemplates() {
  core = new FakeCore(2);
  await ui.mountApp();
  byId('nav-settings')!.click();
  await until(() => $$('[data-testid="template-phase"]').length > 0, 'the release templates');
}

const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const called = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.args);
const rows = (id: string) => $$(`[data-testid="${id}"]`);

describe('release templates', () => {
  it('adds a custom phase and a dependency on it, saves the template as the plan’s own and resets it', async () => {
    await showTemplates();
    expect(text('template-origin')).toBe('The default template');
    const before = rows('template-phase').length;
    byId('template-add-phase')!.click();
    flushSync();
    const last = rows('template-phase').at(-1)!;
    const [name, from, to] = [...last.querySelectorAll('input')];
    set(name!, 'SIT');
    set(from!, '-12');
    set(to!, '-9');
    byId('template-add-link')!.click();
    flushSync();
    const [succ, pred, type] = [...rows('template-link').at(-1)!.querySelectorAll('select')];
    set(succ!, 'SIT');
    set(pred!, 'Build');
    set(type!, 'ss');
    byId('template-save')!.click();
    await until(() => text('template-origin') === 'This plan’s own template', 'the saved template');
    const sent = called('set_release_template').at(-1)!.template as { kind: string; phases: { phase: string }[]; links: { from: string; to: string; kind: string }[] };
    expect(sent.kind).toBe('minor');
    expect(sent.phases.at(-1)).toEqual({ phase: 'SIT', start: -12, end: -9 });
    expect(sent.links.at(-1)).toEqual({ from: 'Build', to: 'SIT', kind: 'ss', lag_days: 0 });
    expect(rows('template-phase')).toHaveLength(before + 1);
    expect(byId('template-kind-minor')!.textContent).toContain('•');

    byId('template-reset')!.click();
    await until(() => text('template-origin') === 'The default template', 'the reset');
    expect(called('reset_release_template').at(-1)).toEqual({ kind: 'minor' });
    expect(rows('template-phase')).toHaveLength(before);
  });

  it('shows the core’s refusal and keeps the edit', async () => {
    await showTemplates();
    const [, from, to] = [...rows('template-phase')[0]!.querySelectorAll('input')];
    set(from!, '5');
    set(to!, '1');
    byId('template-save')!.click();
    await until(() => !!byId('template-error'), 'the refusal');
    expect(text('template-error')).toContain('before it starts');
    expect(text('template-origin')).toBe('The default template');
    expect(rows('template-phase')[0]!.querySelectorAll('input')[1]!.value).toBe('5');
  });
});
