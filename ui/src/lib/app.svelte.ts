// The application state: the open plan, its releases and catalogue, the view, the release pane,
// the notice banner. Components read it and call its actions; only these actions talk to the core.

import * as ipc from './ipc/client';
import { subscribe } from './ipc/events';
import type {
  ActionOutcome,
  AppState,
  Catalog,
  ErrorInfo,
  EvidenceInput,
  HistoryItem,
  MoveInput,
  PersonRoles,
  Profile,
  ReleaseDetail,
  ReleaseInput,
  ReleaseLifecycle,
  ReleaseSummary,
  RoleDef,
  UndoState,
} from './ipc/bindings';
import { NO_FILTER, queryReleases, type ReleaseFilter, type SortSpec } from './releases/query';
import { applyTheme, effectiveTheme, loadTheme, saveTheme, toggledTheme, type ThemeChoice } from './theme';
import type { ViewId } from './views';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export type Pane = 'none' | 'detail' | 'new' | 'edit';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function systemPrefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export class RunwayApp {
  state = $state.raw<AppState | null>(null);
  /** Set when the core could not be reached at all. */
  unreachable = $state.raw<ErrorInfo | null>(null);
  releases = $state.raw<ReleaseSummary[]>([]);
  catalog = $state.raw<Catalog | null>(null);
  /** Who holds which role for the portfolio (the matrix's people), and the matrix's roles in order. */
  people = $state.raw<PersonRoles[]>([]);
  roles = $state.raw<RoleDef[]>([]);
  view = $state<ViewId>('releases');
  notice = $state.raw<Notice | null>(null);
  theme = $state<ThemeChoice>('system');
  /** The system asks for dark colours (followed while the app runs). */
  systemDark = $state(systemPrefersDark());
  /** The colours in effect are the dark ones: what a view painting on a canvas redraws for. */
  dark = $derived(effectiveTheme(this.theme, this.systemDark) === 'dark');

  filter = $state<ReleaseFilter>({ ...NO_FILTER });
  sort = $state<SortSpec>({ column: 'key', direction: 'asc' });
  visible = $derived(queryReleases(this.releases, this.filter, this.sort));
  cursorKey = $state<string | null>(null);

  pane = $state<Pane>('none');
  openKey = $state<string | null>(null);
  detail = $state.raw<ReleaseDetail | null>(null);
  detailError = $state<string | null>(null);
  /** The open release's lifecycle (stage, next steps, gates) and history. */
  lifecycle = $state.raw<ReleaseLifecycle | null>(null);
  history = $state.raw<HistoryItem[] | null>(null);
  /** What Ctrl+Z and Ctrl+Shift+Z would do now. */
  undo = $state.raw<UndoState>({ undo: null, redo: null });
  /** Bumped after every change, so views that load their own data (the dashboard) reload. */
  revision = $state(0);

  /** Key of the release waiting for the delete confirmation. */
  confirmDelete = $state<string | null>(null);
  helpOpen = $state(false);
  /** File → Import… or Export… asks for the format in a dialog (null: closed). */
  interchange = $state<'import' | 'export' | null>(null);
  /** File → Restore from backup… lists the open plan's backups in a dialog. */
  restoring = $state(false);
  /** The CAB presentation mode (F5) covers the window. */
  presenting = $state(false);
  /** Set to ask the release toolbar to focus its search box; it clears it. */
  focusSearch = $state(false);
  profileBannerDismissed = $state(false);

  plan = $derived(this.state?.plan ?? null);

  async init(): Promise<void> {
    this.setTheme(loadTheme(storage()), false);
    globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', (e) => {
      this.systemDark = e.matches;
    });
    try {
      await subscribe({
        planChanged: (s) => void this.load(s),
        planError: (e) => this.showError(e),
        menu: (a) => this.onMenu?.(a),
      });
    } catch (e) {
      // Outside the Tauri shell there are no events; app_state below reports the same failure.
      void e;
    }
    await this.load();
  }

  /** Set by the shell component to route menu actions through the same handler as the keyboard. */
  onMenu: ((action: string) => void) | null = null;

  /** Reloads everything, from a given AppState (plan-changed, file actions) or from the core. */
  async load(given?: AppState): Promise<void> {
    let state: AppState;
    try {
      state = given ?? (await ipc.appState());
    } catch (e) {
      this.unreachable = e as ErrorInfo;
      this.showError(e as ErrorInfo);
      return;
    }
    this.unreachable = null;
    this.closePane();
    this.cursorKey = null;
    this.filter = { ...NO_FILTER };
    if (state.notice) this.notice = { kind: 'info', text: state.notice };
    if (state.plan) {
      try {
        const [releases, catalog] = await Promise.all([ipc.listReleases(), ipc.catalog()]);
        this.releases = releases;
        this.catalog = catalog;
      } catch (e) {
        this.releases = [];
        this.catalog = null;
        this.showError(e as ErrorInfo);
      }
      await this.refreshPeople();
    } else {
      this.releases = [];
      this.catalog = null;
      this.people = [];
      this.roles = [];
    }
    this.state = state;
    this.revision++;
    await this.refreshUndo();
  }

  async refreshList(): Promise<void> {
    try {
      const [releases, state] = await Promise.all([ipc.listReleases(), ipc.appState()]);
      this.releases = releases;
      this.state = { ...state, notice: null };
      this.revision++;
    } catch (e) {
      this.showError(e as ErrorInfo);
    }
    await this.refreshUndo();
  }

  async refreshUndo(): Promise<void> {
    if (!this.state?.plan) {
      this.undo = { undo: null, redo: null };
      return;
    }
    try {
      this.undo = await ipc.undoState();
    } catch {
      this.undo = { undo: null, redo: null };
    }
  }

  /** Loads the open release's lifecycle and history (after opening it or after any change). */
  async loadLifecycle(key: string): Promise<void> {
    try {
      const [lifecycle, history] = await Promise.all([ipc.releaseLifecycle(key), ipc.releaseHistory(key)]);
      if (this.openKey === key) {
        this.lifecycle = lifecycle;
        this.history = history;
      }
    } catch (e) {
      if (this.openKey === key) this.showError(e as ErrorInfo);
    }
  }

  /** After a move or a decision: the new stage everywhere. */
  private async afterAction(key: string, outcome: ActionOutcome): Promise<void> {
    this.showInfo(outcome.message);
    if (this.openKey === key) {
      this.lifecycle = outcome.lifecycle;
      try {
        const [detail, history] = await Promise.all([ipc.getRelease(key), ipc.releaseHistory(key)]);
        if (this.openKey === key) {
          this.detail = detail;
          this.history = history;
        }
      } catch (e) {
        this.showError(e as ErrorInfo);
      }
    }
    await this.refreshList();
  }

  /** Moves the open release; rejects with the ErrorInfo (a refusal lists the unmet conditions). */
  async moveRelease(key: string, input: MoveInput): Promise<void> {
    const outcome = await ipc.moveRelease(key, input);
    await this.afterAction(key, outcome);
  }

  /** Records a decision or evidence (the shell asks for confirmation in a native dialog). */
  async recordEvidence(key: string, input: EvidenceInput): Promise<void> {
    const outcome = await ipc.recordEvidence(key, input);
    await this.afterAction(key, outcome);
  }

  /** Undo (or redo) the latest edit of the plan, then show the release it touched. */
  async undoEdit(redo = false): Promise<void> {
    if (!this.plan) return;
    // An open form holds typed changes the undo would throw away: it goes first.
    if (this.pane === 'edit' || this.pane === 'new') {
      this.showInfo('Save or cancel the release form first: undo and redo act on saved edits.');
      return;
    }
    let result: [string, string];
    try {
      result = redo ? await ipc.redoEdit() : await ipc.undoEdit();
    } catch (e) {
      const err = e as ErrorInfo;
      if (err.code === 'not_found') this.showInfo(err.message);
      else this.showError(err);
      return;
    }
    const [message, key] = result;
    this.showInfo(message);
    // The edit may have been the matrix's or a person's: the pickers and labels follow.
    await Promise.all([this.refreshPeople(), this.refreshCatalog()]);
    await this.refreshList();
    if (this.releases.some((r) => r.key === key)) {
      if (this.view === 'releases') await this.openRelease(key);
    } else if (this.openKey) {
      this.closePane();
    }
  }

  /** After a change made away from the release pane (a merge, a review card decided): the lists,
   * the pickers and the open release show the plan as it is now, as after an undo. */
  async afterChange(): Promise<void> {
    await Promise.all([this.refreshPeople(), this.refreshCatalog()]);
    await this.refreshList();
    const key = this.openKey;
    if (key && this.pane === 'detail') {
      if (this.releases.some((r) => r.key === key)) await this.openRelease(key);
      else this.closePane();
    }
  }

  async refreshCatalog(): Promise<void> {
    try {
      this.catalog = await ipc.catalog();
    } catch (e) {
      this.showError(e as ErrorInfo);
    }
  }

  /** Reloads who holds which role and the matrix's roles (after an edit of the matrix or of people). */
  async refreshPeople(): Promise<void> {
    try {
      const [people, view] = await Promise.all([ipc.listPeople(), ipc.matrixView(null)]);
      this.people = people;
      this.roles = view.matrix.roles;
    } catch (e) {
      this.people = [];
      this.roles = [];
      this.showError(e as ErrorInfo);
    }
  }

  showError(e: ErrorInfo): void {
    if (e.code === 'cancelled') return;
    this.notice = { kind: 'error', text: e.message || 'Something went wrong.' };
  }

  showInfo(text: string): void {
    this.notice = { kind: 'info', text };
  }

  go(view: ViewId): void {
    this.view = view;
  }

  setTheme(choice: ThemeChoice, persist = true): void {
    this.theme = choice;
    if (typeof document !== 'undefined') applyTheme(document.documentElement, choice);
    if (persist) saveTheme(storage(), choice);
  }

  toggleTheme(): void {
    this.setTheme(toggledTheme(this.theme, this.systemDark));
  }

  requestFind(): void {
    if (!this.plan) return;
    this.view = 'releases';
    this.focusSearch = true;
  }

  async openRelease(key: string): Promise<void> {
    this.cursorKey = key;
    this.openKey = key;
    this.pane = 'detail';
    this.detailError = null;
    if (this.detail?.release.key !== key) this.detail = null;
    if (this.lifecycle?.assessment.key !== key) {
      this.lifecycle = null;
      this.history = null;
    }
    try {
      const detail = await ipc.getRelease(key);
      if (this.openKey === key) this.detail = detail;
    } catch (e) {
      if (this.openKey === key) this.detailError = (e as ErrorInfo).message;
      return;
    }
    await this.loadLifecycle(key);
  }

  closePane(): void {
    this.pane = 'none';
    this.openKey = null;
    this.detail = null;
    this.detailError = null;
    this.lifecycle = null;
    this.history = null;
  }

  startNew(): void {
    if (!this.plan) return;
    this.view = 'releases';
    // Never throw away an edit in progress.
    if (this.pane !== 'edit') this.pane = 'new';
  }

  startEdit(): void {
    if (this.view !== 'releases' || !this.detail) return;
    this.pane = 'edit';
  }

  /** Leaves the form: back to the open release if there is one. */
  cancelForm(): void {
    this.pane = this.detail ? 'detail' : 'none';
  }

  /** Creates or updates; rejects with the ErrorInfo (the form shows it and keeps its input). */
  async saveRelease(input: ReleaseInput): Promise<void> {
    const detail =
      this.pane === 'edit' && this.detail
        ? await ipc.updateRelease(this.detail.release.key, input)
        : await ipc.createRelease(input);
    const key = detail.release.key;
    this.detail = detail;
    this.openKey = key;
    this.cursorKey = key;
    this.pane = 'detail';
    await this.refreshList();
    await this.loadLifecycle(key);
  }

  /** After a link or unlink: show the new detail and refresh the counts in the list. */
  async showDetail(detail: ReleaseDetail): Promise<void> {
    if (this.openKey === detail.release.key) this.detail = detail;
    await this.refreshList();
    if (this.openKey === detail.release.key) await this.loadLifecycle(detail.release.key);
  }

  /** The release Delete and Ctrl+E act on: the open one, else the selected row. */
  targetKey(): string | null {
    return this.openKey ?? this.cursorKey;
  }

  askDelete(): void {
    if (this.view !== 'releases' || this.pane === 'new' || this.pane === 'edit') return;
    const key = this.targetKey();
    if (key) this.confirmDelete = key;
  }

  async deleteConfirmed(): Promise<void> {
    const key = this.confirmDelete;
    this.confirmDelete = null;
    if (!key) return;
    try {
      await ipc.deleteRelease(key);
    } catch (e) {
      this.showError(e as ErrorInfo);
      return;
    }
    if (this.openKey === key) this.closePane();
    if (this.cursorKey === key) this.cursorKey = null;
    this.showInfo(`Deleted release ${key}.`);
    await this.refreshList();
  }

  async fileAction(action: 'new' | 'open' | 'saveAs' | { recent: string }): Promise<void> {
    try {
      const state =
        action === 'new'
          ? await ipc.newPlan()
          : action === 'open'
            ? await ipc.openPlan()
            : action === 'saveAs'
              ? await ipc.savePlanAs()
              : await ipc.openRecent(action.recent);
      await this.load(state);
    } catch (e) {
      this.showError(e as ErrorInfo);
    }
  }

  async saveProfile(profile: Profile): Promise<void> {
    const state = await ipc.setProfile(profile);
    this.state = { ...state, notice: null };
  }
}

export const app = new RunwayApp();
