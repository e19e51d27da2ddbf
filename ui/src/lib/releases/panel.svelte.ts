// The edits a release-detail panel makes (linking an RFC, changing a CI's version, adding a
// dependency): one at a time, with the panel's buttons disabled while one runs, and the core's
// refusal shown in the panel itself, next to the form the user just filled in.

import type { ErrorInfo } from '../ipc/bindings';
import { refusalText } from '../ipc/errors';

export class PanelAction<T> {
  /** An edit is running: the panel disables the buttons that would start another. */
  busy = $state(false);
  /** Why the last edit failed, or a check of the panel's own form; the panel shows it. */
  error = $state<string | null>(null);

  /** `refresh` brings the panel up to date with an edit's result, before `busy` clears. */
  constructor(private readonly refresh: (result: T) => Promise<void>) {}

  /** Runs `action` then the refresh; true when both succeeded, else `error` says why. */
  async run(action: () => Promise<T>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await this.refresh(await action());
      return true;
    } catch (e) {
      this.error = refusalText(e as ErrorInfo);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
