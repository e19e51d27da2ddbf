// Theme choice (System / Light / Dark), kept in localStorage and applied as data-theme on <html>.

export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'runway.theme';

export function parseTheme(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function loadTheme(storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice {
  try {
    return parseTheme(storage?.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

export function saveTheme(storage: Pick<Storage, 'setItem'> | undefined, choice: ThemeChoice): void {
  try {
    storage?.setItem(THEME_KEY, choice);
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
}

/** The theme in effect for a choice, given whether the system prefers dark. */
export function effectiveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

/** `theme:toggle` flips what is shown now, and makes it an explicit choice. */
export function toggledTheme(choice: ThemeChoice, systemDark: boolean): ThemeChoice {
  return effectiveTheme(choice, systemDark) === 'dark' ? 'light' : 'dark';
}

export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}
