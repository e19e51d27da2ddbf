// @vitest-environment jsdom
// File → Export… and File → Import… in the app against the FakeCore: the menu opens the dialog,
// the format goes to the shell (which raises the native dialog), the file written is shown; a
// refused import shows the core's words as text and changes nothing; a good one shows what it
// did and the release list follows. MS Project XML is previewed (added, changed, not kept) before
// it is imported.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { all, byId } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';
import { mspdiOffers } from '../../test/fakePhases';

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

const dialog = () => byId<HTMLDialogElement>('interchange-dialog')!;
const result = () => byId('interchange-result');
const calls = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.args);

async function start(mode: 'import' | 'export') {
  core = new FakeCore(2);
  delete document.body.dataset.ready; // the previous test's app set it
  await ui.mountApp();
  await until(() => all('release-row').length === 2, 'the release list');
  listeners.get('menu')!({ payload: mode });
  await until(() => dialog().open, 'the dialog');
}

function choose(format: string) {
  const radio = byId<HTMLInputElement>(`format-${format}`)!;
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);
afterEach(() => ui.unmount());

describe('File → Export…', () => {
  it('exports in the chosen format, with the byte-order mark for CSV when asked', async () => {
    await start('export');
    expect(byId('format-mspdi')).not.toBeNull();
    expect(byId('interchange-bom')).toBeNull();
    choose('csv-releases');
    byId<HTMLInputElement>('interchange-bom')!.click();
    byId('interchange-go')!.click();
    await until(() => !!result(), 'the result');
    expect(calls('export_plan')).toEqual([{ format: 'csv-releases', bom: true }]);
    expect(result()!.textContent).toContain('Exported to /home/ada/Demo portfolio.csv');

    choose('mspdi');
    expect(byId('interchange-bom')).toBeNull();
    core.stakeholders.planExportChoice = null;
    byId('interchange-go')!.click();
    await until(() => calls('export_plan').length === 2, 'the second export');
    flushSync();
    expect(calls('export_plan')[1]).toEqual({ format: 'mspdi', bom: false });
    expect(result()).toBeNull();
  });
});

describe('File → Import…', () => {
  it('shows a refusal as text, then imports and refreshes the list', async () => {
    await start('import');
    choose('csv-releases');
    core.stakeholders.planFile = {
      name: 'bad.csv',
      text: 'key,title,kind\nNEW-1,One,minor\nNEW-2,<b>Two</b>,huge\n',
    };
    byId('interchange-go')!.click();
    await until(() => !!result(), 'the refusal');
    expect(result()!.getAttribute('role')).toBe('alert');
    expect(result()!.textContent).toContain('row 3, column kind');
    expect(result()!.querySelector('b')).toBeNull();
    expect(all('release-row')).toHaveLength(2);

    core.stakeholders.planFile = { name: 'good.csv', text: 'key,title,kind,colour\nNEW-1,One,minor,red\nNEW-2,Two,patch,blue\n' };
    byId('interchange-go')!.click();
    await until(() => result()?.getAttribute('role') === 'status', 'the summary');
    expect(result()!.textContent).toContain('2 added, 0 updated');
    expect(result()!.textContent).toContain('Columns not read: colour');
    expect(calls('import_into_plan').at(-1)).toEqual({ format: 'csv-releases' });
    dialog().close();
    await until(() => all('release-row').length === 4, 'the new releases in the list');
    expect(dialog().open).toBe(false);
  });

  it('previews an MS Project file, names what it cannot keep as text, and imports it', async () => {
    await start('import');
    choose('mspdi');
    expect(byId('interchange-go')).toBeNull();
    const phase = { kind: 'SIT', planned_start: '2027-03-01', planned_end: '2027-03-05', actual_start: null, actual_end: null };
    const base = core.releases.get('REL-00001')!;
    mspdiOffers.set(core.releases, {
      name: 'plan.xml',
      project: '<i>Q3</i> plan',
      releases: [{ ...base, key: 'MSP-004', title: 'Imported one', milestones: [phase] }],
      dropped: ['3 resources (Runway plans releases, not people’s time)'],
    });
    byId('mspdi-choose')!.click();
    await until(() => !!byId('mspdi-preview'), 'the preview');
    expect(byId('mspdi-file')!.textContent).toBe('plan.xml');
    expect(byId('mspdi-counts')!.textContent).toContain('Adds 1 release, changes 0');
    expect(byId('mspdi-added')!.textContent).toContain('MSP-004 Imported one');
    expect(byId('mspdi-dropped')!.textContent).toContain('3 resources');
    expect(byId('mspdi-preview')!.querySelector('i')).toBeNull();
    expect(calls('preview_mspdi').at(-1)).toEqual({ choice: { one_release: false, kind: 'minor', key: 'MSP' } });
    expect(all('release-row')).toHaveLength(2);

    byId('mspdi-commit')!.click();
    await until(() => !!byId('mspdi-done'), 'the import');
    expect(byId('mspdi-done')!.textContent).toContain('1 added');
    await until(() => all('release-row').length === 3, 'the new release in the list');
  });
});
