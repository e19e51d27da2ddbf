// Keyboard shortcuts and menu actions, as pure functions from an event to an action.
// Ctrl+O, Ctrl+Shift+N and Ctrl+Shift+S are native menu accelerators handled in Rust: not here.

import { CALENDAR_SHORTCUTS } from './calendar/keys';
import { VIEWS, isViewId, type ViewId } from './views';

export type Action =
  | { type: 'new-release' }
  | { type: 'find' }
  | { type: 'edit' }
  | { type: 'delete' }
  | { type: 'close' }
  | { type: 'save' }
  | { type: 'help' }
  | { type: 'theme-toggle' }
  | { type: 'undo' }
  | { type: 'present' }
  | { type: 'redo' }
  | { type: 'interchange'; mode: 'import' | 'export' }
  | { type: 'restore-backup' }
  | { type: 'merge-changes' }
  | { type: 'export-changes' }
  | { type: 'view'; view: ViewId };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface KeyContext {
  /** Focus is in a text field, select or other control that takes typed keys. */
  typing: boolean;
}

/** The documented shortcuts, for the help overlay. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Ctrl+N', what: 'New release' },
  { keys: 'Ctrl+F or /', what: 'Find: focus the release search' },
  { keys: 'Ctrl+E', what: 'Edit the open release' },
  { keys: 'Delete', what: 'Delete the open release (asks first)' },
  { keys: 'Ctrl+S', what: 'Save the release form' },
  { keys: 'Ctrl+Z', what: 'Undo the last edit of the plan (outside text fields)' },
  { keys: 'Ctrl+Shift+Z', what: 'Redo the edit undone last' },
  { keys: 'Esc', what: 'Close the form or dialog' },
  { keys: 'Ctrl+1 … Ctrl+9', what: 'Switch view (Dashboard … Settings)' },
  { keys: '↑ / ↓', what: 'Move the selection in the release list' },
  { keys: 'Page Up / Page Down, Home / End', what: 'Move the selection by a page, to the ends' },
  { keys: 'Enter', what: 'Open the selected release' },
  { keys: '? or F1', what: 'This list of shortcuts' },
  { keys: 'F5', what: 'Present the roadmap to the CAB (Esc leaves)' },
  { keys: '← / → on a roadmap milestone', what: 'Try it a day earlier or later (Shift: resize; Alt: the whole release); Enter commits' },
  { keys: 'L on a roadmap milestone', what: 'Link it to another milestone: a new dependency (Ctrl+Z undoes it)' },
  ...CALENDAR_SHORTCUTS,
  { keys: '← → ↑ ↓ in the matrix', what: 'Move the focused cell; S, A, R, C or I sets it, Delete clears it (Ctrl+Z undoes)' },
  { keys: 'Alt+arrows in the matrix', what: "Move the focused cell's activity up or down, its role left or right" },
  { keys: 'Ctrl+O', what: 'Open plan… (File menu)' },
  { keys: 'Ctrl+Shift+N', what: 'New plan… (File menu)' },
  { keys: 'Ctrl+Shift+S', what: 'Save plan as… (File menu)' },
];

export function shortcutFor(e: KeyLike, ctx: KeyContext): Action | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey) return null;
  // In a text field, Ctrl+Z stays the field's own undo.
  if (mod && e.key.toLowerCase() === 'z') {
    if (ctx.typing) return null;
    return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
  }
  if (mod && !e.shiftKey) {
    const k = e.key.toLowerCase();
    if (k === 'n') return { type: 'new-release' };
    if (k === 'f') return { type: 'find' };
    if (k === 'e') return { type: 'edit' };
    if (k === 's') return { type: 'save' };
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= VIEWS.length) {
      return { type: 'view', view: (VIEWS[n - 1] as (typeof VIEWS)[number]).id };
    }
    return null;
  }
  if (mod) return null;
  if (e.key === 'F1') return { type: 'help' };
  if (e.key === 'F5') return { type: 'present' };
  if (e.key === 'Escape') return { type: 'close' };
  if (ctx.typing) return null;
  if (e.key === '?') return { type: 'help' };
  if (e.key === '/') return { type: 'find' };
  if (e.key === 'Delete' && !e.shiftKey) return { type: 'delete' };
  return null;
}

/** An action sent by the native menu (`menu` event). Unknown actions give null. */
export function menuAction(action: string): Action | null {
  if (action === 'new-release') return { type: 'new-release' };
  if (action === 'find') return { type: 'find' };
  if (action === 'theme:toggle') return { type: 'theme-toggle' };
  if (action === 'help') return { type: 'help' };
  if (action === 'undo') return { type: 'undo' };
  if (action === 'present') return { type: 'present' };
  if (action === 'redo') return { type: 'redo' };
  if (action === 'import' || action === 'export') return { type: 'interchange', mode: action };
  if (action === 'restore-backup') return { type: 'restore-backup' };
  if (action === 'merge-changes') return { type: 'merge-changes' };
  if (action === 'export-changes') return { type: 'export-changes' };
  if (action.startsWith('view:')) {
    const view = action.slice('view:'.length);
    return isViewId(view) ? { type: 'view', view } : null;
  }
  return null;
}

/** True when the focused element takes typed characters (so `/`, `?` and Delete are its own). */
export function isTypingTarget(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return (el as HTMLElement).isContentEditable === true;
}
