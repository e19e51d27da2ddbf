// The outbox's counts, shared by the sidebar's badge and the Outbox view: reloaded when the plan
// changes (the sidebar follows `app.revision`) and after every action the view takes.

import * as ipc from '../ipc/client';
import type { OutboxCounts } from '../ipc/bindings';
import { attention } from './model';

class OutboxBadge {
  counts = $state.raw<OutboxCounts | null>(null);
  attention = $derived(attention(this.counts));
  private seq = 0;

  refresh = async (): Promise<void> => {
    const mine = ++this.seq;
    try {
      const c = await ipc.outboxCounts();
      if (mine === this.seq) this.counts = c;
    } catch {
      if (mine === this.seq) this.counts = null;
    }
  };
}

export const outboxBadge = new OutboxBadge();
