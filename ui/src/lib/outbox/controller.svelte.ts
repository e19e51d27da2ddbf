// What the Outbox view (components/outbox/Outbox.svelte) does, apart from its markup: the messages
// of the tab chosen, the one selected (its preview, its edit), the boxes ticked for bulk approve
// and discard, sending (its progress from `outbox-progress`, each failure with its reason), the
// mail server, the CAB agenda and the templates. Every action is one core call; the view reloads
// after it and whenever the plan changes (`app.revision`). Made once by the component.

import { untrack } from 'svelte';
import { app } from '../app.svelte';
import * as ipc from '../ipc/client';
import { onOutboxProgress, type OutboxProgress } from '../ipc/events';
import type { ErrorInfo, MailSettings, Message, Template, TemplateView } from '../ipc/bindings';
import { outboxBadge } from './badge.svelte';
import { TABS, byField, type TabId } from './model';

export type Dialog = 'mail' | 'agenda' | 'templates' | 'discard' | null;

/** A message that failed in the last send run: why, and when it is tried again. */
export interface Failure {
  error: string;
  retry: string | null;
}

export class OutboxController {
  tab = $state<TabId>('pending');
  messages = $state.raw<Message[] | null>(null);
  selectedId = $state<number | null>(null);
  ticked = $state.raw<Set<number>>(new Set());
  loadError = $state<string | null>(null);
  /** The last action's refusal, said above the list. */
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  busy = $state(false);

  /** The subject and body being edited, with the core's refusal by field. */
  edit = $state<{ subject: string; body: string } | null>(null);
  editErrors = $state.raw<Record<string, string>>({});

  dialog = $state<Dialog>(null);
  /** The messages the discard dialog is for. */
  discarding = $state.raw<number[]>([]);

  sending = $state.raw<OutboxProgress | null>(null);
  failures = $state.raw<Map<number, Failure>>(new Map());

  mail = $state.raw<MailSettings | null>(null);
  templates = $state.raw<TemplateView[] | null>(null);

  counts = $derived(outboxBadge.counts);
  selected = $derived(this.messages?.find((m) => m.id === this.selectedId) ?? null);

  private seq = 0;
  private unlisten: (() => void) | null = null;
  private planPath = $derived(app.plan?.path ?? null);

  constructor() {
    $effect(() => {
      void app.revision;
      void this.planPath;
      untrack(() => void this.reload());
    });
    void onOutboxProgress((p) => this.progress(p)).then((u) => {
      if (this.seq < 0) u();
      else this.unlisten = u;
    });
    // Overdue stages make their messages when the outbox is looked at.
    void ipc.checkOverdue().then(
      (ids) => {
        if (ids.length) void this.reload();
      },
      () => {},
    );
  }

  destroy(): void {
    this.seq = -1;
    this.unlisten?.();
  }

  reload = async (): Promise<void> => {
    if (!app.plan || this.seq < 0) return;
    const mine = ++this.seq;
    const tab = TABS.find((t) => t.id === this.tab) ?? TABS[0]!;
    try {
      const [messages] = await Promise.all([ipc.outboxMessages(tab.states), outboxBadge.refresh()]);
      if (mine !== this.seq) return;
      this.messages = messages;
      this.loadError = null;
      const ids = new Set(messages.map((m) => m.id));
      this.ticked = new Set([...this.ticked].filter((id) => ids.has(id)));
      if (this.selectedId === null || !ids.has(this.selectedId)) this.select(messages[0]?.id ?? null);
    } catch (e) {
      if (mine !== this.seq) return;
      this.loadError = (e as ErrorInfo).message || 'Something went wrong.';
    }
  };

  show = (tab: TabId): void => {
    this.tab = tab;
    this.ticked = new Set();
    this.selectedId = null;
    void this.reload();
  };

  select = (id: number | null): void => {
    if (id !== this.selectedId) {
      this.edit = null;
      this.editErrors = {};
    }
    this.selectedId = id;
  };

  tick = (id: number, on: boolean): void => {
    const next = new Set(this.ticked);
    if (on) next.add(id);
    else next.delete(id);
    this.ticked = next;
  };

  tickAll = (on: boolean): void => {
    this.ticked = on ? new Set((this.messages ?? []).map((m) => m.id)) : new Set();
  };

  /** Runs one action; a refusal is said, and the view reloads either way. */
  private async act<T>(f: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      return await f();
    } catch (e) {
      this.error = (e as ErrorInfo).message || 'Something went wrong.';
      return null;
    } finally {
      this.busy = false;
      await this.reload();
    }
  }

  startEdit = (): void => {
    const m = this.selected;
    if (m) this.edit = { subject: m.subject, body: m.body };
    this.editErrors = {};
  };

  saveEdit = async (): Promise<boolean> => {
    const m = this.selected;
    if (!m || !this.edit) return false;
    this.busy = true;
    try {
      await ipc.editMessage(m.id, this.edit.subject, this.edit.body);
      this.edit = null;
      this.editErrors = {};
      return true;
    } catch (e) {
      const f = byField(e as ErrorInfo);
      this.editErrors = f.other ? { ...f.at, other: f.other } : f.at;
      return false;
    } finally {
      this.busy = false;
      await this.reload();
    }
  };

  approve = (ids: number[]) =>
    this.act(async () => {
      const done = await ipc.approveMessages(ids);
      this.ticked = new Set();
      this.notice = done.length === 1 ? 'Approved 1 message.' : `Approved ${done.length} messages.`;
    });

  approveAll = () =>
    this.act(async () => {
      const done = await ipc.approveAll();
      this.notice = done.length ? `Approved ${done.length} pending message${done.length === 1 ? '' : 's'}.` : 'Nothing was waiting for approval.';
    });

  askDiscard = (ids: number[]): void => {
    this.discarding = ids;
    this.dialog = 'discard';
  };

  discard = (reason: string) =>
    this.act(async () => {
      await ipc.discardMessages(this.discarding, reason);
      this.ticked = new Set();
      this.dialog = null;
    });

  markSent = (id: number) => this.act(() => ipc.markSent(id));

  exportEml = (id: number) =>
    this.act(async () => {
      const path = await ipc.exportMessageEml(id);
      if (path) this.notice = `Saved ${path}.`;
    });

  send = (ids: number[] | null = null) =>
    this.act(async () => {
      this.failures = new Map();
      const total = await ipc.sendMessages(ids);
      this.sending = { done: 0, total, id: null, state: null, error: null, next_attempt: null, finished: total === 0 };
      if (total === 0) this.notice = 'Nothing is due to be sent.';
    });

  private progress(p: OutboxProgress): void {
    this.sending = p;
    if (p.id !== null && p.state === 'failed') {
      this.failures = new Map(this.failures).set(p.id, { error: p.error ?? 'It did not go out.', retry: p.next_attempt });
    }
    if (p.finished) {
      const failed = this.failures.size;
      const sent = p.done - failed;
      this.notice = `Sent ${sent} of ${p.total}${failed ? `; ${failed} failed` : ''}.`;
      if (p.error && p.id === null) this.error = p.error;
    }
    void this.reload();
  }

  openMail = async (): Promise<void> => {
    try {
      this.mail = await ipc.mailSettings();
    } catch {
      this.mail = null;
    }
    this.dialog = 'mail';
  };

  /** Keeps the mail server; the refusal by field, or null when kept. */
  saveMail = async (settings: MailSettings, password: string | null): Promise<Record<string, string> | null> => {
    try {
      const said = await ipc.saveMailSettings(settings, password);
      this.mail = settings;
      this.dialog = null;
      this.notice = said ?? `Mail server saved: ${settings.host}:${settings.port}.`;
      return null;
    } catch (e) {
      const f = byField(e as ErrorInfo);
      return f.other ? { ...f.at, other: f.other } : f.at;
    }
  };

  /** Makes the CAB agenda; the refusal by field, or null when made (and selected). */
  makeAgenda = async (from: string, to: string): Promise<Record<string, string> | null> => {
    try {
      const m = await ipc.makeCabAgenda(from, to);
      this.dialog = null;
      this.tab = 'pending';
      this.selectedId = m.id;
      await this.reload();
      return null;
    } catch (e) {
      const f = byField(e as ErrorInfo);
      return f.other ? { ...f.at, other: f.other } : f.at;
    }
  };

  openTemplates = async (): Promise<void> => {
    this.dialog = 'templates';
    try {
      this.templates = await ipc.messageTemplates();
    } catch (e) {
      this.error = (e as ErrorInfo).message;
      this.dialog = null;
    }
  };

  /** Keeps a template; the refusal by field, or null when kept. */
  saveTemplate = async (t: Template): Promise<Record<string, string> | null> => {
    try {
      const saved = await ipc.setMessageTemplate(t);
      this.templates = (this.templates ?? []).map((v) => (v.template.trigger === t.trigger ? saved : v));
      return null;
    } catch (e) {
      const f = byField(e as ErrorInfo);
      return f.other ? { ...f.at, other: f.other } : f.at;
    }
  };
}
