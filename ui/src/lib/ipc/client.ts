// The one typed client over the Tauri commands of docs/ipc.md: one function for each of
// `COMMANDS` (commands.ts, generated from the shell's list; client.test.ts checks it). Every
// function resolves with the command's result or rejects with an ErrorInfo (unknown rejections
// become code `internal`).

import { invoke } from '@tauri-apps/api/core';
import type {
  ActionOutcome,
  Backups,
  Card,
  Decision,
  MergeReport,
  ReplicaInfo,
  CalendarView,
  ChangeWindow,
  Conflict,
  MspdiChoice,
  MspdiImport,
  PhaseInput,
  ReleaseKind,
  ReleaseTemplate,
  ReleaseTemplateInfo,
  Scope,
  WindowKind,
  Environment,
  ManualBooking,
  Slot,
  BaselineInfo,
  Change,
  CiLink,
  Dependency,
  Endpoint,
  Layout,
  WhatIf,
  AppState,
  Catalog,
  Dashboard,
  EvidenceInput,
  HistoryItem,
  MoveInput,
  Policy,
  Profile,
  ReleaseCalendar,
  ReleaseDetail,
  ReleaseInput,
  ReleaseLifecycle,
  ReleaseSummary,
  Rfc,
  UndoState,
  Document as ReportDocument,
  ReportRequest,
  SavedReport,
  Audience,
  Code,
  MatrixEdit,
  MatrixView,
  Person,
  PersonRoles,
  DistributionList,
  PeopleImport,
  MailSettings,
  Message,
  MessageState,
  OutboxCounts,
  Template,
  TemplateView,
} from './bindings';
import type { Command } from './commands';
import { toErrorInfo } from './errors';

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toErrorInfo(reason);
  }
}

export const appState = () => call<AppState>('app_state');
export const listReleases = () => call<ReleaseSummary[]>('list_releases');
export const getRelease = (key: string) => call<ReleaseDetail>('get_release', { key });
export const catalog = () => call<Catalog>('catalog');

export const createRelease = (input: ReleaseInput) =>
  call<ReleaseDetail>('create_release', { input });
export const updateRelease = (key: string, input: ReleaseInput) =>
  call<ReleaseDetail>('update_release', { key, input });
export const deleteRelease = (key: string) => call<null>('delete_release', { key });

export const createRfc = (rfc: Rfc) => call<Rfc>('create_rfc', { rfc });
export const linkRfc = (release: string, rfc: string) =>
  call<ReleaseDetail>('link_rfc', { release, rfc });
export const unlinkRfc = (release: string, rfc: string) =>
  call<ReleaseDetail>('unlink_rfc', { release, rfc });
export const linkCi = (release: string, ci: string, version: string) =>
  call<ReleaseDetail>('link_ci', { release, ci, version });
export const unlinkCi = (release: string, ci: string) =>
  call<ReleaseDetail>('unlink_ci', { release, ci });

export const releaseLifecycle = (key: string) => call<ReleaseLifecycle>('release_lifecycle', { key });
export const releaseHistory = (key: string) => call<HistoryItem[]>('release_history', { key });
/** Cancelling and overriding a gate are confirmed in a native dialog raised by the shell. */
export const moveRelease = (key: string, input: MoveInput) =>
  call<ActionOutcome>('move_release', { key, input });
/** Always confirmed in a native dialog raised by the shell (a page script cannot approve silently). */
export const recordEvidence = (key: string, input: EvidenceInput) =>
  call<ActionOutcome>('record_evidence', { key, input });

export const undoState = () => call<UndoState>('undo_state');
/** Resolve with [message, key of the release touched]. */
export const undoEdit = () => call<[string, string]>('undo_edit');
export const redoEdit = () => call<[string, string]>('redo_edit');

export const getPolicy = () => call<Policy>('get_policy');
export const setPolicy = (policy: Policy) => call<Policy>('set_policy', { policy });
export const dashboard = () => call<Dashboard>('dashboard');

/** The roadmap's layout (rows by application, bars, arrows, analysis), with a baseline overlaid. */
export const roadmap = (baseline: string | null = null) => call<Layout>('roadmap', { baseline });
/** The callouts of a move or resize, before anything is saved. */
export const whatIf = (change: Change) => call<WhatIf>('what_if', { change });
/** Commits a move or resize: one audited edit that Ctrl+Z undoes. */
export const applyChange = (change: Change) => call<ReleaseDetail>('apply_change', { change });
export const setPhase = (key: string, phase: PhaseInput) => call<ReleaseDetail>('set_phase', { key, phase });
export const removePhase = (key: string, name: string) => call<ReleaseDetail>('remove_phase', { key, name });
export const releaseTemplates = () => call<ReleaseTemplateInfo[]>('release_templates');
export const setReleaseTemplate = (template: ReleaseTemplate) => call<ReleaseTemplateInfo>('set_release_template', { template });
export const resetReleaseTemplate = (kind: ReleaseKind) => call<ReleaseTemplateInfo>('reset_release_template', { kind });
export const baselines = () => call<BaselineInfo[]>('baselines');
export const saveBaseline = (name: string) => call<BaselineInfo>('save_baseline', { name });
export const releaseDependencies = (key: string) => call<Dependency[]>('release_dependencies', { key });
export const releaseCiLinks = (key: string) => call<CiLink[]>('release_ci_links', { key });
export const addDependency = (dependency: Dependency) => call<Dependency>('add_dependency', { dependency });
export const removeDependency = (from: Endpoint, to: Endpoint) => call<null>('remove_dependency', { from, to });

/** The report laid out on pages, as the PDF will hold them (the preview draws their marks). */
export const reportPreview = (req: ReportRequest) => call<ReportDocument>('report_preview', { req });
/** Save…: the shell asks where in a native dialog and writes the PDF there; null when cancelled. */
export const saveReport = (req: ReportRequest) => call<SavedReport | null>('save_report', { req });
/** Opens a report saved in this session (by `saveReport`) in the system's PDF viewer. */
export const openReport = (path: string) => call<null>('open_report', { path });

/** The forward schedule of the days `from`–`to` (YYYY-MM-DD, inclusive). */
export const calendarView = (from: string, to: string) => call<CalendarView>('calendar_view', { from, to });
/** Every conflict of the forward schedule from today on. */
export const conflicts = () => call<Conflict[]>('conflicts');
/** A release's conflicts, and why no free slot can be proposed for it (null when one can). */
export const releaseConflicts = (key: string) => call<ReleaseCalendar>('release_conflicts', { key });
export const listWindows = () => call<ChangeWindow[]>('list_windows');
/** Adds a window (`original` null) or replaces the one named `original`; undoable. */
export const saveWindow = (original: string | null, window: ChangeWindow) =>
  call<ChangeWindow>('save_window', { original, window });
export const removeWindow = (name: string) => call<null>('remove_window', { name });
/** Adds (`id` null) or moves a manual booking; answers its id; undoable. */
export const saveBooking = (id: number | null, booking: ManualBooking) => call<number>('save_booking', { id, booking });
export const removeBooking = (id: number) => call<null>('remove_booking', { id });
export const setEnvironment = (environment: Environment) => call<Environment>('set_environment', { environment });
/** The next free deployment slots of a release. */
export const releaseSlots = (key: string, count = 5) => call<Slot[]>('release_slots', { key, count });
/** Moves a release's deployment to the slot starting at `start`: one edit Ctrl+Z undoes. */
export const applySlot = (key: string, start: string) => call<ReleaseDetail>('apply_slot', { key, start });
export const getTimeZone = () => call<string>('get_time_zone');
/** Export calendar…: the shell asks where (native dialog) and writes the .ics; null when cancelled. */
export const exportIcs = () => call<[string, number] | null>('export_ics');
/** Import windows…: the shell asks for the .ics (native dialog); all of its events or none. */
export const importWindowsIcs = (kind: WindowKind, scope: Scope) =>
  call<ChangeWindow[]>('import_windows_ics', { kind, scope });
export const setTimeZone = (zone: string) => call<string>('set_time_zone', { zone });

/** The responsibility matrix (D7) with its broken rules and who holds each role (for `release`, when given). */
export const matrixView = (release: string | null = null) => call<MatrixView>('matrix_view', { release });
/** Sets one cell (or clears it: `code` null); one undoable edit. Answers the portfolio's view. */
export const setMatrixCell = (activity: string, role: string, code: Code | null) =>
  call<MatrixView>('set_matrix_cell', { activity, role, code });
/** Adds, renames, moves or removes a role or an activity; one undoable edit. */
export const editMatrix = (edit: MatrixEdit) => call<MatrixView>('edit_matrix', { edit });
export const listPeople = () => call<PersonRoles[]>('list_people');
/** Adds a person, or updates their name and organisation (by e-mail); undoable. */
export const savePerson = (person: Person) => call<Person>('save_person', { person });
/** `person` (an e-mail) holds `role` for the portfolio (`release` null) or one release; undoable. */
export const assignRole = (role: string, person: string, release: string | null = null) =>
  call<MatrixView>('assign_role', { role, person, release });
export const unassignRole = (role: string, person: string, release: string | null = null) =>
  call<MatrixView>('unassign_role', { role, person, release });
/** Who signs, is accountable, responsible, consulted and informed for an activity of a release. */
export const audience = (release: string, activity: string) => call<Audience>('audience', { release, activity });
/** Export CSV…: the shell asks where (native dialog) and writes the grid; null when cancelled. */
export const exportMatrixCsv = (release: string | null, raci: boolean) =>
  call<string | null>('export_matrix_csv', { release, raci });

/** The distribution lists (D8), by name: members (people by e-mail, other lists by name) and what each follows. */
export const distributionLists = () => call<DistributionList[]>('distribution_lists');
/** Adds a list (`original` null) or replaces the one named `original`; refused field by field (`members[2]`, a cycle…); undoable. */
export const saveList = (original: string | null, list: DistributionList) =>
  call<DistributionList>('save_list', { original, list });
/** Removes a list (refused, naming them, while other lists contain it); undoable. */
export const removeList = (name: string) => call<null>('remove_list', { name });
/** The people a list reaches through the lists it contains, each once. */
export const listReach = (name: string) => call<Person[]>('list_reach', { name });
/** Import CSV…: the shell asks for the file (native dialog); all of its people or none; null when cancelled. */
export const importPeopleCsv = () => call<PeopleImport | null>('import_people_csv');
/** Export CSV…: the shell asks where (native dialog) and writes the people; null when cancelled. */
export const exportPeopleCsv = () => call<string | null>('export_people_csv');

/** File → Export…: the shell asks where (native Save dialog, a name suggested) and writes the plan
 * as `format` (CSV with a byte-order mark when `bom`); the path, or null when cancelled. */
export const exportPlan = (format: ExportFormat, bom: boolean) => call<string | null>('export_plan', { format, bom });
/** File → Import…: the shell asks which file (native Open dialog) and imports it, all or nothing;
 * what it did in words, or null when cancelled. A refusal names every bad cell and changes nothing. */
export const importIntoPlan = (format: ImportFormat) => call<string | null>('import_into_plan', { format });
export const pickMspdiFile = () => call<string | null>('pick_mspdi_file');
export const previewMspdi = (choice: MspdiChoice) => call<MspdiImport>('preview_mspdi', { choice });
export const importMspdi = (choice: MspdiChoice) => call<MspdiImport>('import_mspdi', { choice });
/** The formats of File → Export…; File → Import… reads all but MS Project XML. */
export type ExportFormat = 'json' | 'csv-releases' | 'csv-milestones' | 'csv-rfcs' | 'mspdi';
export type ImportFormat = Exclude<ExportFormat, 'mspdi'>;

/** The plan's place among its copies: its replica id, the copies it merged from, its open cards. */
export const replicaInfo = () => call<ReplicaInfo>('replica_info');
/** The review cards a merge left for a person to decide. */
export const reviewCards = () => call<Card[]>('review_cards');
/** Decides a card: audited, undoable (Edit → Undo), and it travels to the other copies. */
export const decideCard = (id: string, decision: Decision) => call<Card>('decide_card', { id, decision });
/** File → Merge Changes…: the shell asks for the change file (native Open dialog) and merges it
 * all or nothing; what it did, or null when cancelled. */
export const mergeChanges = () => call<MergeReport | null>('merge_changes');
/** File → Export Changes…: what a peer (`since`, its replica id) has not seen, or everything
 * (`since` null), to a file the shell asks for; [path, operations], or null when cancelled. */
export const exportChanges = (since: string | null) => call<[string, number] | null>('export_changes', { since });

/** The outbox's messages in `states` (every one when empty), newest first (D8). */
export const outboxMessages = (states: MessageState[]) => call<Message[]>('outbox_messages', { states });
/** How many messages are in each state; the sidebar's badge is pending + failed + check. */
export const outboxCounts = () => call<OutboxCounts>('outbox_counts');
export const outboxMessage = (id: number) => call<Message>('outbox_message', { id });
/** A new subject and body (pending, failed or to check only); refused at `subject` / `body`. */
export const editMessage = (id: number, subject: string, body: string) =>
  call<Message>('edit_message', { id, subject, body });
/** Approves them all, or none. */
export const approveMessages = (ids: number[]) => call<Message[]>('approve_messages', { ids });
export const approveAll = () => call<Message[]>('approve_all');
export const discardMessages = (ids: number[], reason: string) =>
  call<Message[]>('discard_messages', { ids, reason });
/** A message to check (its send was cut off) went out. */
export const markSent = (id: number) => call<Message>('mark_sent', { id });
export const messageTemplates = () => call<TemplateView[]>('message_templates');
/** Keeps a template; an unknown placeholder is refused at its field. */
export const setMessageTemplate = (template: Template) => call<TemplateView>('set_message_template', { template });
/** Makes the messages of the releases overdue in their stage; their ids. */
export const checkOverdue = () => call<number[]>('check_overdue');
/** The CAB agenda message for the days `from` to `to` (YYYY-MM-DD). */
export const makeCabAgenda = (from: string, to: string) => call<Message>('make_cab_agenda', { from, to });
/** Export .eml…: the shell asks where (native dialog); the path, or null when cancelled. */
export const exportMessageEml = (id: number) => call<string | null>('export_message_eml', { id });
/** The mail server from the user's settings (never its password). */
export const mailSettings = () => call<MailSettings | null>('mail_settings');
/** Keeps the mail server, and the password in the keyring; a notice when the keyring refused it. */
export const saveMailSettings = (settings: MailSettings, password: string | null) =>
  call<string | null>('save_mail_settings', { settings, password });
/** Starts sending (due messages, or `ids`); how many are to go. Progress comes as `outbox-progress`. */
export const sendMessages = (ids: number[] | null) => call<number>('send_messages', { ids });

export const setProfile = (profile: Profile) => call<AppState>('set_profile', { profile });

/** Tells the shell the first release list is drawn (it times startup with RUNWAY_READY_PROBE=1). */
export const uiReady = () => call<null>('ui_ready');

export const newPlan = () => call<AppState>('new_plan');
export const openPlan = () => call<AppState>('open_plan');
export const savePlanAs = () => call<AppState>('save_plan_as');
export const openRecent = (path: string) => call<AppState>('open_recent', { path });

/** File → Restore from backup…: the open plan's automatic backups, newest first. */
export const listBackups = () => call<Backups>('list_backups');
/** Takes a backup of the open plan now; the list after it. */
export const backupNow = () => call<Backups>('backup_now');
/** How many backups of each plan are kept (1–100); refused at `keep`. */
export const setBackupKeep = (keep: number) => call<Backups>('set_backup_keep', { keep });
/** Restores the backup `name` as a new plan the shell asks for (native Save dialog) and opens it;
 * rejects with `cancelled` when the dialog is closed. */
export const restoreBackup = (name: string) => call<AppState>('restore_backup', { name });

