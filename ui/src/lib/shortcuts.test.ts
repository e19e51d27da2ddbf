import { describe, expect, it } from 'vitest';
import { menuAction, shortcutFor, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});
const idle = { typing: false };
const typing = { typing: true };

describe('shortcutFor', () => {
  it('maps the Ctrl shortcuts, also while typing', () => {
    for (const ctx of [idle, typing]) {
      expect(shortcutFor(key('n', { ctrlKey: true }), ctx)).toEqual({ type: 'new-release' });
      expect(shortcutFor(key('f', { ctrlKey: true }), ctx)).toEqual({ type: 'find' });
      expect(shortcutFor(key('E', { ctrlKey: true }), ctx)).toEqual({ type: 'edit' });
      expect(shortcutFor(key('s', { ctrlKey: true }), ctx)).toEqual({ type: 'save' });
    }
  });

  it('switches views with Ctrl+1..9 in sidebar order', () => {
    expect(shortcutFor(key('1', { ctrlKey: true }), idle)).toEqual({ type: 'view', view: 'dashboard' });
    expect(shortcutFor(key('2', { ctrlKey: true }), idle)).toEqual({ type: 'view', view: 'releases' });
    expect(shortcutFor(key('8', { ctrlKey: true }), idle)).toEqual({ type: 'view', view: 'reports' });
    expect(shortcutFor(key('9', { ctrlKey: true }), idle)).toEqual({ type: 'view', view: 'settings' });
    expect(shortcutFor(key('0', { ctrlKey: true }), idle)).toBeNull();
  });

  it('leaves the native menu accelerators to Rust', () => {
    expect(shortcutFor(key('N', { ctrlKey: true, shiftKey: true }), idle)).toBeNull();
    expect(shortcutFor(key('S', { ctrlKey: true, shiftKey: true }), idle)).toBeNull();
    expect(shortcutFor(key('o', { ctrlKey: true }), idle)).toBeNull();
  });

  it('gives / ? and Delete to a text field being typed in', () => {
    expect(shortcutFor(key('/'), idle)).toEqual({ type: 'find' });
    expect(shortcutFor(key('?', { shiftKey: true }), idle)).toEqual({ type: 'help' });
    expect(shortcutFor(key('Delete'), idle)).toEqual({ type: 'delete' });
    expect(shortcutFor(key('/'), typing)).toBeNull();
    expect(shortcutFor(key('?', { shiftKey: true }), typing)).toBeNull();
    expect(shortcutFor(key('Delete'), typing)).toBeNull();
  });

  it('keeps Escape and F1 everywhere, ignores plain letters and Alt chords', () => {
    expect(shortcutFor(key('Escape'), typing)).toEqual({ type: 'close' });
    expect(shortcutFor(key('F1'), typing)).toEqual({ type: 'help' });
    expect(shortcutFor(key('n'), idle)).toBeNull();
    expect(shortcutFor(key('n', { ctrlKey: true, altKey: true }), idle)).toBeNull();
  });
});

describe('menuAction', () => {
  it('understands the actions of the native menu', () => {
    expect(menuAction('new-release')).toEqual({ type: 'new-release' });
    expect(menuAction('find')).toEqual({ type: 'find' });
    expect(menuAction('theme:toggle')).toEqual({ type: 'theme-toggle' });
    expect(menuAction('view:calendar')).toEqual({ type: 'view', view: 'calendar' });
    expect(menuAction('view:merge')).toEqual({ type: 'view', view: 'merge' });
    expect(menuAction('merge-changes')).toEqual({ type: 'merge-changes' });
    expect(menuAction('export-changes')).toEqual({ type: 'export-changes' });
  });

  it('ignores what it does not know', () => {
    expect(menuAction('view:nowhere')).toBeNull();
    expect(menuAction('error:boom')).toBeNull();
    expect(menuAction('')).toBeNull();
  });
});

describe('undo and redo', () => {
  const key = (k: string, shiftKey = false) => ({ key: k, ctrlKey: true, metaKey: false, shiftKey, altKey: false });
  it('Ctrl+Z undoes and Ctrl+Shift+Z redoes outside text fields', () => {
    expect(shortcutFor(key('z'), { typing: false })).toEqual({ type: 'undo' });
    expect(shortcutFor(key('Z', true), { typing: false })).toEqual({ type: 'redo' });
  });
  it('in a text field Ctrl+Z is left to the field', () => {
    expect(shortcutFor(key('z'), { typing: true })).toBeNull();
    expect(shortcutFor(key('Z', true), { typing: true })).toBeNull();
  });
  it('the Edit menu items map to the same actions', () => {
    expect(menuAction('undo')).toEqual({ type: 'undo' });
    expect(menuAction('redo')).toEqual({ type: 'redo' });
  });
});
