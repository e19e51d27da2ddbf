// Subscriptions to the events the Rust shell emits (docs/ipc.md, "Events").

import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { AppState, ErrorInfo, MergeReport, MessageState } from './bindings';
import { toErrorInfo } from './errors';

export interface ShellEvents {
  planChanged: (state: AppState) => void;
  planError: (error: ErrorInfo) => void;
  menu: (action: string) => void;
}

/** Subscribes to every shell event; resolves with one function that unsubscribes them all. */
export async function subscribe(handlers: ShellEvents): Promise<() => void> {
  const unlisteners: UnlistenFn[] = await Promise.all([
    listen<AppState>('plan-changed', (e) => handlers.planChanged(e.payload)),
    listen<unknown>('plan-error', (e) => handlers.planError(toErrorInfo(e.payload))),
    listen<string>('menu', (e) => handlers.menu(String(e.payload))),
  ]);
  return () => unlisteners.forEach((u) => u());
}

/** While Save… runs: the file is chosen and the PDF is being written (payload: its file name). */
export async function onReportWriting(handler: (fileName: string) => void): Promise<() => void> {
  try {
    return await listen<string>('report-writing', (e) => handler(String(e.payload)));
  } catch {
    // Outside the shell there are no events: the UI just says "Saving…" throughout.
    return () => {};
  }
}

/** What `outbox-progress` carries: a message ended (sent or failed), or the send run is over. */
export interface OutboxProgress {
  done: number;
  total: number;
  id: number | null;
  state: MessageState | null;
  error: string | null;
  next_attempt: string | null;
  finished: boolean;
}

/** Follows a send run (`send_messages`). */
export async function onOutboxProgress(handler: (p: OutboxProgress) => void): Promise<() => void> {
  try {
    return await listen<OutboxProgress>('outbox-progress', (e) => handler(e.payload));
  } catch {
    return () => {};
  }
}

/** A merge the page did not start (the end-to-end tests' `merge_changes_path`): its report. */
export async function onChangesMerged(handler: (report: MergeReport) => void): Promise<() => void> {
  try {
    return await listen<MergeReport>('changes-merged', (e) => handler(e.payload));
  } catch {
    return () => {};
  }
}
