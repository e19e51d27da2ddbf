import { describe, expect, it } from 'vitest';
import { THEME_KEY, effectiveTheme, loadTheme, parseTheme, saveTheme, toggledTheme } from './theme';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('theme', () => {
  it('defaults to system for missing or unknown values', () => {
    expect(parseTheme(null)).toBe('system');
    expect(parseTheme('purple')).toBe('system');
    expect(parseTheme('dark')).toBe('dark');
    expect(loadTheme(undefined)).toBe('system');
  });

  it('survives a storage that throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(loadTheme(broken)).toBe('system');
    expect(() => saveTheme(broken, 'dark')).not.toThrow();
  });

  it('saves and loads the choice', () => {
    const s = memoryStorage();
    saveTheme(s, 'light');
    expect(s.data.get(THEME_KEY)).toBe('light');
    expect(loadTheme(s)).toBe('light');
  });

  it('follows the system for System, and toggles what is shown', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(toggledTheme('system', true)).toBe('light');
    expect(toggledTheme('system', false)).toBe('dark');
    expect(toggledTheme('dark', false)).toBe('light');
  });
});
