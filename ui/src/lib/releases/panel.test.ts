// A release-detail panel's edits: busy while one runs, the core's refusal in words when it fails.

import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../ipc/bindings';
import { PanelAction } from './panel.svelte';

const refusal = (message: string, fields: string[] = []): ErrorInfo => ({
  code: 'validation',
  message,
  fields: fields.map((m, i) => ({ field: `f${i}`, message: m })),
});

describe('PanelAction', () => {
  it('is busy until the refresh is done, and hands it the result', async () => {
    const seen: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const panel = new PanelAction<string>(async (result) => {
      seen.push(result);
      await gate;
    });
    panel.error = 'an old error';
    const done = panel.run(async () => 'REL-1');
    expect(panel.busy).toBe(true);
    expect(panel.error).toBeNull();
    await Promise.resolve();
    release();
    expect(await done).toBe(true);
    expect(seen).toEqual(['REL-1']);
    expect(panel.busy).toBe(false);
    expect(panel.error).toBeNull();
  });

  it('shows the refusal and skips the refresh when the action fails', async () => {
    let refreshed = false;
    const panel = new PanelAction<string>(async () => {
      refreshed = true;
    });
    const ok = await panel.run(() => Promise.reject(refusal('Invalid input.', ['Version is empty.'])));
    expect(ok).toBe(false);
    expect(refreshed).toBe(false);
    expect(panel.busy).toBe(false);
    expect(panel.error).toBe('Version is empty.');
  });

  it('shows the refusal when the refresh fails', async () => {
    const panel = new PanelAction<string>(() => Promise.reject(refusal('The plan is gone.')));
    expect(await panel.run(async () => 'REL-1')).toBe(false);
    expect(panel.error).toBe('The plan is gone.');
  });
});
