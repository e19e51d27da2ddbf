// The what-if of a preview that keeps changing (a drag scrolling the chart): the core is asked a
// moment after the last change, and also every so often while the changes do not stop, and an
// answer for an earlier position shows until the newest one comes.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change, WhatIf } from '../ipc/bindings';

const asked: Change[] = [];
const pending: { change: Change; resolve: (w: WhatIf) => void }[] = [];

vi.mock('../ipc/client', () => ({
  whatIf: (change: Change) => {
    asked.push(change);
    return new Promise<WhatIf>((resolve) => pending.push({ change, resolve }));
  },
}));
vi.mock('../app.svelte', () => ({ app: {} }));

const { WhatIfSession } = await import('./whatif.svelte');
const { nudge, startPreview } = await import('./drag');

const bar = { kind: 'test' as const, start: '2027-03-01', end: '2027-03-10' };
const answer = (days: number) => ({ moved: [], must_move: [], newly_violated: [], diagnostics: [], days }) as unknown as WhatIf;

beforeEach(() => {
  vi.useFakeTimers();
  asked.length = 0;
  pending.length = 0;
});

afterEach(() => vi.useRealTimers());

describe('the what-if of a drag', () => {
  it('asks once after a burst of changes', async () => {
    const w = new WhatIfSession();
    const base = startPreview('REL-1', bar);
    for (let d = 1; d <= 5; d++) {
      w.set(nudge(base, 'move', d));
      await vi.advanceTimersByTimeAsync(16);
    }
    expect(asked).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ start: '2027-03-06' });
    w.destroy();
  });

  it('keeps asking while the preview changes every frame, and shows the latest answer it has', async () => {
    const w = new WhatIfSession();
    const base = startPreview('REL-1', bar);
    for (let d = 1; d <= 90; d++) {
      w.set(nudge(base, 'move', d));
      await vi.advanceTimersByTimeAsync(16);
    }
    // 1.4 s of changes: asked a few times, not every frame.
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(asked.length).toBeLessThanOrEqual(5);
    // The answer for an earlier position shows while the preview has moved on...
    pending[1]!.resolve(answer(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(w.outcome).toMatchObject({ days: 2 });
    expect(w.checking).toBe(true);
    // ...and an answer for a still earlier one, arriving after it, does not replace it.
    pending[0]!.resolve(answer(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(w.outcome).toMatchObject({ days: 2 });
    // The drag stops: the last position is asked about, and its answer ends the check.
    await vi.advanceTimersByTimeAsync(200);
    const last = pending[pending.length - 1]!;
    expect(last.change).toMatchObject({ start: '2027-05-30' });
    last.resolve(answer(90));
    await vi.advanceTimersByTimeAsync(0);
    expect(w.outcome).toMatchObject({ days: 90 });
    expect(w.checking).toBe(false);
    w.destroy();
  });

  it('drops every answer once the preview is cancelled', async () => {
    const w = new WhatIfSession();
    w.set(nudge(startPreview('REL-1', bar), 'move', 3));
    await vi.advanceTimersByTimeAsync(200);
    w.cancel();
    pending[0]!.resolve(answer(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(w.outcome).toBeNull();
    expect(w.preview).toBeNull();
    w.destroy();
  });
});
