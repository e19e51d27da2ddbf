// The outbox's commands for the FakeCore (docs/ipc.md: outbox_messages … send_messages), in
// memory: messages in their states, edit/approve/discard/mark sent refused in the wrong state in
// the core's words, templates checked for unknown placeholders, the CAB agenda, the mail server
// (never its password), and sending that "sends" every approved message at once.

import type { ErrorInfo, MailSettings, Message, MessageState, OutboxCounts, Template, TemplateView, Trigger } from '../lib/ipc/bindings';
import type { Command } from '../lib/ipc/commands';

export const OUTBOX_COMMANDS: readonly Command[] = [
  'outbox_messages',
  'outbox_counts',
  'outbox_message',
  'edit_message',
  'approve_messages',
  'approve_all',
  'discard_messages',
  'mark_sent',
  'message_templates',
  'set_message_template',
  'check_overdue',
  'make_cab_agenda',
  'export_message_eml',
  'mail_settings',
  'save_mail_settings',
  'send_messages',
];

const PLACEHOLDERS = ['release', 'title', 'stage', 'window', 'before', 'after', 'who', 'when'];
const NOW = '2027-03-01T09:00:00.000Z';

/** A message as the core makes one: a downtime invitation for `release` unless told otherwise. */
export function fakeMessage(id: number, over: Partial<Message> = {}): Message {
  const release = over.release ?? 'REL-00001';
  return {
    id,
    trigger: 'downtime',
    release,
    activity: 'deploy',
    state: 'pending',
    subject: `Downtime scheduled: ${release}`,
    body: `The deployment window of ${release} moved.\nWhen: 2027-03-10 22:00–23:00`,
    recipients: [
      { email: 'chen.wei@example.org', name: 'Chen Wei', code: 'R', role: 'REQ-PARTICIPANT', why: ['Deployment staff'] },
      { email: 'ada@example.org', name: 'Ada Lovelace', code: 'A', role: 'CHAIR', why: ['Release Manager'] },
    ],
    from: { email: 'ada@example.org', name: 'Ada Lovelace' },
    invite: { uid: `${release}-window@runway`, sequence: 1, method: 'REQUEST', ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
    message_id: `${id}@runway`,
    facts: [],
    made_at: NOW,
    made_by: 'Ada Lovelace',
    edited: false,
    approved_at: null,
    approved_by: null,
    attempts: 0,
    next_attempt: null,
    error: null,
    sent_at: null,
    reply: null,
    ...over,
  };
}

const refuse = (message: string): ErrorInfo => ({ code: 'conflict', message, fields: [] });

export class FakeOutbox {
  messages: Message[] = [];
  templates: Template[] = [];
  mail: MailSettings | null = null;
  /** The password last given to save_mail_settings (the tests check it never comes back). */
  password: string | null = null;
  /** Where Export .eml… "saves", or null for Cancel. */
  emlChoice: string | null = '/home/ada/message.eml';

  invoke(command: string, args: Record<string, unknown>): unknown {
    const a = args as { id: number; ids: number[]; states: MessageState[]; subject: string; body: string; reason: string };
    switch (command) {
      case 'outbox_messages':
        return structuredClone(this.messages.filter((m) => !a.states.length || a.states.includes(m.state)).sort((x, y) => y.id - x.id));
      case 'outbox_counts':
        return this.counts();
      case 'outbox_message':
        return structuredClone(this.find(a.id));
      case 'edit_message': {
        const m = this.open(a.id, 'edited', ['pending', 'failed', 'check']);
        const subject = a.subject.trim();
        if (!subject) throw { code: 'validation', message: 'A message needs a subject.', fields: [{ field: 'subject', message: 'A message needs a subject.' }] };
        Object.assign(m, { subject, body: a.body, edited: true });
        return structuredClone(m);
      }
      case 'approve_messages':
        return this.approve(a.ids);
      case 'approve_all':
        return this.approve(this.messages.filter((m) => m.state === 'pending').map((m) => m.id));
      case 'discard_messages':
        a.ids.forEach((id) => this.open(id, 'discarded', ['pending', 'approved', 'failed', 'check']));
        return a.ids.map((id) => structuredClone(Object.assign(this.find(id), { state: 'discarded', error: a.reason || 'Discarded.' })));
      case 'mark_sent':
        return structuredClone(Object.assign(this.open(a.id, 'marked as sent', ['check']), { state: 'sent', sent_at: NOW }));
      case 'message_templates':
        return (['status_changed', 'date_moved', 'downtime'] as Trigger[]).map((t) => this.view(t));
      case 'set_message_template':
        return this.setTemplate((args as { template: Template }).template);
      case 'check_overdue':
        return [];
      case 'make_cab_agenda': {
        const { from, to } = args as { from: string; to: string };
        if (to < from) throw { code: 'validation', message: 'bad range', fields: [{ field: 'to', message: `The agenda ends (${to}) before it starts (${from}).` }] };
        const m = fakeMessage(this.nextId(), { trigger: 'cab_agenda', release: null, invite: null, subject: `CAB agenda ${from} to ${to}` });
        this.messages.push(m);
        return structuredClone(m);
      }
      case 'export_message_eml':
        this.find(a.id);
        return this.emlChoice;
      case 'mail_settings':
        return structuredClone(this.mail);
      case 'save_mail_settings': {
        const { settings, password } = args as { settings: MailSettings; password: string | null };
        if (!settings.host.trim()) throw { code: 'validation', message: 'no host', fields: [{ field: 'host', message: "Enter the mail server's name (e.g. smtp.example.com)." }] };
        this.mail = structuredClone(settings);
        if (password) this.password = password;
        return null;
      }
      case 'send_messages': {
        if (!this.mail) throw refuse('No mail server is set: choose Mail server… and enter it.');
        const due = this.messages.filter((m) => m.state === 'approved');
        due.forEach((m) => Object.assign(m, { state: 'sent', sent_at: NOW, reply: '250 2.0.0 Ok: queued' }));
        return due.length;
      }
      default:
        throw refuse(`the fake outbox has no ${command}`);
    }
  }

  counts(): OutboxCounts {
    const c: OutboxCounts = { pending: 0, approved: 0, sending: 0, sent: 0, failed: 0, discarded: 0, check: 0 };
    for (const m of this.messages) c[m.state]++;
    return c;
  }

  private nextId = () => Math.max(0, ...this.messages.map((m) => m.id)) + 1;

  private find(id: number): Message {
    const m = this.messages.find((x) => x.id === id);
    if (!m) throw { code: 'not_found', message: `There is no message ${id} in the outbox.`, fields: [] } satisfies ErrorInfo;
    return m;
  }

  private open(id: number, what: string, allowed: MessageState[]): Message {
    const m = this.find(id);
    if (!allowed.includes(m.state)) throw refuse(`Message ${id} cannot be ${what}: it is ${m.state}.`);
    return m;
  }

  private approve(ids: number[]): Message[] {
    if (!ids.length) throw { code: 'validation', message: 'Choose at least one message.', fields: [{ field: 'ids', message: 'Choose at least one message.' }] };
    ids.forEach((id) => this.open(id, 'approved', ['pending', 'failed', 'check']));
    return ids.map((id) => structuredClone(Object.assign(this.find(id), { state: 'approved', approved_by: 'Ada Lovelace', approved_at: NOW })));
  }

  private view(t: Trigger): TemplateView {
    const own = this.templates.find((x) => x.trigger === t);
    const template = own ?? { trigger: t, subject: `${t}: {release}`, body: '{title}\n{before} → {after}', auto_approve: false };
    return { template: structuredClone(template), label: t, built_in: !own, placeholders: PLACEHOLDERS };
  }

  private setTemplate(t: Template): TemplateView {
    const fields = (['subject', 'body'] as const).flatMap((f) =>
      [...t[f].matchAll(/\{(\w+)\}/g)]
        .filter((m) => !PLACEHOLDERS.includes(m[1]!))
        .map((m) => ({ field: f, message: `{${m[1]}} is not a placeholder: use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.` })),
    );
    if (fields.length) throw { code: 'validation', message: fields[0]!.message, fields } satisfies ErrorInfo;
    this.templates = [...this.templates.filter((x) => x.trigger !== t.trigger), structuredClone(t)];
    return this.view(t.trigger);
  }
}
