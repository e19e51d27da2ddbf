// @vitest-environment jsdom
// The release page's "Responsibilities" against the in-memory FakeCore (its FakeMatrix): the
// matrix resolved to names for the release, its own Release Owner and Test Manager assigned there
// (assign_role with the release; the owner is the record's), who will be told when it deploys, and
// the evidence form suggesting the matrix's signer and saying who signs.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { $, byId } from '../../test/dom';
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

function set(id: string, value: string) {
  const el = byId<HTMLSelectElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

async function openRelease(key = 'REL-00001') {
  core = new FakeCore(3);
  await ui.mountApp();
  await until(() => !!$(`[data-testid="release-row"][data-key="${key}"]`), `the row of ${key}`);
  $<HTMLElement>(`[data-testid="release-row"][data-key="${key}"]`)!.click();
  await until(() => !!byId('release-audience'), 'the responsibilities');
}

describe('the release page’s responsibilities', () => {
  it('resolves the matrix to names and says who will be told when it deploys', async () => {
    await openRelease();
    expect(calls('matrix_view').at(-1)).toEqual({ release: 'REL-00001' });
    expect(calls('audience').at(-1)).toEqual({ release: 'REL-00001', activity: 'deploy' });
    const authorize = $('[data-testid="release-duty"][data-activity="authorize"]');
    // S, then A, then R: the sponsor signs, the CAB's change manager is accountable.
    expect([...authorize!.querySelectorAll('.duty-code')].map(text)).toEqual(['S Eve Sponsor', 'A Bob Manager', 'R Bob Manager']);
    const deploy = $('[data-testid="release-duty"][data-activity="deploy"]');
    expect(text(deploy)).toContain('R nobody (Deployment staff)');
    expect(text(byId('release-audience-responsible'))).toBe('—');
    expect(text(byId('release-audience-informed'))).toBe('Ada Lovelace (Release Owner), Bob Manager (Change Manager / CAB)');
    expect(text(byId('release-audience-unfilled'))).toContain('Test Manager, Deployment staff');
    // The release's owner is its record's.
    expect($('[data-testid="release-holder"][data-role="release_owner"]')?.dataset.own).toBe('true');
    expect(text($('[data-testid="release-holder"][data-role="test_manager"]'))).toContain('Nobody');
  });

  it("assigns the release's own Release Owner and Test Manager", async () => {
    await openRelease();
    set('release-assign-release_owner', 'bob@example.org');
    byId('release-assign-release_owner-save')!.click();
    await until(() => calls('assign_role').length === 1, 'assign_role');
    expect(calls('assign_role')[0]).toEqual({ role: 'release_owner', person: 'bob@example.org', release: 'REL-00001' });
    expect(core.releases.get('REL-00001')?.owner).toBe('bob@example.org');
    await until(() => text($('[data-testid="release-holder"][data-role="release_owner"]')).startsWith('Release Owner Bob Manager'), 'Bob owns it');
    expect(byId('notice')?.textContent).toContain('Bob Manager is now the Release Owner of REL-00001');

    set('release-assign-test_manager', 'ada@example.org');
    byId('release-assign-test_manager-save')!.click();
    await until(() => $('[data-testid="release-holder"][data-role="test_manager"]')?.dataset.own === 'true', 'Ada tests it');
    expect(text($('[data-testid="release-holder"][data-role="test_manager"]'))).toContain('Ada Lovelace · this release');

    // The same again is the core's refusal, shown there.
    set('release-assign-release_owner', 'bob@example.org');
    byId('release-assign-release_owner-save')!.click();
    await until(() => !!byId('release-assign-error'), 'the refusal');
    expect(text(byId('release-assign-error'))).toContain('already the Release Owner of REL-00001');

    byId('release-unassign-test_manager')!.click();
    await until(() => calls('unassign_role').length === 1, 'unassign_role');
    expect(calls('unassign_role')[0]).toEqual({ role: 'test_manager', person: 'ada@example.org', release: 'REL-00001' });
  });

  it('suggests the matrix’s signer in the sign-off form and says who signs', async () => {
    core = new FakeCore(3);
    const real = core.lifecycle.bind(core);
    core.lifecycle = (key: string) => {
      const l = real(key);
      return { ...l, assessment: { ...l.assessment, can_record: ['sign_off', 'cab_decision'] } };
    };
    await ui.mountApp();
    $<HTMLElement>('[data-testid="release-row"][data-key="REL-00001"]')!.click();
    await until(() => !!byId('record-sign_off'), 'the sign-off button');
    byId('record-sign_off')!.click();
    await until(() => !!byId('evidence-form'), 'the form');
    expect(byId<HTMLSelectElement>('evidence-by')?.value).toBe('eve@example.org');
    expect(text(byId('evidence-signing'))).toBe('Signs: Eve Sponsor (Sponsor (SVP))');
    const groups = [...byId('evidence-by')!.querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups).toEqual(['May sign (the matrix)', 'Everyone else']);
  });
});
