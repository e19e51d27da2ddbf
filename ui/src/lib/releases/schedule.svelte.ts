// The release page's "Schedule conflicts" section, apart from its markup: the conflicts the open
// release is party to, whether the core can propose a slot for it (and why not), the next free
// slots the core proposes for its deployment, and applying one
// (one undoable edit of the release). The component calls `show` whenever the release or the
// plan changes (app.revision: an edit, an undo or a redo), so the list follows Ctrl+Z.

import { app } from '../app.svelte';
import * as ipc from '../ipc/client';
import type { Conflict, ErrorInfo, Slot } from '../ipc/bindings';
import { refusalText } from '../ipc/errors';
import { slotWords } from './conflicts';

/** How many slots "Next free slot" asks for. */
export const SLOT_COUNT = 5;

export class ReleaseSchedule {
  /** The release shown, by key. */
  key = $state<string | null>(null);
  conflicts = $state.raw<Conflict[] | null>(null);
  /** Why the core can propose no slot for it (its stage: its deployment can no longer move), or null. */
  noSlot = $state<string | null>(null);
  loadError = $state<string | null>(null);
  /** The slots proposed (null: none asked for since the last change). */
  slots = $state.raw<Slot[] | null>(null);
  finding = $state(false);
  /** The start of the slot being applied. */
  applying = $state<string | null>(null);
  /** Why finding or applying a slot failed. */
  slotError = $state<string | null>(null);
  private seq = 0;

  /** The release `key` as the plan holds it now: its conflicts reloaded, stale proposals dropped. */
  show(key: string): void {
    if (key !== this.key) {
      this.key = key;
      this.conflicts = null;
      this.noSlot = null;
      this.loadError = null;
    }
    this.slots = null;
    this.slotError = null;
    void this.load(key);
  }

  async load(key: string): Promise<void> {
    const mine = ++this.seq;
    try {
      const answer = await ipc.releaseConflicts(key);
      if (mine !== this.seq || key !== this.key) return;
      this.conflicts = answer.conflicts;
      this.noSlot = answer.no_slot;
      this.loadError = null;
    } catch (e) {
      if (mine !== this.seq || key !== this.key) return;
      this.loadError = (e as ErrorInfo).message || 'Something went wrong.';
    }
  }

  async findSlots(): Promise<void> {
    const key = this.key;
    if (!key || this.finding) return;
    this.finding = true;
    this.slotError = null;
    try {
      const slots = await ipc.releaseSlots(key, SLOT_COUNT);
      if (key === this.key) this.slots = slots;
    } catch (e) {
      if (key === this.key) this.slotError = refusalText(e as ErrorInfo);
    } finally {
      this.finding = false;
    }
  }

  /** Moves the deployment to `slot`; then the release, its conflicts and the list are the plan's. */
  async apply(slot: Slot): Promise<boolean> {
    const key = this.key;
    if (!key || this.applying) return false;
    this.applying = slot.start;
    this.slotError = null;
    try {
      const detail = await ipc.applySlot(key, slot.start);
      const { when, shift } = slotWords(slot);
      app.showInfo(`Moved the deployment of ${key} to ${when} (${shift}). Ctrl+Z undoes it.`);
      this.slots = null;
      // Refreshes the list (and so app.revision: the component reloads the conflicts through
      // `show`) and the lifecycle, whose gates judge the conflicts afresh.
      await app.showDetail(detail);
      return true;
    } catch (e) {
      if (key === this.key) this.slotError = refusalText(e as ErrorInfo);
      return false;
    } finally {
      this.applying = null;
    }
  }
}
