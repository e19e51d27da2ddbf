// A move or resize being tried on the roadmap: the preview (dates as dragged or nudged), the
// core's what-if for it (asked a moment after the last change, so a drag does not flood it, and
// at least every MAX_WAIT while the preview keeps changing, as it does while a drag scrolls the
// chart), and its commit as one audited edit.

import { app } from '../app.svelte';
import * as ipc from '../ipc/client';
import type { ErrorInfo, Layout, Shift, WhatIf } from '../ipc/bindings';
import { kindWord } from './callouts';
import { formatDay } from './dates';
import { changeOf, isNoop, type Preview } from './drag';

const DELAY = 120;
const MAX_WAIT = 400;

export class WhatIfSession {
  preview = $state.raw<Preview | null>(null);
  outcome = $state.raw<WhatIf | null>(null);
  checking = $state(false);
  error = $state<string | null>(null);
  committing = $state(false);
  /** The must-move shifts of the current what-if, by "key|kind". */
  mustMove = $derived(
    new Map<string, Shift>((this.outcome?.must_move ?? []).map((s) => [`${s.milestone.release}|${s.milestone.kind}`, s])),
  );

  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The last preview asked about, and the one whose answer is shown: older answers are dropped. */
  private seq = 0;
  private shown = 0;
  /** When the preview began changing without the core being asked. */
  private since: number | null = null;

  /** Shows `p` (null: nothing) and asks the core what it would do. */
  set(p: Preview | null): void {
    const now = this.preview;
    const same = p && now && p.key === now.key && p.kind === now.kind && p.start === now.start && p.end === now.end && p.release === now.release;
    if (same) return;
    this.preview = p && !isNoop(p) ? p : null;
    if (!this.preview) this.outcome = null;
    this.schedule();
  }

  cancel(): void {
    this.set(null);
  }

  /** After a reload: a preview whose bar no longer has the dates it started from is dropped. */
  dropStale(l: Layout): void {
    const p = this.preview;
    if (!p || this.committing) return;
    const bar = l.rows.find((r) => r.key === p.key)?.bars.find((b) => b.kind === p.kind);
    if (!bar || bar.start !== p.from.start || bar.end !== p.from.end) this.cancel();
  }

  /** Saves the preview: one audited edit that Ctrl+Z undoes. Nothing while the what-if refuses it. */
  async commit(): Promise<void> {
    const p = this.preview;
    const change = p ? changeOf(p) : null;
    if (!p || !change || this.committing) return;
    if ((this.outcome?.diagnostics.length ?? 0) > 0) return;
    this.committing = true;
    try {
      await ipc.applyChange(change);
    } catch (e) {
      this.committing = false;
      app.showError(e as ErrorInfo);
      return;
    }
    const what = p.release
      ? `Moved ${p.key} ${p.start > p.from.start ? 'later' : 'earlier'} to start ${formatDay(p.start)}.`
      : `Moved ${p.key} ${kindWord(p.kind)} to ${formatDay(p.start)}${p.end !== p.start ? ` – ${formatDay(p.end)}` : ''}.`;
    this.committing = false;
    this.cancel();
    app.showInfo(`${what} Ctrl+Z undoes it.`);
    await app.refreshList();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.shown = ++this.seq;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const change = this.preview ? changeOf(this.preview) : null;
    const mine = ++this.seq;
    if (!change) {
      this.shown = mine;
      this.since = null;
      this.outcome = null;
      this.checking = false;
      this.error = null;
      return;
    }
    this.checking = true;
    const now = Date.now();
    this.since ??= now;
    this.timer = setTimeout(async () => {
      this.timer = null;
      this.since = null;
      try {
        const w = await ipc.whatIf(change);
        // An answer for an earlier preview still shows while the newest is being checked.
        if (mine <= this.shown) return;
        this.shown = mine;
        this.outcome = w;
        this.error = null;
      } catch (e) {
        if (mine <= this.shown) return;
        this.shown = mine;
        this.error = (e as ErrorInfo).message || 'The schedule could not be checked.';
      } finally {
        if (mine === this.seq) this.checking = false;
      }
    }, Math.max(0, Math.min(DELAY, this.since + MAX_WAIT - now)));
  }
}
