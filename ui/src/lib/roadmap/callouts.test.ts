import { describe, expect, it } from 'vitest';
import type { Conflict, WhatIf } from '../ipc/bindings';
import { callouts, isQuiet, kindWord } from './callouts';

const empty: WhatIf = {
  moved: [],
  must_move: [],
  newly_violated: [],
  resolved: [],
  slack_used: [],
  windows_changed: [],
  conflicts_created: [],
  conflicts_resolved: [],
  diagnostics: [],
};

describe('callouts', () => {
  it('lists only the sections that say something', () => {
    const w: WhatIf = {
      ...empty,
      moved: [
        {
          milestone: { release: 'REL-1', kind: 'deployment' },
          from: '2027-03-01',
          to: '2027-03-04',
          days: 3,
          end_from: '2027-03-01',
          end_to: '2027-03-04',
          added_days: 3,
        },
      ],
      must_move: [
        {
          milestone: { release: 'REL-2', kind: 'cab' },
          from: '2027-03-02',
          to: '2027-03-05',
          days: 3,
          end_from: '2027-03-02',
          end_to: '2027-03-05',
          added_days: 3,
        },
      ],
      newly_violated: [
        {
          from: { release: 'REL-1', kind: 'deployment' },
          to: { release: 'REL-2', kind: 'cab' },
          kind: 'fs',
          lag_days: 0,
          by_days: 3,
          message: 'REL-2 CAB starts 3 days before REL-1 deployment ends',
        },
      ],
      slack_used: [{ milestone: { release: 'REL-3', kind: 'test' }, before: 5, after: 1 }],
      windows_changed: ['REL-1'],
    };
    const s = callouts(w);
    expect(s.map((x) => x.id)).toEqual(['moved', 'must_move', 'newly_violated', 'slack_used', 'windows_changed']);
    expect(s[0]?.items[0]).toBe('REL-1 deployment: 1 Mar 2027 → 4 Mar 2027 (+3 days)');
    expect(s[1]?.items[0]).toBe('REL-2 CAB: +3 days, to 5 Mar 2027 at the earliest');
    expect(s[2]?.items[0]).toContain('REL-2 CAB starts');
    expect(s[3]?.items[0]).toBe('REL-3 test: 5 → 1 day of slack');
    expect(s[4]?.items[0]).toBe('REL-1: stakeholders need a new notice');
    expect(isQuiet(w)).toBe(false);
  });

  it('is quiet when only the milestone itself moves', () => {
    const resized = {
      milestone: { release: 'R', kind: 'build' as const },
      from: '2027-01-01',
      to: '2027-01-01',
      days: 0,
      end_from: '2027-01-05',
      end_to: '2027-01-08',
      added_days: 0,
    };
    const w = { ...empty, moved: [resized] };
    expect(isQuiet(w)).toBe(true);
    expect(callouts(w)[0]?.items[0]).toBe('R build: ends 5 Jan 2027 → 8 Jan 2027 (+3 days), starts 1 Jan 2027 as before');
    expect(callouts(empty)).toEqual([]);
  });

  it('says how much of a delay is this change when the milestone was late already', () => {
    const late = {
      milestone: { release: 'R', kind: 'test' as const },
      from: '2027-03-11',
      to: '2027-03-15',
      days: 4,
      end_from: '2027-03-12',
      end_to: '2027-03-16',
      added_days: 2,
    };
    expect(callouts({ ...empty, must_move: [late] })[0]?.items[0]).toBe(
      'R test: +4 days, to 15 Mar 2027 at the earliest (+2 days of it from this change)',
    );
  });

  it('words milestone kinds as in a sentence', () => {
    expect(kindWord('early_life_support')).toBe('early life support');
    expect(kindWord('cab')).toBe('CAB');
  });

  it('lists the schedule conflicts a move creates and resolves, and is not quiet when it creates one', () => {
    const conflict = (kind: Conflict['kind'], severity: Conflict['severity'], message: string): Conflict => ({
      id: `${kind}|REL-1`,
      kind,
      severity,
      parties: [{ kind: 'release', name: 'REL-1', booking: null }],
      releases: ['REL-1'],
      start: '2027-03-04T22:00:00',
      end: '2027-03-04T23:00:00',
      environment: null,
      ci: null,
      message,
    });
    const w: WhatIf = {
      ...empty,
      conflicts_created: [conflict('freeze', 'blocking', 'REL-1 deploys in the freeze "Year end".')],
      conflicts_resolved: [conflict('daily_cap', 'warning', 'Five deployments on Thu 4 Mar 2027.')],
    };
    const s = callouts(w);
    expect(s.map((x) => [x.id, x.tone])).toEqual([
      ['conflicts_created', 'danger'],
      ['conflicts_resolved', 'ok'],
    ]);
    expect(s[0]?.items).toEqual(['New conflict: Change in a freeze (blocking) — REL-1 deploys in the freeze "Year end".']);
    expect(s[1]?.items).toEqual(['Resolves: Too many deployments on one day — Five deployments on Thu 4 Mar 2027.']);
    expect(isQuiet(w)).toBe(false);
    // Only warnings created: amber, not red.
    expect(callouts({ ...w, conflicts_created: [conflict('maintenance', 'warning', 'x')] })[0]?.tone).toBe('warn');
    // Resolving a conflict is good news, not something to worry about.
    expect(isQuiet({ ...empty, conflicts_resolved: w.conflicts_resolved })).toBe(true);
  });
});
