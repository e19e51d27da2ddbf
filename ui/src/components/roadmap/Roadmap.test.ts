// @vitest-environment jsdom
// The roadmap mounted against the in-memory FakeCore. Links: "Link to…" from the keyboard (one
// undoable dependency, a cycle refused in the core's words), stubs for arrows whose other end is
// off screen, the links configuration items imply (on the roadmap and in the release pane).
// Scrolling: rows reuse their elements as the chart scrolls (slots), and a focused bar whose
// release scrolls away gives up the focus rather than follow its elements to another release;
// while it keeps scrolling, the rows coming into view are only painted, and get their buttons
// when it settles.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Conflict } from '../../lib/ipc/bindings';
import { $, all, byId, paintedLinks } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { flushSync, until, press } = ui;

const bar = (key: string, kind: string) => $<HTMLElement>(`[data-testid="roadmap-bar"][data-key="${key}"][data-kind="${kind}"]`);

function set(id: string, value: string) {
  const el = byId<HTMLInputElement | HTMLSelectElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  flushSync();
}

async function start(releases: number, setup: (c: FakeCore) => void) {
  core = new FakeCore(releases);
  setup(core);
  await ui.mountApp();
}

async function openRoadmap(releases: number, setup: (c: FakeCore) => void) {
  await start(releases, setup);
  press('3', { ctrlKey: true });
  await until(() => all('roadmap-bar').length > 0, 'roadmap bars');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  delete document.body.dataset.ready;
});

describe('linking milestones on the roadmap', () => {
  const chain = (c: FakeCore) => {
    c.dependencies = [{ from: { release: 'REL-00001', kind: 'deployment' }, to: { release: 'REL-00005', kind: 'cab' } }];
  };

  it('links from the keyboard: L on a bar, pick the other milestone, one undoable edit, the arrow drawn', async () => {
    await openRoadmap(12, chain);
    const build = bar('REL-00002', 'build')!;
    build.focus();
    press('l', {}, build);
    await until(() => !!byId('roadmap-link'), 'the link popover');
    expect(byId('roadmap-link-from')?.textContent).toBe('REL-00002 build');
    set('roadmap-link-release', 'REL-00003');
    set('roadmap-link-milestone', 'test');
    set('roadmap-link-lag', '2');
    expect(byId('roadmap-link-summary')?.textContent).toBe('REL-00003 test can start 2 days after REL-00002 build finishes.');
    byId('roadmap-link-add')!.click();
    await until(() => core.calls.some((c) => c.command === 'add_dependency'), 'add_dependency');
    expect(core.calls.find((c) => c.command === 'add_dependency')?.args).toEqual({
      dependency: { from: { release: 'REL-00002', milestone: 'build' }, to: { release: 'REL-00003', milestone: 'test' }, kind: 'fs', lag_days: 2 },
    });
    await until(() => !byId('roadmap-link'), 'the popover closed');
    expect(byId('notice')?.textContent).toContain('Linked REL-00002 build → REL-00003 test. Ctrl+Z undoes it.');
    await until(() => paintedLinks().some((l) => l.from === 'REL-00002|build' && l.to === 'REL-00003|test'), 'the new arrow');
  });

  it('swaps the direction, and shows a cycle refused in the core’s words', async () => {
    await openRoadmap(12, chain);
    const cab = bar('REL-00005', 'cab')!;
    press('L', {}, cab);
    await until(() => !!byId('roadmap-link'), 'the link popover');
    set('roadmap-link-release', 'REL-00001');
    set('roadmap-link-milestone', 'deployment');
    byId('roadmap-link-add')!.click();
    await until(() => !!byId('roadmap-link-error'), 'the refusal');
    expect(byId('roadmap-link-error')?.textContent).toContain('it would close a cycle: REL-00005 cab → REL-00001 deployment → REL-00005 cab');
    expect(byId('roadmap-link')).not.toBeNull();
    // Swapped, the focused CAB becomes the milestone that waits.
    byId('roadmap-link-swap')!.click();
    flushSync();
    expect(byId('roadmap-link-to')?.textContent).toBe('REL-00005 CAB');
    press('Escape', {}, byId('roadmap-link-kind')!);
    await until(() => !byId('roadmap-link'), 'Escape closes the popover');
    expect(document.activeElement).toBe(bar('REL-00005', 'cab'));
  });

  it('draws an arrow to a row off screen as a stub whose label scrolls to it', async () => {
    await openRoadmap(40, (c) => {
      c.dependencies = [{ from: { release: 'REL-00001', kind: 'deployment' }, to: { release: 'REL-00030', kind: 'cab' } }];
    });
    await until(() => all('roadmap-stub-label').length > 0, 'a stub label');
    const label = byId('roadmap-stub-label')!;
    expect(label.textContent).toBe('↓ REL-00030 CAB');
    expect(label.dataset.edge).toBe('bottom');
    expect(paintedLinks()).toHaveLength(0);
    expect(paintedLinks(true)).toMatchObject([{ from: 'REL-00001|deployment', to: 'REL-00030|cab', stub: true }]);
    label.click();
    await until(() => document.activeElement === bar('REL-00030', 'cab'), 'REL-00030 CAB focused');
    // Now REL-00030 is on screen and REL-00001 is not: the stub points up.
    await until(() => byId('roadmap-stub-label')?.textContent === '↑ REL-00001 Deployment', 'the stub up');
  });

  it('draws the links configuration items imply, dashed, and the legend hides them', async () => {
    await openRoadmap(12, (c) => {
      c.ciLinks = [{ upstream: 'REL-00001', downstream: 'REL-00003', ci: 'portal-web', depends_on: 'iam-keycloak' }];
    });
    await until(() => paintedLinks().filter((l) => l.implied).length === 1, 'the implied arrow');
    expect(paintedLinks().find((l) => l.implied)?.from).toBe('REL-00001|deployment');
    const toggle = byId('roadmap-legend-implied')!;
    expect(toggle.textContent).toContain('Implied by configuration items (dashed)');
    toggle.click();
    flushSync();
    expect(paintedLinks().filter((l) => l.implied)).toHaveLength(0);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
  });
});

describe('the release pane', () => {
  it('lists the links configuration items imply, read-only', async () => {
    await start(3, (c) => {
      c.ciLinks = [
        { upstream: 'REL-00001', downstream: 'REL-00000', ci: 'portal-web', depends_on: 'iam-keycloak' },
        { upstream: 'REL-00000', downstream: 'REL-00002', ci: 'mobile-bff', depends_on: 'portal-web' },
      ];
    });
    $<HTMLElement>('[data-testid="release-row"][data-key="REL-00000"]')!.click();
    await until(() => all('dependency-implied').length === 2, 'the implied links');
    const [up, down] = all('dependency-implied');
    expect(up?.dataset.direction).toBe('upstream');
    expect(up?.textContent?.replace(/\s+/g, ' ').trim()).toBe('upstream REL-00001 (portal-web depends on iam-keycloak)');
    expect(down?.textContent?.replace(/\s+/g, ' ').trim()).toBe('downstream REL-00002 (mobile-bff depends on portal-web)');
    expect(up?.querySelector('button')?.textContent).toBe('REL-00001');
    expect(byId('release-dependencies')?.textContent).not.toContain('No dependency on another release');
    up?.querySelector('button')?.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00001', 'the upstream release opened');
  });
});

describe('schedule conflicts on the roadmap', () => {
  const clash = (kind: Conflict['kind'], severity: Conflict['severity'], key: string, message: string): Conflict => ({
    id: `${kind}|${key}`,
    kind,
    severity,
    parties: [{ kind: 'release', name: key, booking: null }],
    releases: [key],
    start: '2027-02-01T22:00:00',
    end: '2027-02-01T23:00:00',
    environment: null,
    ci: null,
    message,
  });

  it('badges a release’s label with its conflicts, red when one blocks, and says so in its tooltip', async () => {
    await openRoadmap(6, (c) => {
      c.calendar.conflicts = [
        clash('freeze', 'blocking', 'REL-00002', 'REL-00002 deploys in the freeze.'),
        clash('maintenance', 'warning', 'REL-00002', 'REL-00002 deploys in maintenance.'),
        clash('maintenance', 'warning', 'REL-00003', 'REL-00003 deploys in maintenance.'),
      ];
    });
    const label = (key: string) => $<HTMLElement>(`[data-testid="roadmap-label"][data-key="${key}"]`);
    await until(() => !!label('REL-00003'), 'the labels');
    expect([label('REL-00002')!.dataset.conflicts, label('REL-00002')!.dataset.blocking]).toEqual(['2', '1']);
    expect(label('REL-00002')!.title).toContain('2 schedule conflicts, 1 blocking');
    expect(label('REL-00002')!.getAttribute('aria-label')).toContain('2 schedule conflicts, 1 blocking');
    expect([label('REL-00003')!.dataset.conflicts, label('REL-00003')!.dataset.blocking]).toEqual(['1', '0']);
    expect(label('REL-00003')!.title).toContain('1 schedule conflict, none blocking');
    expect(label('REL-00001')!.dataset.conflicts).toBe('0');
    expect(label('REL-00001')!.title).not.toContain('schedule conflict');
  });

  it('lists the conflicts a move would create and resolve in the what-if callouts', async () => {
    await openRoadmap(6, (c) => {
      c.whatIfConflicts = {
        conflicts_created: [clash('freeze', 'blocking', 'REL-00001', 'REL-00001 would deploy in the freeze “Year end”.')],
        conflicts_resolved: [clash('environment_capacity', 'warning', 'REL-00001', 'Prod holds 2 bookings; its capacity is 1.')],
      };
    });
    const deploy = bar('REL-00001', 'deployment')!;
    deploy.focus();
    press('ArrowRight', {}, deploy);
    await until(() => !!byId('roadmap-callout-conflicts_created'), 'the conflicts in the callouts');
    expect(byId('roadmap-callout-conflicts_created')?.textContent).toContain(
      'New conflict: Change in a freeze (blocking) — REL-00001 would deploy in the freeze “Year end”.',
    );
    expect(byId('roadmap-callout-conflicts_resolved')?.textContent).toContain(
      'Resolves: Environment over capacity — Prod holds 2 bookings; its capacity is 1.',
    );
    expect(byId('roadmap-callouts')?.textContent).not.toContain('no schedule conflict appears');
  });
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

  it('keeps every row’s elements and canvases while it scrolls a row at a time: none made, none dropped', async () => {
    await openRoadmap(200, () => {});
    const scroller = byId('roadmap-scroller')!;
    const step = async (rows: number) => {
      const keys = all('roadmap-row').map((r) => r.dataset.key).join();
      scroller.scrollTop += rows * 32;
      scroller.dispatchEvent(new Event('scroll'));
      await until(() => all('roadmap-row').map((r) => r.dataset.key).join() !== keys, 'the rows moved');
    };
    // Away from the application's header at the top: every line drawn is a release.
    await step(60);
    const rows = new Set(all('roadmap-row'));
    const labels = new Set(all('roadmap-label-paint'));
    const canvases = new Set(all('roadmap-paint'));
    for (let i = 0; i < 6; i++) {
      await step(1 + (i % 3));
      expect(all('roadmap-row').filter((r) => !rows.has(r))).toEqual([]);
      expect(all('roadmap-row').length).toBe(rows.size);
      expect(all('roadmap-label-paint').filter((c) => !labels.has(c))).toEqual([]);
      expect(all('roadmap-paint').filter((c) => !canvases.has(c))).toEqual([]);
    }
  });

  it('holds the links as drawn during a fling, and draws those of the lines it brought on screen once it stops', async () => {
    await openRoadmap(200, (c) => {
      c.dependencies = [{ from: { release: 'REL-00120', kind: 'deployment' }, to: { release: 'REL-00121', kind: 'cab' } }];
    });
    const scroller = byId('roadmap-scroller')!;
    const link = () => paintedLinks(true).filter((l) => l.from === 'REL-00120|deployment');
    const drawn = () => all('roadmap-row').some((r) => r.dataset.key === 'REL-00120');
    expect(link()).toEqual([]);
    // Steps of 25 rows a frame (48,000 px/s), on the test's clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    try {
      for (let i = 0; i < 5; i++) {
        scroller.scrollTop += 25 * 32;
        scroller.dispatchEvent(new Event('scroll'));
        vi.advanceTimersByTime(16);
        flushSync();
      }
      // The fling brought REL-00120 on screen; its link waits.
      expect(drawn()).toBe(true);
      expect(link()).toEqual([]);
      // It stopped (120 ms after the last step).
      vi.advanceTimersByTime(200);
      flushSync();
      expect(link()).toMatchObject([{ to: 'REL-00121|cab', stub: false }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('only paints the rows coming into view while the chart keeps scrolling, and gives them their buttons when it settles', async () => {
    // A 2D context that notes which canvases were painted on.
    const painted = new Set<HTMLCanvasElement>();
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
      const canvas = this;
      const noop = () => {};
      return new Proxy({}, {
        get: (_, name) => (name === 'measureText' ? () => ({ width: 10 }) : name === 'fill' ? () => painted.add(canvas) : noop),
        set: () => true,
      });
    } as unknown as typeof original;
    try {
      await openRoadmap(200, () => {});
      const scroller = byId('roadmap-scroller')!;
      const keysBefore = all('roadmap-row').map((r) => r.dataset.key);
      const buttons = (row: HTMLElement) => row.querySelectorAll('[data-testid="roadmap-bar"]').length;

      // Two steps in a row: the chart is scrolling.
      scroller.scrollTop += 5 * 32;
      scroller.dispatchEvent(new Event('scroll'));
      scroller.scrollTop += 5 * 32;
      scroller.dispatchEvent(new Event('scroll'));
      await until(() => all('roadmap-row').some((r) => !keysBefore.includes(r.dataset.key)), 'other releases drawn');
      const rows = all('roadmap-row');
      const entered = rows.filter((r) => !keysBefore.includes(r.dataset.key));
      const stayed = rows.filter((r) => keysBefore.includes(r.dataset.key));
      expect(entered.length).toBeGreaterThan(0);
      expect(stayed.length).toBeGreaterThan(0);
      for (const r of entered) {
        expect(buttons(r), r.dataset.key).toBe(0);
        const canvas = r.querySelector<HTMLCanvasElement>('[data-testid="roadmap-paint"]:not([hidden])');
        if (canvas) expect(painted.has(canvas), r.dataset.key).toBe(true);
      }
      expect(entered.some((r) => r.querySelector('[data-testid="roadmap-paint"]:not([hidden])'))).toBe(true);
      // The rows that were on screen keep theirs.
      expect(stayed.some((r) => buttons(r) > 0)).toBe(true);

      // Settled: every row drawn has a button per milestone painted.
      await until(() => entered.every((r) => !r.querySelector('[data-testid="roadmap-paint"]:not([hidden])') || buttons(r) > 0), 'the buttons');
    } finally {
      HTMLCanvasElement.prototype.getContext = original;
    }
  });
});
