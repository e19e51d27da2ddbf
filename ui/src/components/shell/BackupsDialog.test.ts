// @vitest-environment jsdom
// File → Restore from backup… in the app against the FakeCore: the menu opens the dialog listing
// the backups (time, releases and how many more than now, audit head, size); Back up now adds
// one; the number kept is saved or refused at its field; restoring asks the shell (which raises
// the Save dialog) for that backup by name, closes the dialog and shows the new plan; a closed
// Save dialog changes nothing.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { all, byId } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;
const listeners = new Map<string, (e: { payload: unknown }) => void>();

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, handler: (e: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  },
}));

const ui = mounter();
const { flushSync, until } = ui;

const dialog = () => byId<HTMLDialogElement>('backups-dialog')!;
const rows = () => all('backup-row');
const calls = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.args);

async function start() {
  core = new FakeCore(2);
  delete document.body.dataset.ready;
  await ui.mountApp();
  await until(() => all('release-row').length === 2, 'the release list');
  listeners.get('menu')!({ payload: 'restore-backup' });
  await until(() => dialog().open && rows().length > 0, 'the dialog and its list');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);
afterEach(() => ui.unmount());

describe('File → Restore from backup…', () => {
  it('lists the backups newest first with what each holds', async () => {
    await start();
    expect(rows().map((r) => r.dataset.name)).toEqual(['2026-11-22T11-00-00.000Z.runway', '2026-11-22T10-00-00.000Z.runway']);
    const older = rows()[1]!.textContent!;
    expect(older).toContain('40 releases');
    expect(older).toContain('38 more than now');
    expect(older).toContain('#120 · 00000078ab');
    expect(older).toContain('KB');
    expect(rows()[0]!.textContent).toContain('newest');
    expect(dialog().textContent).toContain('backups/demo-0123456789abcdef');
  });

  it('backs up now and keeps the number asked, refusing one out of range', async () => {
    await start();
    byId('backups-now')!.click();
    await until(() => rows().length === 3, 'the new backup');
    expect(byId('backups-result')!.textContent).toContain('Backed up');

    const keep = byId<HTMLInputElement>('backups-keep')!;
    keep.value = '0';
    keep.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    byId('backups-keep-save')!.click();
    await until(() => byId('backups-result')?.getAttribute('role') === 'alert', 'the refusal');
    expect(byId('backups-result')!.textContent).toContain('Keep between 1 and 100');
    expect(rows()).toHaveLength(3);

    keep.value = '2';
    keep.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    byId('backups-keep-save')!.click();
    await until(() => rows().length === 2, 'the rotation');
    expect(calls('set_backup_keep').at(-1)).toEqual({ keep: 2 });
  });

  it('restores a backup as a new plan and opens it; a closed Save dialog changes nothing', async () => {
    await start();
    core.backups.dialogChoice = null;
    rows()[1]!.querySelector<HTMLButtonElement>('[data-testid="backup-restore"]')!.click();
    const button = () => rows()[1]!.querySelector<HTMLButtonElement>('[data-testid="backup-restore"]')!;
    await until(() => calls('restore_backup').length === 1 && !button().disabled, 'the cancelled restore');
    expect(dialog().open).toBe(true);
    expect(byId('backups-result')).toBeNull();
    expect(byId('plan-name')!.textContent).toBe('demo.runway');

    core.backups.dialogChoice = '/home/ada/plans/demo restored.runway';
    button().click();
    await until(() => !dialog().open, 'the dialog closes');
    expect(calls('restore_backup').at(-1)).toEqual({ name: '2026-11-22T10-00-00.000Z.runway' });
    await until(() => byId('plan-name')?.textContent === 'demo restored.runway', 'the restored plan is open');
    expect(byId('notice')!.textContent).toContain('Restored the backup as demo restored.runway');
  });
});
