// Merging copies of a plan, the app's side (issue 20): the open review cards (the Merge review
// view and the sidebar's badge share them), the plan's place among its copies, File → Merge
// Changes… with what it did, File → Export Changes…, and a decision on a card. A merge and a
// decision are edits like any other: after them every view reloads (`app.afterChange`, which
// bumps `app.revision`), and the cards reload whenever the plan changes (an undo, another plan).

import { app } from '../app.svelte';
import * as ipc from '../ipc/client';
import type { Card, Decision, ErrorInfo, MergeReport, ReplicaInfo } from '../ipc/bindings';

class MergeReview {
  /** The open cards; null until first loaded (or when no plan is open). */
  cards = $state.raw<Card[] | null>(null);
  info = $state.raw<ReplicaInfo | null>(null);
  loadError = $state<string | null>(null);
  open = $derived(this.cards?.length ?? 0);

  /** The last merge's report while its summary is shown (null: the summary is closed). */
  report = $state.raw<MergeReport | null>(null);
  /** File → Export Changes…'s dialog is open. */
  exporting = $state(false);
  /** File → Merge Changes… is waiting for the file and the merge. */
  merging = $state(false);
  /** The card being decided, and the refusals by card id. */
  deciding = $state<string | null>(null);
  errors = $state.raw<Record<string, string>>({});

  private seq = 0;
  /** The plan the cards were loaded for. */
  private loadedFor: string | null = null;

  /** Reloads the cards (the view opened, a merge): a read, for the badge too. */
  refresh = async (): Promise<void> => {
    const mine = ++this.seq;
    const plan = app.plan?.path ?? null;
    if (!plan) {
      this.cards = null;
      this.loadedFor = null;
      return;
    }
    try {
      const cards = await ipc.reviewCards();
      if (mine !== this.seq) return;
      this.cards = cards;
      this.loadedFor = plan;
      this.loadError = null;
    } catch (e) {
      if (mine !== this.seq) return;
      this.loadError = (e as ErrorInfo).message;
    }
  };

  /** After an edit: the cards are read from the whole journal, which takes a while on a large plan,
   * and only a merge opens a card (a local edit, decision, undo or redo can only close one); so
   * they are read again only for another plan, or while some are open. */
  refreshAfterEdit = async (): Promise<void> => {
    const plan = app.plan?.path ?? null;
    if (plan === null || plan !== this.loadedFor || this.cards === null || this.cards.length > 0) await this.refresh();
  };

  /** This copy's replica id and its peers (the view and the export dialog show them). The core
   * gives a plan its replica id the first time it is asked, so only these ask, not the badge. */
  loadInfo = async (): Promise<void> => {
    try {
      this.info = app.plan ? await ipc.replicaInfo() : null;
    } catch (e) {
      this.info = null;
      this.loadError = (e as ErrorInfo).message;
    }
  };

  /** File → Merge Changes…: the shell asks for the file, merges it, and its report is shown. */
  async merge(): Promise<void> {
    if (!app.plan || this.merging) return;
    this.merging = true;
    try {
      const report = await ipc.mergeChanges();
      if (report) await this.merged(report);
    } catch (e) {
      app.showError(e as ErrorInfo);
    } finally {
      this.merging = false;
    }
  }

  /** A merge done (here or by the shell): its summary shows and every view reloads. */
  async merged(report: MergeReport): Promise<void> {
    this.report = report;
    this.cards = report.cards;
    this.loadedFor = app.plan?.path ?? null;
    await app.afterChange();
    await this.loadInfo();
  }

  /** The summary's "Open the review". */
  openReview(): void {
    this.report = null;
    app.go('merge');
  }

  /** Sends a decision on `card`; the card closes and the plan reloads, or its refusal shows on it. */
  async decide(card: Card, decision: Decision): Promise<boolean> {
    if (this.deciding) return false;
    this.deciding = card.id;
    const errors = { ...this.errors };
    delete errors[card.id];
    this.errors = errors;
    try {
      await ipc.decideCard(card.id, decision);
    } catch (e) {
      this.errors = { ...this.errors, [card.id]: (e as ErrorInfo).message };
      return false;
    } finally {
      this.deciding = null;
    }
    this.cards = (this.cards ?? []).filter((c) => c.id !== card.id);
    app.showInfo(`Decided ${card.subject}: Edit → Undo takes it back.`);
    await app.afterChange();
    return true;
  }

  /** File → Export Changes…: everything (`since` null) or what a peer has not seen. */
  async exportChanges(since: string | null): Promise<[string, number] | null> {
    return ipc.exportChanges(since);
  }
}

export const mergeReview = new MergeReview();
