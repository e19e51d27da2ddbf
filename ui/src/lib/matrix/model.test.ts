import { describe, expect, it } from 'vitest';
import type { MatrixView } from '../ipc/bindings';
import {
  breaksByActivity,
  cellIndex,
  clampCursor,
  codeAt,
  codeWords,
  movedCursor,
  names,
  reorderKey,
  resolvedActivities,
  roleName,
  roleNames,
  shownCode,
  typedCode,
  validity,
} from './model';

const view: MatrixView = {
  matrix: {
    roles: [
      { key: 'sponsor', name: 'Sponsor (SVP)' },
      { key: 'release_manager', name: 'Release Manager' },
      { key: 'release_owner', name: 'Release Owner' },
    ],
    activities: [
      { key: 'authorize', name: 'Authorize deployment', description: 'Sign off.' },
      { key: 'deploy', name: 'Deploy', description: '' },
    ],
    cells: [
      { activity: 'authorize', role: 'sponsor', code: 'S' },
      { activity: 'authorize', role: 'release_manager', code: 'R' },
      { activity: 'authorize', role: 'release_owner', code: 'A' },
      { activity: 'deploy', role: 'release_manager', code: 'A' },
      { activity: 'deploy', role: 'release_owner', code: 'A' },
    ],
  },
  violations: [
    { activity: 'deploy', rule: 'one_accountable', roles: ['release_manager', 'release_owner'], message: 'Deploy: two roles are accountable: Release Manager, Release Owner' },
    { activity: 'deploy', rule: 'responsible', roles: [], message: 'Deploy: no role is responsible (R)' },
  ],
  holders: [
    { role: 'sponsor', people: [{ email: 'e@x', name: 'Eleanor', role: 'sponsor', for_release: false }] },
    { role: 'release_manager', people: [] },
    { role: 'release_owner', people: [{ email: 'h@x', name: 'Hannah', role: 'release_owner', for_release: true }] },
  ],
  release: 'REL-1',
};

describe('codes', () => {
  it('shows an S as A* in RACI only, and reads it out', () => {
    expect(shownCode('S', false)).toBe('S');
    expect(shownCode('S', true)).toBe('A*');
    expect(shownCode('A', true)).toBe('A');
    expect(shownCode(null, true)).toBe('');
    expect(codeWords('S', true)).toMatch(/signs/);
    expect(codeWords('C', false)).toBe('Consulted');
    expect(codeWords(null, false)).toBe('empty');
  });

  it('reads typed keys: SARCI offers S, RACI does not; Delete and Backspace clear', () => {
    expect(typedCode('s', false)).toBe('S');
    expect(typedCode('S', true)).toBeUndefined();
    expect(typedCode('a', true)).toBe('A');
    expect(typedCode('i', true)).toBe('I');
    expect(typedCode('Delete', true)).toBeNull();
    expect(typedCode('Backspace', false)).toBeNull();
    expect(typedCode('x', false)).toBeUndefined();
    expect(typedCode('Enter', false)).toBeUndefined();
  });

  it('finds a cell by activity and role', () => {
    const index = cellIndex(view.matrix);
    expect(codeAt(index, 'authorize', 'sponsor')).toBe('S');
    expect(codeAt(index, 'deploy', 'sponsor')).toBeNull();
  });
});

describe('rules and names', () => {
  it('groups broken rules by row and counts them for the badge', () => {
    const by = breaksByActivity(view.violations);
    expect(by.get('deploy')?.map((b) => b.rule)).toEqual(['one_accountable', 'responsible']);
    expect(by.has('authorize')).toBe(false);
    expect(validity([])).toBe('valid');
    expect(validity(view.violations.slice(0, 1))).toBe('1 rule broken');
    expect(validity(view.violations)).toBe('2 rules broken');
  });

  it('names roles from the matrix, falling back to the key', () => {
    expect(roleName(view.matrix.roles, 'release_owner')).toBe('Release Owner');
    expect(roleName(view.matrix.roles, 'gone')).toBe('gone');
    expect(roleNames(view.matrix.roles, ['release_owner', 'sponsor', 'gone'])).toEqual(['Sponsor (SVP)', 'Release Owner', 'gone']);
    expect(names([])).toBe('nobody');
    expect(names([{ name: 'A' }, { name: 'B' }])).toBe('A, B');
  });

  it("resolves a release's rows to names: S, then A, then R", () => {
    const rows = resolvedActivities(view);
    expect(rows[0]?.duties.map((d) => [d.code, d.roleName, d.people.map((p) => p.name)])).toEqual([
      ['S', 'Sponsor (SVP)', ['Eleanor']],
      ['A', 'Release Owner', ['Hannah']],
      ['R', 'Release Manager', []],
    ]);
    expect(rows[1]?.breaks).toHaveLength(2);
  });
});

describe('the cursor', () => {
  it('moves by arrows inside the grid, Home and End to the row ends (Ctrl: the grid ends)', () => {
    const c = { row: 1, col: 1 };
    expect(movedCursor(c, 'ArrowUp', 3, 4)).toEqual({ row: 0, col: 1 });
    expect(movedCursor({ row: 0, col: 0 }, 'ArrowUp', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(movedCursor(c, 'ArrowRight', 3, 4)).toEqual({ row: 1, col: 2 });
    expect(movedCursor({ row: 2, col: 3 }, 'ArrowRight', 3, 4)).toEqual({ row: 2, col: 3 });
    expect(movedCursor(c, 'End', 3, 4)).toEqual({ row: 1, col: 3 });
    expect(movedCursor(c, 'Home', 3, 4, true)).toEqual({ row: 0, col: 0 });
    expect(movedCursor(c, 'PageDown', 3, 4)).toEqual({ row: 2, col: 1 });
    expect(movedCursor(c, 'x', 3, 4)).toBeNull();
    expect(movedCursor(c, 'ArrowUp', 0, 4)).toBeNull();
    expect(clampCursor({ row: 5, col: 5 }, 3, 4)).toEqual({ row: 2, col: 3 });
  });

  it('reorders with Alt+arrows: rows up and down, columns left and right, not past the ends', () => {
    expect(reorderKey('ArrowUp', { row: 1, col: 0 }, 3, 4)).toEqual({ what: 'activity', to: 0 });
    expect(reorderKey('ArrowUp', { row: 0, col: 0 }, 3, 4)).toBeNull();
    expect(reorderKey('ArrowRight', { row: 0, col: 2 }, 3, 4)).toEqual({ what: 'role', to: 3 });
    expect(reorderKey('ArrowRight', { row: 0, col: 3 }, 3, 4)).toBeNull();
  });
});
