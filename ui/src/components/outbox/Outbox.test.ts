// @vitest-environment jsdom
// The Outbox view mounted in the app against the in-memory FakeCore (its FakeOutbox): the list by
// state with counts, the preview exactly as the message goes out (recipients with their roles,
// the body as text, the invitation), an edit then an approval, bulk approval of ticked messages,
// the sidebar's badge, and the mail server dialog never showing the password.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { $, all, byId } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { fakeMessage } from '../../test/fakeOutbox';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { flushSync, until, press } = ui;

const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const row = (id: number) => $<HTMLElement>(`[data-testid="outbox-row"][data-id="${id}"]`);
const calls = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.args);

function set(id: string, value: string) {
  const el = byId<HTMLInputElement | HTMLTextAreaElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

async function open() {
  core = new FakeCore(3);
  core.outbox.messages = [
    fakeMessage(1, { release: 'REL-00001' }),
    fakeMessage(2, { release: 'REL-00002', trigger: 'status_changed', invite: null, subject: 'REL-00002 is now Planned', body: '<b>not markup</b>\nline two' }),
    fakeMessage(3, { release: 'REL-00002', state: 'sent', sent_at: '2027-03-01T10:00:00Z', reply: '250 Ok' }),
  ];
  await ui.mountApp();
  press('7', { ctrlKey: true });
  await until(() => all('outbox-row').length === 2, 'the outbox');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

afterEach(() => {
  ui.unmount();
  delete document.body.dataset.ready;
});

describe('the Outbox view', () => {
  it('lists the pending messages with counts per state, and the badge', async () => {
    await open();
    expect(text('outbox-tab-pending')).toBe('Pending approval 2');
    expect(text('outbox-tab-sent')).toBe('Sent 1');
    expect(text('outbox-tab-all')).toBe('All 3');
    expect(text('outbox-badge')).toBe('2');
    expect(row(2)?.textContent).toContain('Status changed');
    expect(row(2)?.textContent).toContain('REL-00002 is now Planned');
    expect(row(1)?.querySelector('[data-testid="outbox-row-count"]')?.textContent).toBe('2');
    byId('outbox-tab-sent')!.click();
    await until(() => all('outbox-row').length === 1 && !!row(3), 'the sent tab');
  });

  it('previews a message as it goes out: recipients, roles, plain body, invitation', async () => {
    await open();
    row(1)!.click();
    flushSync();
    const chen = $<HTMLElement>('[data-testid="message-recipient"][data-email="chen.wei@example.org"]')!;
    expect(chen.textContent).toContain('Chen Wei');
    expect(chen.textContent).toContain('Required');
    expect(chen.textContent).toContain('Deployment staff');
    expect(text('message-from')).toBe('Ada Lovelace <ada@example.org>');
    const invite = byId('message-invite')!;
    expect(invite.textContent).toContain('SEQUENCE 1');
    expect(invite.textContent).toContain('REL-00001-window@runway');
    expect(invite.textContent).toContain('invite.ics attached');
    row(2)!.click();
    flushSync();
    expect(byId('message-body')!.textContent).toBe('<b>not markup</b>\nline two');
    expect(byId('message-body')!.querySelector('b')).toBeNull();
    expect(byId('message-invite')).toBeNull();
  });

  it('edits a subject (a refusal at the field), then approves', async () => {
    await open();
    row(1)!.click();
    flushSync();
    byId('message-edit')!.click();
    flushSync();
    set('message-subject-input', '  ');
    byId('message-save')!.click();
    await until(() => !!byId('message-error-subject'), 'the refusal');
    expect(text('message-error-subject')).toBe('A message needs a subject.');
    set('message-subject-input', 'Tonight: payments down 22:00–23:00');
    byId('message-save')!.click();
    await until(() => text('message-subject') === 'Tonight: payments down 22:00–23:00', 'the saved subject');
    expect(calls('edit_message').at(-1)).toMatchObject({ id: 1, subject: 'Tonight: payments down 22:00–23:00' });
    byId('message-approve')!.click();
    await until(() => !row(1) && all('outbox-row').length === 1, 'approved out of the pending tab');
    expect(core.outbox.messages.find((m) => m.id === 1)!.state).toBe('approved');
    expect(text('outbox-badge')).toBe('1');
  });

  it('approves the ticked messages in bulk', async () => {
    await open();
    byId<HTMLInputElement>('outbox-tick-all')!.click();
    flushSync();
    expect(text('outbox-bulk-approve')).toBe('Approve 2');
    byId('outbox-bulk-approve')!.click();
    await until(() => !!byId('outbox-empty'), 'nothing pending');
    expect(calls('approve_messages').at(-1)).toEqual({ ids: [2, 1] });
    expect(byId('outbox-badge')).toBeNull();
    expect(text('outbox-tab-approved')).toBe('Approved 2');
  });

  it('keeps the mail server without showing the password again', async () => {
    await open();
    byId('outbox-mail')!.click();
    await until(() => !!byId('mail-dialog'), 'the mail dialog');
    set('mail-host', '127.0.0.1');
    set('mail-port', '2525');
    set('mail-password', 'secret');
    byId('mail-save')!.click();
    await until(() => !byId('mail-dialog'), 'the dialog closed');
    expect(core.outbox.mail).toMatchObject({ host: '127.0.0.1', port: 2525 });
    expect(core.outbox.password).toBe('secret');
    byId('outbox-mail')!.click();
    await until(() => !!byId('mail-dialog'), 'the mail dialog again');
    expect(byId<HTMLInputElement>('mail-host')!.value).toBe('127.0.0.1');
    expect(byId<HTMLInputElement>('mail-password')!.value).toBe('');
  });
});
