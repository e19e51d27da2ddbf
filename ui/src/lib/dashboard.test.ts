import { describe, expect, it } from 'vitest';
import { countByGroup, openEmergencies, upcomingWindows } from './dashboard';
import { summary } from './releases/testRows';

const w = (start: string, end: string) => ({ start, end });
const now = '2027-03-10T12:00:00';

describe('countByGroup', () => {
  it('counts every release once, in its group, with zeros for empty groups', () => {
    const counts = countByGroup([
      summary({ key: 'A', status: 'draft' }),
      summary({ key: 'B', status: 'rejected' }),
      summary({ key: 'C', status: 'awaiting_authorization' }),
      summary({ key: 'D', status: 'backed_out' }),
    ]);
    expect(counts).toEqual({ planning: 2, cab: 1, build_test: 0, deploying: 0, els: 0, closed: 0, failed: 1, cancelled: 0 });
  });
});

describe('upcomingWindows', () => {
  const rows = [
    summary({ key: 'LATER', window: w('2027-03-24T11:00:00', '2027-03-24T13:00:00') }), // inside 14 days
    summary({ key: 'TOO-LATE', window: w('2027-03-24T12:00:00', '2027-03-24T14:00:00') }), // at the horizon
    summary({ key: 'SOON', window: w('2027-03-11T22:00:00', '2027-03-12T02:00:00') }),
    summary({ key: 'RUNNING', window: w('2027-03-10T10:00:00', '2027-03-10T14:00:00') }),
    summary({ key: 'PAST', window: w('2027-03-09T10:00:00', '2027-03-10T12:00:00') }),
    summary({ key: 'CANCELLED', status: 'cancelled', window: w('2027-03-12T10:00:00', '2027-03-12T11:00:00') }),
    summary({ key: 'NO-WINDOW' }),
  ];

  it('lists windows open now or starting in the next 14 days, soonest first', () => {
    expect(upcomingWindows(rows, now).map((r) => r.key)).toEqual(['RUNNING', 'SOON', 'LATER']);
  });

  it('takes the horizon as a parameter', () => {
    expect(upcomingWindows(rows, now, 1).map((r) => r.key)).toEqual(['RUNNING']);
  });
});

describe('openEmergencies', () => {
  it('lists emergency releases not yet finished', () => {
    const rows = [
      summary({ key: 'E2', kind: 'emergency', status: 'build' }),
      summary({ key: 'E1', kind: 'emergency', status: 'deploying', window: w('2027-03-11T01:00:00', '2027-03-11T02:00:00') }),
      summary({ key: 'E0', kind: 'emergency', status: 'closed' }),
      summary({ key: 'M', kind: 'major', status: 'build' }),
    ];
    expect(openEmergencies(rows).map((r) => r.key)).toEqual(['E1', 'E2']);
  });
});
