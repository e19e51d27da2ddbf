// Subscriptions to the events the Rust shell emits (docs/ipc.md, "Events").

import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { AppState, ErrorInfo } from './bindings';
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
