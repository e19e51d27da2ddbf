// The views of the sidebar, in order (Ctrl+1..9 follow this order; a tenth view has no number).

export type ViewId =
  | 'dashboard'
  | 'releases'
  | 'roadmap'
  | 'calendar'
  | 'matrix'
  | 'stakeholders'
  | 'outbox'
  | 'reports'
  | 'settings'
  | 'merge';

export interface ViewInfo {
  id: ViewId;
  label: string;
  /** For views not built yet: what the view will do, said plainly. */
  coming?: string;
}

export const VIEWS: readonly ViewInfo[] = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'releases', label: 'Releases' },
  { id: 'roadmap', label: 'Roadmap' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'stakeholders', label: 'Stakeholders' },
  { id: 'outbox', label: 'Outbox' },
  { id: 'reports', label: 'Reports' },
  { id: 'settings', label: 'Settings' },
  // After Settings, so that Ctrl+1…9 keep their views; it has no number of its own.
  { id: 'merge', label: 'Merge review' },
];

export function isViewId(value: string): value is ViewId {
  return VIEWS.some((v) => v.id === value);
}

export function viewInfo(id: ViewId): ViewInfo {
  return VIEWS.find((v) => v.id === id) ?? (VIEWS[0] as ViewInfo);
}
