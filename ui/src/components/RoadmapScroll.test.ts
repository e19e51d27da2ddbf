// @vitest-environment jsdom
// Scrolling the roadmap against the in-memory FakeCore: rows reuse their elements as the chart
// scrolls (slots), and a focused bar whose release scrolls away gives up the focus rather than
// follow its elements to another release.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeCore } from '../test/fakeCore';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

let svelte: typeof import('svelte');
let instance: Record<string, unknown> | null = null;
const flushSync = () => svelte.flushSync();

async function until(ok: () => boolean, what = 'condition') {
  for (let i = 0; i < 200; i++) {
    flushSync();
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const byId = <T extends Element = HTMLElement>(id: string) => $<T>(`[data-testid="${id}"]`);
const all = (id: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  flushSync();
}

async function start(releases: number, setup: (c: FakeCore) => void) {
  core = new FakeCore(releases);
  setup(core);
  vi.resetModules();
  svelte = await import('svelte');
  const { default: App } = await import('../App.svelte');
  const target = document.createElement('div');
  document.body.appendChild(target);
  instance = svelte.mount(App, { target });
  await until(() => document.body.dataset.ready === 'true', 'ready');
}

async function openRoadmap(releases: number, setup: (c: FakeCore) => void) {
  await start(releases, setup);
  press('3', { ctrlKey: true });
  await until(() => all('roadmap-bar').length > 0, 'roadmap bars');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../App.svelte');
}, 60_000);

afterEach(() => {
  if (instance) void svelte.unmount(instance);
  instance = null;
  document.body.innerHTML = '';
  delete document.body.dataset.ready;
});

describe('scrolling the roadmap', () => {
  it('reuses the rows’ elements for the releases coming into view, and drops the focus of one that left', async () => {
    await openRoadmap(200, () => {});
    const scroller = byId('roadmap-scroller')!;
    const before = all('roadmap-row');
    const keysBefore = before.map((r) => r.dataset.key);
    expect(before.length).toBeGreaterThan(5);
    const focused = before[0]!.querySelector<HTMLElement>('[data-testid="roadmap-bar"]')!;
    focused.focus();
    expect(document.activeElement).toBe(focused);

    scroller.scrollTop += 60 * 32;
    scroller.dispatchEvent(new Event('scroll'));
    await until(() => all('roadmap-row').some((r) => !keysBefore.includes(r.dataset.key)), 'other releases drawn');

    const after = all('roadmap-row');
    // The same elements, now showing other releases (but where a slot went from an application's
    // header to a release, or back).
    const reused = after.filter((r) => before.includes(r)).length;
    expect(reused).toBeGreaterThanOrEqual(before.length - 4);
    expect(after.map((r) => r.dataset.key)).not.toEqual(keysBefore);
    // Each row sits on its own line: no two rows at the same height.
    const tops = after.map((r) => r.style.top);
    expect(new Set(tops).size).toBe(tops.length);
    // The bar that had the focus now belongs to a row of another release: it gave the focus up.
    expect(document.activeElement).not.toBe(focused);
  });
});
