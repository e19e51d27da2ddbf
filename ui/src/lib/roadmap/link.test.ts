// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Row } from '../ipc/bindings';
import { dependencyOf, dropHint, endAt, kindFor, linkSentence, matchReleases, parseLag, popoverAt, sideAt, sidesOf } from './link';

describe('kindFor', () => {
  it('makes the kind from the sides a link is dragged between', () => {
    expect(kindFor('end', 'start')).toBe('fs');
    expect(kindFor('start', 'start')).toBe('ss');
    expect(kindFor('end', 'end')).toBe('ff');
    expect(kindFor('start', 'end')).toBe('sf');
  });

  it('is undone by sidesOf', () => {
    for (const k of ['fs', 'ss', 'ff', 'sf'] as const) {
      const s = sidesOf(k);
      expect(kindFor(s.from, s.to)).toBe(k);
    }
  });
});

describe('dropHint', () => {
  it('says what dropping there makes, or where to drop', () => {
    const from = { key: 'REL-1', kind: 'build' as const, side: 'end' as const };
    expect(dropHint(from, { key: 'REL-2', kind: 'cab', side: 'start' })).toBe('Finish → start: REL-2 CAB');
    expect(dropHint({ ...from, side: 'start' }, { key: 'REL-2', kind: 'test', side: 'end' })).toBe('Start → finish: REL-2 test');
    expect(dropHint(from, null)).toBe('Drop on a milestone to link');
  });
});

describe('sideAt and endAt', () => {
  it('takes the left half of a bar for its start and the right half for its finish', () => {
    expect(sideAt(10, 100)).toBe('start');
    expect(sideAt(49.9, 100)).toBe('start');
    expect(sideAt(50, 100)).toBe('end');
  });

  it('reads the milestone under the pointer from a connector or a bar', () => {
    document.body.innerHTML = `
      <div data-link-end data-key="REL-1" data-kind="build" id="bar"><span id="inside"></span></div>
      <span data-link-end data-key="REL-2" data-kind="cab" data-side="end" id="dot"></span>
      <div id="none"></div>`;
    const bar = document.getElementById('bar')!;
    bar.getBoundingClientRect = () => ({ left: 100, width: 80, top: 0, height: 16, right: 180, bottom: 16, x: 100, y: 0, toJSON: () => ({}) });
    expect(endAt(document.getElementById('inside'), 110)).toEqual({ key: 'REL-1', kind: 'build', side: 'start' });
    expect(endAt(bar, 170)).toEqual({ key: 'REL-1', kind: 'build', side: 'end' });
    expect(endAt(document.getElementById('dot'), 0)).toEqual({ key: 'REL-2', kind: 'cab', side: 'end' });
    expect(endAt(document.getElementById('none'), 0)).toBeNull();
    expect(endAt(null, 0)).toBeNull();
  });
});

describe('the words and the dependency', () => {
  const a = { key: 'REL-1', kind: 'build' as const };
  const b = { key: 'REL-2', kind: 'cab' as const };

  it('reads a link as a sentence', () => {
    expect(linkSentence(a, b, 'fs', 0)).toBe('REL-2 CAB can start once REL-1 build finishes.');
    expect(linkSentence(a, b, 'ss', 2)).toBe('REL-2 CAB can start 2 days after REL-1 build starts.');
    expect(linkSentence(a, b, 'ff', -1)).toBe('REL-2 CAB can finish 1 day before REL-1 build finishes.');
    expect(linkSentence(a, b, 'sf', 0)).toBe('REL-2 CAB can finish once REL-1 build starts.');
  });

  it('makes the dependency the core adds: the successor depends on the predecessor', () => {
    expect(dependencyOf(a, b, 'fs', 3)).toEqual({
      from: { release: 'REL-1', milestone: 'build' },
      to: { release: 'REL-2', milestone: 'cab' },
      kind: 'fs',
      lag_days: 3,
    });
  });

  it('takes a lag in whole days within ten years', () => {
    expect(parseLag('0')).toBe(0);
    expect(parseLag('')).toBe(0);
    expect(parseLag(' +4 ')).toBe(4);
    expect(parseLag('−2')).toBe(-2);
    expect(parseLag(7)).toBe(7);
    expect(parseLag('1.5')).toBeNull();
    expect(parseLag('abc')).toBeNull();
    expect(parseLag('3651')).toBeNull();
  });
});

describe('matchReleases', () => {
  const row = (key: string, title: string, index: number): Row => ({ key, title, status: 'planned', kind: 'minor', index, bars: [], violated: false, conflicts: 0, blocking_conflicts: 0 });
  const rows = [row('REL-2027.01.01', 'Portal login', 0), row('EMR-2027.01.02', 'Fix REL rollout', 1), row('REL-2027.02.01', 'Ledger', 2)];

  it('puts keys starting with the query first, then keys and titles containing it', () => {
    expect(matchReleases(rows, 'rel').map((r) => r.key)).toEqual(['REL-2027.01.01', 'REL-2027.02.01', 'EMR-2027.01.02']);
    expect(matchReleases(rows, 'ledger').map((r) => r.key)).toEqual(['REL-2027.02.01']);
    expect(matchReleases(rows, '', 2).map((r) => r.key)).toEqual(['REL-2027.01.01', 'EMR-2027.01.02']);
  });
});

describe('popoverAt', () => {
  const view = { width: 1000, height: 800 };
  const size = { width: 360, height: 240 };

  it('goes below and right of the point when it fits', () => {
    expect(popoverAt({ x: 100, y: 100 }, size, view)).toEqual({ left: 112, top: 112 });
  });

  it('flips left and up near the right and bottom edges, and stays inside the window', () => {
    expect(popoverAt({ x: 900, y: 700 }, size, view)).toEqual({ left: 528, top: 448 });
    expect(popoverAt({ x: 200, y: 100 }, { width: 1200, height: 100 }, view)).toEqual({ left: 8, top: 112 });
  });
});
