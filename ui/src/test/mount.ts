// Mounting a component in jsdom for the component tests, and waiting for it to settle. Each mount
// gets fresh modules (the app state is a module singleton), Svelte's runtime included: a flush
// must go through the runtime the component was mounted with, so it is imported here after the
// reset rather than once at the top.

import { vi } from 'vitest';
import type { Component, MountOptions } from 'svelte';

type Svelte = typeof import('svelte');

/** One per test file: it holds the runtime and the component of the test that runs, for its helpers. */
export function mounter() {
  let current: Svelte | null = null;
  let instance: Record<string, unknown> | null = null;

  const runtime = () => {
    if (!current) throw new Error('nothing has been mounted yet');
    return current;
  };

  const flushSync = () => runtime().flushSync();

  /** Polls until `ok` holds, flushing Svelte's updates before each look; gives up after 200 looks 5 ms apart. */
  async function until(ok: () => boolean, what = 'condition') {
    for (let i = 0; i < 200; i++) {
      flushSync();
      if (ok()) return;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** A key pressed (on the body unless told), its updates flushed; returns the event to ask if it was handled. */
  function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) {
    const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(e);
    flushSync();
    return e;
  }

  /**
   * Resets the modules, then mounts what `load` imports in a new element of the body. `load` runs
   * after the reset, so it may set up the fresh modules' state before it imports the component.
   */
  async function mount<Props extends Record<string, unknown>>(load: () => Promise<{ default: Component<Props> }>, props?: Props) {
    vi.resetModules();
    current = await import('svelte');
    const { default: component } = await load();
    const target = document.createElement('div');
    document.body.appendChild(target);
    instance = current.mount(component, { target, props } as MountOptions<Props>);
  }

  /** The whole app, mounted and ready (the flag the end-to-end tests wait for too). */
  async function mountApp() {
    await mount(() => import('../App.svelte'));
    await until(() => document.body.dataset.ready === 'true', 'the app');
  }

  /** Unmounts what `mount` mounted and empties the body, for the next test. */
  function unmount() {
    if (instance) void runtime().unmount(instance);
    instance = null;
    document.body.innerHTML = '';
  }

  return {
    /** The Svelte runtime of the last mount, for a test that mounts a second component with it. */
    get svelte() {
      return runtime();
    },
    flushSync,
    until,
    press,
    mount,
    mountApp,
    unmount,
  };
}
