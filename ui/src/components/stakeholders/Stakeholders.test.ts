// @vitest-environment jsdom
// The Stakeholders view mounted in the app against the in-memory FakeCore (its FakeStakeholders):
// the people with their roles and lists; the lists with their members (people by name, lists
// marked), what they follow and how many people they reach; a list added through the form and
// taken back by Ctrl+Z; the core's refusals (empty, a cycle, an unknown member, a removal another
// list blocks) shown at their field with nothing changed; the people's CSV refused line by line,
// then imported; the export; plan text shown as text.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DistributionList } from '../../lib/ipc/bindings';
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

const calls = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.args);
const card = (name: string) => $<HTMLElement>(`[data-testid="list-card"][data-name="${name}"]`);
const inCard = (name: string, id: string) => [...(card(name)?.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`) ?? [])];
const person = (email: string) => $<HTMLElement>(`[data-testid="person-row"][data-email="${email}"]`);

function set(id: string, value: string) {
  const el = byId<HTMLInputElement | HTMLSelectElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  flushSync();
}

function pick(what: 'member' | 'follow', value: string) {
  byId(`list-${what}-pick`)!.dispatchEvent(new Event('focus'));
  flushSync();
  set(`list-${what}-pick`, value);
  byId(`list-${what}-add`)!.click();
  flushSync();
}

const OPS: DistributionList = { name: 'Ops', purpose: 'Runs the platform', members: [{ person: 'bob@example.org' }], follows: [] };
const CAB: DistributionList = {
  name: 'CAB',
  purpose: '',
  members: [{ person: 'ada@example.org' }, { list: 'Ops' }],
  follows: [{ application: 'PAY' }, { release: 'REL-00001' }],
};

async function open(lists: DistributionList[] = [OPS, CAB]) {
  core = new FakeCore(3);
  core.stakeholders.lists = structuredClone(lists);
  await ui.mountApp();
  press('6', { ctrlKey: true });
  await until(() => !!byId('stakeholders-lists') && all('list-card').length === lists.length, 'the stakeholders view');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  delete document.body.dataset.ready;
});

describe('the stakeholders view', () => {
  it('shows the people with their roles and lists, and each list with its members, follows and reach', async () => {
    await open();
    expect(all('person-row').map((r) => r.dataset.email)).toEqual(['ada@example.org', 'bob@example.org', 'eve@example.org']);
    const bob = person('bob@example.org')!;
    expect(bob.textContent).toContain('Bob Manager');
    expect(bob.textContent).toContain('IT');
    expect([...bob.querySelectorAll<HTMLElement>('[data-testid="person-role"]')].map((r) => r.textContent?.trim())).toEqual(['Release Manager', 'Change Manager / CAB']);
    const lists = [...bob.querySelectorAll<HTMLElement>('[data-testid="person-list"]')].map((l) => [l.dataset.list, l.dataset.direct]);
    expect(lists).toEqual([
      ['CAB', 'false'],
      ['Ops', 'true'],
    ]);

    expect(all('list-card').map((c) => c.dataset.name)).toEqual(['CAB', 'Ops']);
    expect(inCard('CAB', 'list-member').map((m) => [m.dataset.kind, m.textContent?.trim()])).toEqual([
      ['person', 'Ada Lovelace'],
      ['list', 'listOps'],
    ]);
    expect(inCard('CAB', 'list-follow').map((f) => [f.dataset.kind, f.textContent?.trim()])).toEqual([
      ['application', 'appPayments'],
      ['release', 'REL-00001'],
    ]);
    expect(inCard('CAB', 'list-reach')[0]?.textContent).toBe('reaches 2 people');
    expect(inCard('Ops', 'list-reach')[0]?.textContent).toBe('reaches 1 person');
    expect(card('Ops')?.textContent).toContain('Runs the platform');
  });

  it('adds a list through the form, and Ctrl+Z takes it back', async () => {
    await open();
    byId('list-new')!.click();
    await until(() => !!byId('list-form'), 'the form');
    expect(document.activeElement).toBe(byId('list-name'));
    set('list-name', '  Release board ');
    set('list-purpose', 'Hears of every Payments release');
    pick('member', 'p:eve@example.org');
    pick('member', 'l:CAB');
    pick('follow', 'a:CRM');
    expect(all('list-member-row').map((r) => [r.dataset.kind, r.dataset.value])).toEqual([
      ['person', 'eve@example.org'],
      ['list', 'CAB'],
    ]);
    // A member picked is no longer offered.
    expect($('[data-testid="list-member-pick"] option[value="l:CAB"]')).toBeNull();
    byId<HTMLFormElement>('list-form')!.querySelector('form')!.requestSubmit();
    await until(() => !byId('list-form') && !!card('Release board'), 'the new list');
    expect(calls('save_list').at(-1)).toEqual({
      original: null,
      list: { name: 'Release board', purpose: 'Hears of every Payments release', members: [{ person: 'eve@example.org' }, { list: 'CAB' }], follows: [{ application: 'CRM' }] },
    });
    expect(inCard('Release board', 'list-reach')[0]?.textContent).toBe('reaches 3 people');
    expect(byId('notice')?.textContent).toContain('Ctrl+Z');

    press('z', { ctrlKey: true });
    await until(() => !card('Release board'), 'the list undone');
    expect(all('list-card')).toHaveLength(2);
  });

  it('shows the core’s refusals at their field and changes nothing: empty, a cycle, an unknown member', async () => {
    await open([OPS, CAB, { name: 'Old', purpose: '', members: [{ person: 'gone@example.org' }], follows: [] }]);
    const before = structuredClone(core.stakeholders.lists);

    byId('list-new')!.click();
    await until(() => !!byId('list-form'), 'the form');
    set('list-name', 'Empty');
    byId('list-save')!.click();
    await until(() => !!byId('list-error-members'), 'the empty list refused');
    expect(byId('list-error-members')?.textContent).toContain('"Empty" is empty');
    expect(document.activeElement).toBe(byId('list-member-pick'));
    byId('list-cancel')!.click();
    await until(() => !byId('list-form'), 'the form closed');

    // Ops contains CAB, which contains Ops.
    inCard('Ops', 'list-edit')[0]!.click();
    await until(() => byId('list-form')?.dataset.original === 'Ops', 'the form on Ops');
    expect(byId<HTMLInputElement>('list-name')?.value).toBe('Ops');
    pick('member', 'l:CAB');
    byId('list-save')!.click();
    await until(() => !!byId('list-error-members'), 'the cycle refused');
    expect(byId('list-error-members')?.textContent).toBe('“Ops” → “CAB” → “Ops” is a cycle: a list cannot contain itself through another.');
    expect(byId('list-form')).not.toBeNull();
    // Cancel leaves Ops as it was.
    byId('list-cancel')!.click();
    await until(() => !byId('list-form'), 'the form closed');

    inCard('Old', 'list-edit')[0]!.click();
    await until(() => byId('list-form')?.dataset.original === 'Old', 'the form on Old');
    byId('list-save')!.click();
    await until(() => !!byId('list-error-members[0]'), 'the unknown member refused at its row');
    expect(byId('list-error-members[0]')?.textContent).toBe('gone@example.org is not a person in this plan (add them first).');
    expect(byId('list-error-members[0]')?.closest('[data-testid="list-member-row"]')?.getAttribute('data-value')).toBe('gone@example.org');
    // Taking it out clears its row's error.
    byId('list-member-remove')!.click();
    flushSync();
    expect(byId('list-error-members[0]')).toBeNull();
    expect(core.stakeholders.lists).toEqual(before);
  });

  it('refuses to remove a list another list contains, beside Remove, and removes one none does', async () => {
    await open();
    inCard('Ops', 'list-edit')[0]!.click();
    await until(() => !!byId('list-remove'), 'the form on Ops');
    byId('list-remove')!.click();
    await until(() => !!byId('list-error-remove'), 'the refusal');
    expect(byId('list-error-remove')?.textContent).toContain('"Ops" is a member of CAB');
    expect(card('Ops')).not.toBeNull();
    expect(core.stakeholders.lists.map((l) => l.name)).toEqual(['Ops', 'CAB']);
    byId('list-cancel')!.click();
    await until(() => !byId('list-form'), 'closed');

    inCard('CAB', 'list-edit')[0]!.click();
    await until(() => byId('list-form')?.dataset.original === 'CAB', 'the form on CAB');
    byId('list-remove')!.click();
    await until(() => !card('CAB') && !byId('list-form'), 'CAB removed');
    expect(calls('remove_list').at(-1)).toEqual({ name: 'CAB' });
  });

  it('imports people from CSV: a bad file names every bad line and changes nothing, a good one adds them', async () => {
    await open();
    core.stakeholders.csvFile = { name: 'people.csv', text: 'name,email,organisation\nZoe Quinn,zoe@example.org,Ops\nNo Mail,not-an-address,\n,yan@example.org,\n' };
    byId('people-import')!.click();
    await until(() => !!byId('people-import-error'), 'the refusal');
    expect(byId('people-import-error')?.textContent).toContain('people.csv: 2 problems found, nothing was imported.');
    expect(all('people-import-problem').map((p) => p.textContent)).toEqual(['line 3: "not-an-address" is not an e-mail address', 'line 4: the name is empty']);
    expect(all('person-row')).toHaveLength(3);

    core.stakeholders.csvFile = { name: 'people.csv', text: 'Zoe Quinn,zoe@example.org,Ops\nBob Builder,BOB@example.org,IT\n' };
    byId('people-import')!.click();
    await until(() => !!byId('people-import-result'), 'the result');
    expect(byId('people-import-result')?.textContent).toContain('Imported: 1 added, 1 updated.');
    expect(byId('people-import-error')).toBeNull();
    await until(() => all('person-row').length === 4, 'the new person');
    expect(person('zoe@example.org')?.textContent).toContain('Zoe Quinn');
    expect(person('bob@example.org')?.textContent).toContain('Bob Builder');

    // Cancelling the dialog changes nothing and says nothing.
    core.stakeholders.csvFile = null;
    byId('people-import')!.click();
    await until(() => calls('import_people_csv').length === 3, 'the third import');
    expect(byId('people-import-result')).not.toBeNull();

    byId('people-export')!.click();
    await until(() => byId('notice')?.textContent?.includes('/home/ada/People.csv') ?? false, 'the export notice');
    expect(byId('notice')?.textContent).toContain('4 people');
  });

  it('shows plan text as text', async () => {
    await open([{ name: '<img src=x onerror=alert(1)>', purpose: '<b>bold</b>', members: [{ person: 'ada@example.org' }], follows: [] }]);
    const c = all('list-card')[0]!;
    expect(c.querySelector('img')).toBeNull();
    expect(c.querySelector('b')).toBeNull();
    expect(c.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(c.textContent).toContain('<b>bold</b>');
  });
});
