// @vitest-environment jsdom
// The Matrix view mounted in the app against the in-memory FakeCore (its FakeMatrix): the grid
// with its codes and holders; keys (arrows, a code typed, Delete, Alt+arrows) each one
// set_matrix_cell or edit_matrix; a broken rule named on its row and the badge, fixed, and Ctrl+Z
// taking an edit back; SARCI and RACI (A*); roles and activities added, renamed and removed (a held
// role refused with who holds it); the matrix for one release; people and their roles; the CSV.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { $, all, byId } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { flushSync, until, press } = ui;

const cell = (activity: string, role: string) =>
  $<HTMLElement>(`[data-testid="matrix-cell"][data-activity="${activity}"][data-role="${role}"]`);
const rowErrors = (activity: string) =>
  all('matrix-row-error').filter((e) => e.dataset.activity === activity).map((e) => e.textContent?.trim());
const calls = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.args);

function set(id: string, value: string) {
  const el = byId<HTMLInputElement | HTMLSelectElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  flushSync();
}

async function openMatrix(releases = 3) {
  core = new FakeCore(releases);
  await ui.mountApp();
  press('5', { ctrlKey: true });
  await until(() => !!cell('plan', 'sponsor'), 'the matrix grid');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  delete document.body.dataset.ready;
});

describe('the matrix', () => {
  it('shows activities down the side, roles across the top, a code per cell and who holds each role', async () => {
    await openMatrix();
    expect(all('matrix-row').map((r) => r.dataset.activity)).toEqual(['plan', 'cab', 'authorize', 'deploy']);
    expect(all('matrix-role').map((r) => r.dataset.role)).toEqual([
      'sponsor',
      'release_manager',
      'test_manager',
      'release_owner',
      'change_manager',
      'deployment_staff',
    ]);
    expect(cell('authorize', 'sponsor')?.dataset.code).toBe('S');
    expect(cell('deploy', 'sponsor')?.dataset.code).toBe('');
    expect(byId('matrix-valid')?.textContent).toBe('valid');
    const holders = (role: string) => $(`[data-testid="matrix-holders"][data-role="${role}"]`)?.textContent?.trim();
    expect(holders('sponsor')).toBe('Eve Sponsor');
    expect(holders('test_manager')).toBe('nobody');
    // The description is the activity's tooltip.
    expect($('[data-testid="matrix-row"][data-activity="deploy"] .activity-name')?.getAttribute('title')).toBe('Deploy the release in its window.');
    // The legend: SARCI's five codes, in the core's words.
    expect(byId('matrix-legend-S')?.textContent).toContain('Signature');
    expect(byId('matrix-legend-signing')).toBeNull();
  });

  it('is edited by keyboard: a second A breaks the row, Delete fixes it, Ctrl+Z undoes', async () => {
    await openMatrix();
    cell('plan', 'sponsor')!.focus();
    flushSync();
    // Down three rows to "deploy", right three columns to the Release Owner.
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight']) press(key, {}, document.activeElement!);
    await until(() => document.activeElement === cell('deploy', 'release_owner'), 'the focus on deploy × Release Owner');
    expect(document.activeElement?.getAttribute('tabindex')).toBe('0');
    expect(cell('plan', 'sponsor')?.getAttribute('tabindex')).toBe('-1');

    press('a', {}, document.activeElement!);
    await until(() => cell('deploy', 'release_owner')?.dataset.code === 'A', 'the second A');
    expect(calls('set_matrix_cell').at(-1)).toEqual({ activity: 'deploy', role: 'release_owner', code: 'A' });
    await until(() => byId('matrix-invalid')?.textContent === '1 rule broken', 'the badge');
    expect(rowErrors('deploy')).toEqual(['Coordinate distribution and installation of releases: two roles are accountable: Release Manager, Release Owner']);
    expect($('[data-testid="matrix-row"][data-activity="deploy"]')?.dataset.broken).toBe('true');

    // Delete is the cell's (not "delete the open release"): it clears it.
    const del = press('Delete', {}, cell('deploy', 'release_owner')!);
    expect(del.defaultPrevented).toBe(true);
    await until(() => cell('deploy', 'release_owner')?.dataset.code === '', 'the cell cleared');
    expect(calls('set_matrix_cell').at(-1)).toEqual({ activity: 'deploy', role: 'release_owner', code: null });
    await until(() => !!byId('matrix-valid'), 'valid again');
    expect(rowErrors('deploy')).toEqual([]);

    // The app's undo brings the A back, and the matrix shows it.
    press('z', { ctrlKey: true }, cell('deploy', 'release_owner')!);
    await until(() => cell('deploy', 'release_owner')?.dataset.code === 'A', 'the A undone back');
    expect(byId('matrix-invalid')).not.toBeNull();
  });

  it('shows an S as A* in RACI, offers no S there, and an A typed on A* makes it an A', async () => {
    await openMatrix();
    byId('matrix-mode-raci')!.click();
    flushSync();
    expect(cell('authorize', 'sponsor')?.textContent?.trim()).toBe('A*');
    expect(cell('authorize', 'sponsor')?.dataset.code).toBe('S');
    expect(byId('matrix-legend-S')).toBeNull();
    expect(byId('matrix-legend-signing')?.textContent).toContain('signs');
    expect(byId('matrix')?.dataset.mode).toBe('raci');

    cell('plan', 'test_manager')!.focus();
    const s = press('s', {}, cell('plan', 'test_manager')!);
    expect(s.defaultPrevented).toBe(false);
    expect(calls('set_matrix_cell')).toEqual([]);

    cell('authorize', 'sponsor')!.click();
    press('A', { shiftKey: true }, cell('authorize', 'sponsor')!);
    await until(() => cell('authorize', 'sponsor')?.dataset.code === 'A', 'A* made an A');
    // Two As now (the CAB's and the sponsor's): the row says so.
    await until(() => rowErrors('authorize').length === 1, 'the broken row');

    byId('matrix-mode-sarci')!.click();
    flushSync();
    expect(cell('authorize', 'sponsor')?.textContent?.trim()).toBe('A');
  });

  it('adds, renames, moves and removes roles and activities; a held role is refused naming who', async () => {
    await openMatrix();
    byId('matrix-add-role')!.click();
    flushSync();
    set('matrix-form-name', 'Security officer');
    byId('matrix-form-save')!.click();
    await until(() => all('matrix-role').some((r) => r.dataset.role === 'security_officer'), 'the new role');
    expect(byId('matrix-form')).toBeNull();

    // A name taken is the core's refusal, in the form.
    byId('matrix-add-activity')!.click();
    flushSync();
    set('matrix-form-name', 'Authorize deployment');
    byId('matrix-form-save')!.click();
    await until(() => !!byId('matrix-form-error'), 'the refusal');
    expect(byId('matrix-form-error')?.textContent).toContain('already');
    set('matrix-form-name', 'Communicate the release');
    set('matrix-form-description', 'Tell the users what changes.');
    byId('matrix-form-save')!.click();
    await until(() => all('matrix-row').at(-1)?.dataset.activity === 'communicate_the_release', 'the new activity');
    // A new activity has no A and no R yet: two rules broken on its row.
    expect(rowErrors('communicate_the_release')).toHaveLength(2);

    // Alt+↑ on one of its cells moves the row up.
    cell('communicate_the_release', 'sponsor')!.click();
    press('ArrowUp', { altKey: true }, cell('communicate_the_release', 'sponsor')!);
    await until(() => all('matrix-row').at(-2)?.dataset.activity === 'communicate_the_release', 'moved up');
    expect(calls('edit_matrix').at(-1)).toEqual({ edit: { op: 'move_activity', key: 'communicate_the_release', to: 3 } });

    // Move a role right with its button; rename it.
    const sponsor = $('[data-testid="matrix-role"][data-role="sponsor"]')!;
    sponsor.querySelector<HTMLButtonElement>('[data-testid="matrix-role-right"]')!.click();
    await until(() => all('matrix-role')[1]?.dataset.role === 'sponsor', 'the sponsor moved right');
    $('[data-testid="matrix-role"][data-role="sponsor"] [data-testid="matrix-role-rename"]')!.click();
    flushSync();
    set('matrix-form-name', 'Sponsor (CIO)');
    byId('matrix-form-save')!.click();
    await until(() => $('[data-testid="matrix-role"][data-role="sponsor"]')?.textContent?.includes('Sponsor (CIO)') ?? false, 'renamed');

    // The sponsor is held: removing it is refused, naming who.
    $('[data-testid="matrix-role"][data-role="sponsor"] [data-testid="matrix-role-remove"]')!.click();
    await until(() => !!byId('matrix-error'), 'the refusal');
    expect(byId('matrix-error')?.textContent).toContain('eve@example.org hold it');
    expect(all('matrix-role').some((r) => r.dataset.role === 'sponsor')).toBe(true);
    // A role nobody holds goes.
    $('[data-testid="matrix-role"][data-role="security_officer"] [data-testid="matrix-role-remove"]')!.click();
    await until(() => !all('matrix-role').some((r) => r.dataset.role === 'security_officer'), 'removed');
  });

  it('shows the matrix for one release, with its own holders, and assigns people there', async () => {
    await openMatrix();
    // The picker holds no release until it takes the focus (a 5,000-option select costs ~200 ms
    // of layout on every open).
    expect(byId('matrix-for')!.querySelectorAll('option').length).toBe(1);
    byId('matrix-for')!.dispatchEvent(new FocusEvent('focus'));
    flushSync();
    expect(byId('matrix-for')!.querySelectorAll('option').length).toBeGreaterThan(1);
    set('matrix-for', 'REL-00001');
    await until(() => calls('matrix_view').at(-1)?.release === 'REL-00001', 'the release asked');
    await until(() => byId('matrix')?.dataset.release === 'REL-00001', 'the release shown');
    const owner = () => $('[data-testid="matrix-holders"][data-role="release_owner"]');
    // The fake's releases are owned by Ada: her name shows as the release's own.
    expect(owner()?.querySelector('.own')?.textContent).toBe('Ada Lovelace');

    set('assign-person', 'bob@example.org');
    set('assign-role', 'test_manager');
    byId('assign-submit')!.click();
    await until(() => calls('assign_role').length === 1, 'assign_role');
    expect(calls('assign_role')[0]).toEqual({ role: 'test_manager', person: 'bob@example.org', release: 'REL-00001' });
    await until(() => $('[data-testid="matrix-holders"][data-role="test_manager"]')?.textContent?.trim() === 'Bob Manager', 'Bob for the release');
    const bob = $('[data-testid="people-row"][data-email="bob@example.org"]')!;
    const chip = bob.querySelector<HTMLElement>('[data-testid="people-role"][data-role="test_manager"]');
    expect(chip?.dataset.own).toBe('true');
    // His portfolio roles show faint, without a way to unassign them from here.
    const inherited = bob.querySelector<HTMLElement>('[data-testid="people-role"][data-role="release_manager"]');
    expect(inherited?.querySelector('[data-testid="people-unassign"]')).toBeNull();

    chip!.querySelector<HTMLButtonElement>('[data-testid="people-unassign"]')!.click();
    await until(() => calls('unassign_role').length === 1, 'unassign_role');
    expect(calls('unassign_role')[0]).toEqual({ role: 'test_manager', person: 'bob@example.org', release: 'REL-00001' });

    // Back to the portfolio.
    set('matrix-for', '');
    await until(() => byId('matrix')?.dataset.release === '', 'the portfolio');
  });

  it('adds a person (the core refuses a bad e-mail at its field) and exports the CSV', async () => {
    await openMatrix();
    byId('people-add')!.click();
    flushSync();
    set('people-add-email', 'not an email');
    set('people-add-name', 'Grace Hopper');
    byId('people-add-save')!.click();
    await until(() => byId('people-add-form')?.textContent?.includes('is not an e-mail address') ?? false, 'the refusal');
    set('people-add-email', 'grace@example.org');
    set('people-add-org', 'Navy');
    byId('people-add-save')!.click();
    await until(() => !!$('[data-testid="people-row"][data-email="grace@example.org"]'), 'Grace listed');
    expect(calls('save_person').at(-1)).toEqual({ person: { email: 'grace@example.org', name: 'Grace Hopper', organisation: 'Navy' } });

    byId('matrix-mode-raci')!.click();
    byId('matrix-export')!.click();
    await until(() => byId('notice')?.textContent?.includes('Exported the matrix') ?? false, 'the notice');
    expect(calls('export_matrix_csv').at(-1)).toEqual({ release: null, raci: true });
  });

  it('shows the rules a matrix breaks when it opens, and user text as text', async () => {
    core = new FakeCore(1);
    core.matrix.matrix.activities[0]!.name = '<b>Plan</b> & "ship"';
    core.matrix.matrix.cells = core.matrix.matrix.cells.filter((c) => !(c.activity === 'plan' && c.code === 'R'));
    await ui.mountApp();
    press('5', { ctrlKey: true });
    await until(() => !!byId('matrix-invalid'), 'the badge');
    expect(byId('matrix-invalid')?.textContent).toBe('1 rule broken');
    expect(rowErrors('plan')).toEqual(['<b>Plan</b> & "ship": no role is responsible (R)']);
    expect($('[data-testid="matrix-row"][data-activity="plan"] b')).toBeNull();
  });
});
