// What the Stakeholders view (components/stakeholders/Stakeholders.svelte) does, apart from its
// markup: the distribution lists and the people each reaches, the list form (add, edit, remove:
// each one undoable write in the core, a refusal kept in the form field by field), and the
// people's CSV in and out (an import all or nothing, its result or every bad line shown). It
// reloads after every change to the plan (`app.revision`: an undo or a redo from anywhere, another
// plan opened). Made once by the component while it initialises.

import { untrack } from 'svelte';
import { app } from '../app.svelte';
import * as ipc from '../ipc/client';
import type { DistributionList, ErrorInfo, PeopleImport, Person } from '../ipc/bindings';
import { importProblems, importWords, listsByPerson, placeListErrors, type ListErrors } from './model';

/** What the last Import CSV… did: people added and updated, or the file refused with its bad lines. */
export type ImportOutcome =
  | { kind: 'done'; result: PeopleImport; words: string }
  | { kind: 'refused'; summary: string; problems: string[] };

export class StakeholdersController {
  lists = $state.raw<DistributionList[] | null>(null);
  /** The people each list reaches (by list name), as the core expands it. */
  reach = $state.raw<Map<string, Person[]>>(new Map());
  loadError = $state<string | null>(null);
  /** The list form: `original` null for a new list. */
  form = $state.raw<{ original: DistributionList | null } | null>(null);
  /** The core's refusal of the form's list, by field, and of its removal. */
  formErrors = $state.raw<ListErrors>({ at: {}, other: [] });
  removeError = $state<string | null>(null);
  busy = $state(false);
  importing = $state(false);
  imported = $state.raw<ImportOutcome | null>(null);

  sorted = $derived([...(this.lists ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
  onLists = $derived(listsByPerson(this.lists ?? [], this.reach));
  people = $derived([...app.people].sort((a, b) => a.person.name.localeCompare(b.person.name)));

  private seq = 0;
  private planPath = $derived(app.plan?.path ?? null);

  constructor() {
    $effect(() => {
      void app.revision;
      void this.planPath;
      untrack(() => void this.reload());
    });
  }

  destroy(): void {
    this.seq++;
  }

  reload = async (): Promise<void> => {
    if (!app.plan) return;
    const mine = ++this.seq;
    try {
      const lists = await ipc.distributionLists();
      const reached = await Promise.all(lists.map((l) => ipc.listReach(l.name)));
      if (mine !== this.seq) return;
      this.lists = lists;
      this.reach = new Map(lists.map((l, i) => [l.name, reached[i] ?? []]));
      this.loadError = null;
      // The list being edited went (an undo): the form has nothing left to edit.
      const open = this.form?.original;
      if (open && !lists.some((l) => l.name === open.name)) this.closeForm();
    } catch (e) {
      if (mine !== this.seq) return;
      this.loadError = (e as ErrorInfo).message || 'Something went wrong.';
    }
  };

  openForm = (original: DistributionList | null): void => {
    this.form = { original };
    this.formErrors = { at: {}, other: [] };
    this.removeError = null;
  };

  closeForm = (): void => {
    this.form = null;
    this.formErrors = { at: {}, other: [] };
    this.removeError = null;
  };

  /** Saves the form's list; on a refusal the form stays open with it, field by field. True when saved. */
  saveList = async (list: DistributionList): Promise<boolean> => {
    const original = this.form?.original?.name ?? null;
    return this.run(async () => {
      const saved = await ipc.saveList(original, list);
      app.showInfo(`${original ? 'Saved' : 'Added'} the list “${saved.name}”. Ctrl+Z undoes it.`);
    });
  };

  /** Removes the form's list; a list other lists contain is refused, next to the Remove button. */
  removeList = async (): Promise<boolean> => {
    const name = this.form?.original?.name;
    if (!name) return false;
    return this.run(async () => {
      await ipc.removeList(name);
      app.showInfo(`Removed the list “${name}”. Ctrl+Z brings it back.`);
    }, true);
  };

  private async run(action: () => Promise<void>, removing = false): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.removeError = null;
    try {
      await action();
      this.closeForm();
      await Promise.all([this.reload(), app.refreshUndo()]);
      return true;
    } catch (e) {
      const err = e as ErrorInfo;
      if (removing) this.removeError = err.message;
      else this.formErrors = placeListErrors(err.fields ?? [], err.message);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Import CSV…: the shell asks for the file; the outcome shows above the people. */
  importCsv = async (): Promise<void> => {
    if (this.importing) return;
    this.importing = true;
    try {
      const result = await ipc.importPeopleCsv();
      if (!result) return;
      this.imported = { kind: 'done', result, words: importWords(result) };
      await Promise.all([app.refreshCatalog(), app.refreshPeople(), app.refreshUndo()]);
      await this.reload();
    } catch (e) {
      const err = e as ErrorInfo;
      if (err.code === 'cancelled') return;
      if (err.code === 'validation') this.imported = { kind: 'refused', ...importProblems(err.message) };
      else app.showError(err);
    } finally {
      this.importing = false;
    }
  };

  exportCsv = async (): Promise<void> => {
    try {
      const path = await ipc.exportPeopleCsv();
      if (path) app.showInfo(`Exported ${app.people.length} people to ${path}.`);
    } catch (e) {
      app.showError(e as ErrorInfo);
    }
  };
}
