// What the Matrix view (components/matrix/Matrix.svelte) does, apart from its markup: the matrix
// for the portfolio or one release, the SARCI / RACI mode, the cell cursor and its keys, and the
// edits (cells, roles, activities, people, assignments), each one undoable write in the core. It
// reloads when the release changes and after every change to the plan (`app.revision`: an undo or
// a redo from anywhere). Made once by the component while it initialises.

import { untrack } from 'svelte';
import { app } from '../app.svelte';
import * as ipc from '../ipc/client';
import type { Code, ErrorInfo, MatrixEdit, MatrixView, Person } from '../ipc/bindings';
import {
  breaksByActivity,
  cellIndex,
  clampCursor,
  codeAt,
  movedCursor,
  reorderKey,
  typedCode,
  validity,
  type Cursor,
} from './model';

/** The form above the grid: adding or renaming a role, adding or editing an activity. */
export type MatrixForm =
  | { kind: 'add-role' }
  | { kind: 'rename-role'; key: string; name: string }
  | { kind: 'add-activity' }
  | { kind: 'edit-activity'; key: string; name: string; description: string };

export class MatrixController {
  view = $state.raw<MatrixView | null>(null);
  /** The release the names are resolved for; null for the portfolio. */
  release = $state<string | null>(null);
  raci = $state(false);
  cursor = $state<Cursor>({ row: 0, col: 0 });
  /** Bumped when the keyboard moved the cursor: the grid then focuses its cell. */
  focusTick = $state(0);
  loadError = $state<string | null>(null);
  /** The core's last refusal (a removed role that is held, a name taken…), shown above the grid. */
  refusal = $state<string | null>(null);
  form = $state.raw<MatrixForm | null>(null);
  formError = $state<string | null>(null);
  busy = $state(false);

  index = $derived(this.view ? cellIndex(this.view.matrix) : new Map<string, Code>());
  breaks = $derived(breaksByActivity(this.view?.violations ?? []));
  badge = $derived(validity(this.view?.violations ?? []));
  roles = $derived(this.view?.matrix.roles ?? []);
  activities = $derived(this.view?.matrix.activities ?? []);
  focused = $derived.by(() => {
    const a = this.activities[this.cursor.row];
    const r = this.roles[this.cursor.col];
    return a && r ? { activity: a, role: r, code: codeAt(this.index, a.key, r.key) } : null;
  });

  private seq = 0;
  /** The app revision an edit of ours made (its reload is not needed: the edit answered the view). */
  private ownRevision = -1;
  private planPath = $derived(app.plan?.path ?? null);

  constructor() {
    $effect(() => {
      const revision = app.revision;
      void this.planPath;
      void this.release;
      untrack(() => {
        if (revision === this.ownRevision) return;
        void this.reload();
      });
    });
  }

  destroy(): void {
    this.seq++;
  }

  reload = async (): Promise<void> => {
    if (!app.plan) return;
    const mine = ++this.seq;
    const release = this.release;
    try {
      const view = await ipc.matrixView(release);
      if (mine !== this.seq) return;
      this.show(view);
      this.loadError = null;
    } catch (e) {
      if (mine !== this.seq) return;
      const err = e as ErrorInfo;
      // The release went (deleted, renamed by an undo): back to the portfolio.
      if (release && err.code === 'not_found') {
        this.release = null;
        return;
      }
      this.loadError = err.message || 'Something went wrong.';
    }
  };

  private show(view: MatrixView): void {
    this.view = view;
    this.cursor = clampCursor(this.cursor, view.matrix.activities.length, view.matrix.roles.length);
  }

  setRelease = (key: string | null): void => {
    this.release = key;
  };

  /** Runs an edit; the core answers the portfolio's view, so a release's is asked again. */
  private async run(what: () => Promise<MatrixView | unknown>, done?: string, list = false): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.refusal = null;
    const mine = ++this.seq;
    try {
      const answer = await what();
      const isView = !!answer && typeof answer === 'object' && 'matrix' in answer;
      const view = isView && (answer as MatrixView).release === this.release ? (answer as MatrixView) : await ipc.matrixView(this.release);
      if (mine === this.seq) this.show(view);
      if (done) app.showInfo(done);
      if (list) {
        const expected = app.revision + 1;
        this.ownRevision = expected;
        await app.refreshList();
        // The list could not be refreshed: the next change of revision is not ours.
        if (app.revision !== expected) this.ownRevision = -1;
      } else {
        await app.refreshUndo();
      }
      return true;
    } catch (e) {
      const err = e as ErrorInfo;
      if (err.code !== 'cancelled') this.refusal = err.fields[0]?.message ?? err.message;
      return false;
    } finally {
      this.busy = false;
    }
  }

  // --- Cells and the cursor ------------------------------------------------------------------------

  setCell = async (row: number, col: number, code: Code | null): Promise<void> => {
    const a = this.activities[row];
    const r = this.roles[col];
    if (!a || !r) return;
    if (codeAt(this.index, a.key, r.key) === code) return;
    await this.run(() => ipc.setMatrixCell(a.key, r.key, code));
  };

  select = (row: number, col: number): void => {
    this.cursor = { row, col };
  };

  /** Keys on the grid: arrows move, S/A/R/C/I set, Delete clears, Alt+arrows reorder. True when handled. */
  onKey = (e: KeyboardEvent): boolean => {
    if (e.defaultPrevented || e.isComposing || e.metaKey) return false;
    const rows = this.activities.length;
    const cols = this.roles.length;
    if (e.altKey) {
      const move = reorderKey(e.key, this.cursor, rows, cols);
      if (!move) return false;
      e.preventDefault();
      void this.reorder(move.what, move.to);
      return true;
    }
    const moved = movedCursor(this.cursor, e.key, rows, cols, e.ctrlKey);
    if (moved) {
      e.preventDefault();
      this.cursor = moved;
      this.focusTick++;
      return true;
    }
    if (e.ctrlKey) return false;
    const code = typedCode(e.key, this.raci);
    if (code === undefined) return false;
    e.preventDefault();
    void this.setCell(this.cursor.row, this.cursor.col, code);
    return true;
  };

  private async reorder(what: 'activity' | 'role', to: number): Promise<void> {
    const key = what === 'activity' ? this.activities[this.cursor.row]?.key : this.roles[this.cursor.col]?.key;
    if (!key) return;
    const ok = await this.run(() => ipc.editMatrix(what === 'activity' ? { op: 'move_activity', key, to } : { op: 'move_role', key, to }));
    if (ok) {
      this.cursor = what === 'activity' ? { row: to, col: this.cursor.col } : { row: this.cursor.row, col: to };
      this.focusTick++;
    }
  }

  // --- Roles and activities -----------------------------------------------------------------------

  moveRole = (key: string, by: number): Promise<boolean> => {
    const i = this.roles.findIndex((r) => r.key === key);
    return this.run(() => ipc.editMatrix({ op: 'move_role', key, to: Math.max(0, i + by) }));
  };

  moveActivity = (key: string, by: number): Promise<boolean> => {
    const i = this.activities.findIndex((a) => a.key === key);
    return this.run(() => ipc.editMatrix({ op: 'move_activity', key, to: Math.max(0, i + by) }));
  };

  removeRole = (key: string): Promise<boolean> => {
    const name = this.roles.find((r) => r.key === key)?.name ?? key;
    return this.run(() => ipc.editMatrix({ op: 'remove_role', key }), `Removed the role “${name}”. Ctrl+Z brings it back.`);
  };

  removeActivity = (key: string): Promise<boolean> => {
    const name = this.activities.find((a) => a.key === key)?.name ?? key;
    return this.run(() => ipc.editMatrix({ op: 'remove_activity', key }), `Removed the activity “${name}”. Ctrl+Z brings it back.`);
  };

  openForm = (form: MatrixForm): void => {
    this.form = form;
    this.formError = null;
  };

  closeForm = (): void => {
    this.form = null;
    this.formError = null;
  };

  /** Saves the open form's role or activity; the form stays open with the core's refusal. */
  saveForm = async (name: string, description: string): Promise<void> => {
    const f = this.form;
    if (!f) return;
    const edit: MatrixEdit =
      f.kind === 'add-role'
        ? { op: 'add_role', name }
        : f.kind === 'rename-role'
          ? { op: 'rename_role', key: f.key, name }
          : f.kind === 'add-activity'
            ? { op: 'add_activity', name, description }
            : { op: 'edit_activity', key: f.key, name, description };
    const ok = await this.run(() => ipc.editMatrix(edit));
    if (ok) {
      this.closeForm();
      // Role names show in the pickers and the history.
      await app.refreshPeople();
      if (edit.op === 'add_role') this.cursor = { row: this.cursor.row, col: this.roles.length - 1 };
      if (edit.op === 'add_activity') this.cursor = { row: this.activities.length - 1, col: this.cursor.col };
    } else {
      this.formError = this.refusal;
      this.refusal = null;
    }
  };

  // --- People -------------------------------------------------------------------------------------

  /** Adds a person to the plan; rejects with the core's ErrorInfo (the form shows it). */
  addPerson = async (person: Person): Promise<void> => {
    const saved = await ipc.savePerson(person);
    app.showInfo(`Added ${saved.name}. Ctrl+Z undoes it.`);
    await Promise.all([app.refreshCatalog(), app.refreshPeople(), app.refreshUndo()]);
  };

  /** `person` holds (or stops holding) `role`, for the release shown or the portfolio. */
  assign = async (role: string, person: string, on: boolean): Promise<boolean> => {
    const release = this.release;
    // A release's owner and manager are its record's: the release list shows them.
    const list = release !== null && (role === 'release_owner' || role === 'release_manager');
    const ok = await this.run(() => (on ? ipc.assignRole(role, person, release) : ipc.unassignRole(role, person, release)), undefined, list);
    if (ok) await app.refreshPeople();
    return ok;
  };

  exportCsv = async (): Promise<void> => {
    try {
      const path = await ipc.exportMatrixCsv(this.release, this.raci);
      if (path) app.showInfo(`Exported the matrix to ${path}.`);
    } catch (e) {
      app.showError(e as ErrorInfo);
    }
  };
}
