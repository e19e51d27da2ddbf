// The one typed client over the Tauri commands of docs/ipc.md. Every function resolves with the
// command's result or rejects with an ErrorInfo (unknown rejections become code `internal`).

import { invoke } from '@tauri-apps/api/core';
import type {
  AppState,
  Catalog,
  Profile,
  ReleaseDetail,
  ReleaseInput,
  ReleaseSummary,
  Rfc,
} from './bindings';
import { toErrorInfo } from './errors';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
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

export const setProfile = (profile: Profile) => call<AppState>('set_profile', { profile });

/** Tells the shell the first release list is drawn (it times startup with RUNWAY_READY_PROBE=1). */
export const uiReady = () => call<null>('ui_ready');

export const newPlan = () => call<AppState>('new_plan');
export const openPlan = () => call<AppState>('open_plan');
export const savePlanAs = () => call<AppState>('save_plan_as');
export const openRecent = (path: string) => call<AppState>('open_recent', { path });

// The same without a native dialog: accepted only when the app runs with RUNWAY_E2E=1 (tests);
// otherwise the core answers with code `internal`.
export const openPlanPath = (path: string) => call<AppState>('open_plan_path', { path });
export const newPlanPath = (path: string) => call<AppState>('new_plan_path', { path });
export const savePlanAsPath = (path: string) => call<AppState>('save_plan_as_path', { path });
