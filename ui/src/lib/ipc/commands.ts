// Generated from src-tauri/src/command_list.rs by runway-app (src/ipc.rs). Do not edit by hand:
// run `make bindings` after adding or removing a command.

/** The commands of every build of the shell: `client.ts` has a function for each, and no other. */
export const COMMANDS = [
  'app_state',
  'list_releases',
  'get_release',
  'catalog',
  'create_release',
  'update_release',
  'delete_release',
  'create_rfc',
  'link_rfc',
  'unlink_rfc',
  'link_ci',
  'unlink_ci',
  'set_profile',
  'new_plan',
  'open_plan',
  'save_plan_as',
  'open_recent',
  'ui_ready',
  'release_lifecycle',
  'release_history',
  'move_release',
  'record_evidence',
  'undo_state',
  'undo_edit',
  'redo_edit',
  'get_policy',
  'set_policy',
  'dashboard',
  'roadmap',
  'what_if',
  'apply_change',
  'baselines',
  'save_baseline',
  'add_dependency',
  'remove_dependency',
  'release_dependencies',
  'release_ci_links',
  'report_preview',
  'save_report',
  'open_report',
] as const;

/** Test-only commands, only in builds with the `e2e` feature: the end-to-end tests invoke them, the UI never. */
export const E2E_COMMANDS = [
  'open_plan_path',
  'new_plan_path',
  'save_plan_as_path',
  'save_report_path',
] as const;

export type Command = (typeof COMMANDS)[number];
