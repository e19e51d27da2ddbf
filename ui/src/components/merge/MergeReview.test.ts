// @vitest-environment jsdom
// Merging copies of a plan in the app against the FakeCore (its FakeMerge): the Merge review's
// cards with their sides side by side (values readable, who, when, which copy, the side that
// stands), the sidebar's count; "Keep this" sends a pick of that side, Edit… a value as JSON text,
// Rename… a rename; a refusal shows on its card; the empty state. File → Merge Changes… shows what
// the merge did and opens the review; File → Export Changes… exports everything or since a peer.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MergeReport } from '../../lib/ipc/bindings';
import { $, all, byId } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { HERE, THERE, cycleCard, deletedCard, keyCard, phaseCard, titleCard } from '../../test/fakeMerge';
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

const card = (id: string) => $<HTMLElement>(`[data-testid="review-card"][data-card="${id}"]`)!;
const inCard = (id: string, testid: string) => [...card(id).querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const badge = () => text(byId('merge-badge'));

function set(el: HTMLInputElement | HTMLSelectElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  flushSync();
}

async function start(cards = [phaseCard(), titleCard(), deletedCard(), keyCard(), cycleCard()]) {
  core = new FakeCore(3);
  core.merge.cards = cards;
  delete document.body.dataset.ready;
  await ui.mountApp();
}

async function openReview() {
  byId('nav-merge')!.click();
  await until(() => !!byId('merge-review') && (all('review-card').length > 0 || !!byId('merge-empty')), 'the merge review');
  await until(() => !!byId('replica-info'), 'the replica facts');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);
afterEach(() => {
  ui.unmount();
  listeners.clear();
});

describe('the Merge review', () => {
  it('shows one card per row with both sides side by side, and the count in the sidebar', async () => {
    await start();
    await until(() => badge() === '5', 'the badge');
    await openReview();
    expect(all('review-card').map((c) => c.dataset.kind)).toEqual(['field', 'field', 'deleted', 'key', 'cycle']);
    expect(text(byId('merge-count'))).toBe('5 cards to decide');

    const phase = phaseCard().id;
    expect(text(inCard(phase, 'card-subject')[0])).toBe('REL-00001');
    expect(text(inCard(phase, 'card-what')[0])).toBe('Phase Dress rehearsal edited on both sides');
    // This copy's side on the left.
    expect(inCard(phase, 'side-value').map(text)).toEqual(['2027-01-04 – 2027-01-05', '2027-01-11 – 2027-01-12']);
    expect(inCard(phase, 'side-author').map(text)).toEqual(['ada', 'bob']);
    expect(inCard(phase, 'side-copy').map(text)).toEqual(['this copy', 'copy …cea9405b']);
    expect(inCard(phase, 'card-side').map((s) => s.dataset.standing)).toEqual(['false', 'true']);
    expect(inCard(phase, 'side-standing').map(text)).toEqual(['Stands for now']);
    expect(inCard(phase, 'card-side')[1]!.querySelector('[data-testid="side-standing"]')).not.toBeNull();
    expect(inCard(phase, 'side-keep').map(text)).toEqual(['Keep this', 'Keep this']);

    // Text from the other copy is shown as text.
    const title = titleCard().id;
    expect(text(inCard(title, 'card-what')[0])).toBe('Title edited on both sides');
    expect(inCard(title, 'side-value').map(text)).toEqual(['Ledger 4.2', '<b>Ledger</b> 4.2 & more']);
    expect(card(title).querySelector('b')).toBeNull();

    const gone = deletedCard().id;
    expect(text(inCard(gone, 'card-what')[0])).toBe('Deleted by one side, edited by the other');
    expect(inCard(gone, 'side-value').map(text)).toEqual(['Deleted', 'Keep me']);
    expect(inCard(gone, 'side-keep').map(text)).toEqual(['Keep it deleted', 'Bring it back with this edit']);
    expect(inCard(gone, 'card-edit')).toEqual([]);

    const key = keyCard().id;
    expect(text(inCard(key, 'card-what')[0])).toBe('Two releases claim the key REL-2027.05.01');
    expect(inCard(key, 'side-keep')).toEqual([]);
    expect(inCard(key, 'card-rename')).toHaveLength(1);

    const cycle = cycleCard().id;
    expect(text(inCard(cycle, 'card-what')[0])).toBe('Left out: it would close a cycle');
    expect(inCard(cycle, 'side-value').map(text)).toEqual(['finish to start, lag 2 days']);
    expect(inCard(cycle, 'card-leave-out')).toHaveLength(1);

    expect(text(byId('replica-info'))).toContain('merged from bob (…cea9405b)');

    // The release a card is about, by its title, one click away.
    expect(text(card(phase).querySelector('.subject'))).toBe('REL-00001 Release number 1');
    expect(inCard(key, 'card-show-release')).toEqual([]);
    inCard(phase, 'card-show-release')[0]!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00001', 'the release pane');
  });

  it('sends a pick of the side kept; the card closes, the count follows and Undo is offered', async () => {
    await start();
    await openReview();
    const phase = phaseCard();
    inCard(phase.id, 'side-keep')[1]!.click();
    await until(() => core.merge.decided.length === 1, 'the decision');
    expect(core.merge.decided[0]).toEqual([phase.id, { how: 'pick', op: `${THERE}:1` }]);
    await until(() => !$(`[data-card="${phase.id}"]`), 'the card to close');
    await until(() => badge() === '4', 'the badge to follow');
    expect(text(byId('notice'))).toContain('Edit → Undo');
    // Every view reloads after the decision, as after any edit.
    expect(core.calls.filter((c) => c.command === 'list_releases').length).toBeGreaterThan(1);

    inCard(deletedCard().id, 'side-keep')[1]!.click();
    await until(() => core.merge.decided.length === 2, 'the second decision');
    expect(core.merge.decided[1]).toEqual([deletedCard().id, { how: 'pick', op: `${HERE}:291` }]);
    await until(() => !$(`[data-card="${deletedCard().id}"]`), 'the card to close');

    inCard(cycleCard().id, 'card-leave-out')[0]!.click();
    await until(() => core.merge.decided.length === 3, 'the cycle decided');
    expect(core.merge.decided[2]).toEqual([cycleCard().id, { how: 'pick', op: `${THERE}:2` }]);
  });

  it('Edit… starts from the standing value and sends the value written as JSON text', async () => {
    await start();
    await openReview();
    const title = titleCard().id;
    inCard(title, 'card-edit')[0]!.click();
    flushSync();
    const input = inCard(title, 'edit-text')[0] as HTMLInputElement;
    expect(input.value).toBe('Ledger 4.2');
    set(input, 'Ledger "4.3"');
    inCard(title, 'card-form-save')[0]!.click();
    await until(() => core.merge.decided.length === 1, 'the decision');
    expect(core.merge.decided[0]).toEqual([title, { how: 'value', value: '"Ledger \\"4.3\\""' }]);
    await until(() => !$(`[data-card="${title}"]`), 'the card to close');

    // A phase is edited by its planned dates; its other fields are kept.
    const phase = phaseCard().id;
    inCard(phase, 'card-edit')[0]!.click();
    flushSync();
    const [from, to] = [inCard(phase, 'edit-from')[0] as HTMLInputElement, inCard(phase, 'edit-to')[0] as HTMLInputElement];
    expect([from.value, to.value]).toEqual(['2027-01-11', '2027-01-12']);
    set(to, '2027-01-10');
    inCard(phase, 'card-form-save')[0]!.click();
    flushSync();
    expect(text(inCard(phase, 'card-error')[0])).toBe('The phase ends before it starts.');
    set(to, '2027-01-13');
    inCard(phase, 'card-form-save')[0]!.click();
    await until(() => core.merge.decided.length === 2, 'the dates decided');
    const [, decision] = core.merge.decided[1]!;
    expect(decision.how).toBe('value');
    expect(JSON.parse((decision as { value: string }).value)).toEqual({
      actual_end: null,
      actual_start: null,
      planned_start: '2027-01-11',
      planned_end: '2027-01-13',
    });
  });

  it('Rename… keeps the key with one side and gives the other a key of its own', async () => {
    await start();
    await openReview();
    const key = keyCard();
    inCard(key.id, 'card-rename')[0]!.click();
    flushSync();
    const keeps = inCard(key.id, 'rename-keeps')[0] as HTMLSelectElement;
    expect(keeps.value).toBe(`${HERE}:292`);
    inCard(key.id, 'card-form-save')[0]!.click();
    flushSync();
    expect(text(inCard(key.id, 'card-error')[0])).toContain('a key of its own');
    expect(core.merge.decided).toEqual([]);
    set(keeps, `${THERE}:9`);
    set(inCard(key.id, 'rename-key')[0] as HTMLInputElement, 'REL-2027.05.02');
    inCard(key.id, 'card-form-save')[0]!.click();
    await until(() => core.merge.decided.length === 1, 'the rename');
    expect(core.merge.decided[0]).toEqual([key.id, { how: 'rename', keeps: `${THERE}:9`, key: 'REL-2027.05.02' }]);
  });

  it("shows the core's refusal on the card and keeps it open", async () => {
    await start([titleCard()]);
    await openReview();
    const invoke = core.merge.invoke.bind(core.merge);
    core.merge.invoke = (command, args) => {
      if (command === 'decide_card') throw { code: 'conflict', message: 'REL-00002 changed since: <i>look again</i>', fields: [] };
      return invoke(command, args);
    };
    inCard(titleCard().id, 'side-keep')[0]!.click();
    await until(() => inCard(titleCard().id, 'card-error').length === 1, 'the refusal');
    expect(text(inCard(titleCard().id, 'card-error')[0])).toBe('REL-00002 changed since: <i>look again</i>');
    expect(card(titleCard().id).querySelector('i')).toBeNull();
    expect(all('review-card')).toHaveLength(1);
  });

  it('says there is nothing to review when no card is open, with no badge', async () => {
    await start([]);
    await openReview();
    expect(text(byId('merge-empty'))).toContain('Nothing to review');
    expect(byId('merge-badge')).toBeNull();
    expect(all('review-card')).toEqual([]);

    // Only a merge opens a card: after another edit (here an undo) the journal is not read again.
    const reads = () => core.calls.filter((c) => c.command === 'review_cards').length;
    const before = reads();
    listeners.get('menu')!({ payload: 'undo' });
    await until(() => core.calls.some((c) => c.command === 'undo_edit'), 'the undo');
    await until(() => core.calls.filter((c) => c.command === 'list_releases').length >= 2, 'the reload');
    flushSync();
    expect(reads()).toBe(before);
  });

  it('reads the cards again after an edit while some are open', async () => {
    await start([titleCard()]);
    await openReview();
    const reads = () => core.calls.filter((c) => c.command === 'review_cards').length;
    const before = reads();
    listeners.get('menu')!({ payload: 'undo' });
    await until(() => reads() > before, 'the cards read again');
  });
});

const REPORT: MergeReport = {
  source: 'b.runway-changes',
  author: 'bob',
  replica: THERE,
  added: 3,
  already_had: 287,
  changed: ['REL-00001', 'REL-00001 → REL-00002', 'REL-00001 → REL-00002'],
  cards: [phaseCard()],
};

describe('File → Merge Changes… and Export Changes…', () => {
  it('merges the file the shell asks for, says what it did and opens the review', async () => {
    await start([]);
    core.merge.nextMerge = REPORT;
    listeners.get('menu')!({ payload: 'merge-changes' });
    await until(() => byId<HTMLDialogElement>('merge-summary')?.open === true, 'the summary');
    expect(text(byId('merge-headline'))).toBe('Merged 3 operations from bob (copy …cea9405b); this plan already had 287 more.');
    expect([...byId('merge-changed')!.querySelectorAll('li')].map(text)).toEqual(['REL-00001', 'REL-00001 → REL-00002']);
    expect(text(byId('merge-cards'))).toBe('1 card to review: a change needs your decision.');
    await until(() => badge() === '1', 'the badge');
    byId('merge-open-review')!.click();
    await until(() => all('review-card').length === 1, 'the review');
    expect(byId<HTMLDialogElement>('merge-summary')!.open).toBe(false);
  });

  it('shows a merge the shell reports by itself (changes-merged), and nothing when the dialog is cancelled', async () => {
    await start([]);
    listeners.get('menu')!({ payload: 'merge-changes' });
    await until(() => core.calls.some((c) => c.command === 'merge_changes'), 'the merge');
    flushSync();
    expect(byId<HTMLDialogElement>('merge-summary')!.open).toBe(false);
    listeners.get('changes-merged')!({ payload: { ...REPORT, cards: [], added: 0, already_had: 290 } });
    await until(() => byId<HTMLDialogElement>('merge-summary')?.open === true, 'the summary');
    expect(text(byId('merge-headline'))).toBe('Nothing new from bob (copy …cea9405b): this plan already had all 290 operations of b.runway-changes.');
    expect(text(byId('merge-cards'))).toContain('Nothing to review');
    expect(byId('merge-open-review')).toBeNull();
  });

  it('exports everything, or only what a peer has not seen', async () => {
    await start([]);
    listeners.get('menu')!({ payload: 'export-changes' });
    await until(() => byId<HTMLDialogElement>('export-changes-dialog')?.open === true && all('export-since-peer').length === 1, 'the dialog');
    expect(byId<HTMLInputElement>('export-since-all')!.checked).toBe(true);
    byId('export-changes-go')!.click();
    await until(() => !!byId('export-changes-result'), 'the result');
    expect(text(byId('export-changes-result'))).toBe('Wrote 291 operations to /home/ada/plans/demo changes.runway-changes');
    const peer = all('export-since-peer')[0] as HTMLInputElement;
    peer.checked = true;
    peer.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    byId('export-changes-go')!.click();
    await until(() => text(byId('export-changes-result')).startsWith('Wrote 3 operations'), 'the second export');
    expect(core.calls.filter((c) => c.command === 'export_changes').map((c) => c.args)).toEqual([{ since: null }, { since: THERE }]);
  });
});
