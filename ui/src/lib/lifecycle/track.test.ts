import { describe, expect, it } from 'vitest';
import type { Event } from '../ipc/bindings';
import { defaultEvidence, openIncidents, revocable, suggestedDecider, trackChips, TRACK } from './track';

function ev(id: number, what: Event['what']): Event {
  return { id, release: 'REL-1', at: '2027-01-01T10:00:00Z', by: 'x@example.org', role: null, what, reason: '', conditions: '' };
}

describe('the lifecycle track', () => {
  it('marks stages before the position done, the position current, the rest to do', () => {
    const chips = trackChips('build', 4, 'Build');
    expect(chips.map((c) => c.state).slice(0, 6)).toEqual(['done', 'done', 'done', 'done', 'current', 'todo']);
    expect(chips.some((c) => c.detour)).toBe(false);
  });

  it('shows a detour under the stage it belongs to, with its own words', () => {
    const chips = trackChips('test_failed', TRACK.indexOf('test'), 'Test failed');
    const current = chips.find((c) => c.state === 'current');
    expect(current?.label).toBe('Test failed');
    expect(current?.detour).toBe(true);
  });

  it('a closed release has every stage done', () => {
    expect(trackChips('closed', TRACK.length - 1, 'Closed').every((c) => c.state === 'done')).toBe(true);
  });
});

describe('evidence defaults', () => {
  it('suggests whom the matrix names for a sign-off or a CAB decision, else the usual role holder', () => {
    const person = (email: string, roles: string[]) => ({ person: { email, name: email, organisation: '' }, roles, overrides: [] });
    const people = [person('a@x', ['release_owner']), person('c@x', ['change_manager']), person('t@x', ['test_manager'])];
    const holder = (email: string, role: string) => ({ email, name: email, role, for_release: false });
    const deciders = { signers: [holder('s@x', 'sponsor')], cab_deciders: [holder('c@x', 'change_manager')] };
    expect(suggestedDecider('sign_off', deciders, people)).toBe('s@x');
    expect(suggestedDecider('cab_decision', deciders, people)).toBe('c@x');
    expect(suggestedDecider('test_result', deciders, people)).toBe('t@x');
    expect(suggestedDecider('deployment', deciders, people)).toBe('');
    expect(suggestedDecider('sign_off', { signers: [], cab_deciders: [] }, people), 'nobody may sign').toBe('');
  });

  it('an incident that is closed or revoked is not open', () => {
    const events = [
      ev(1, { type: 'incident', priority: 'p2', reference: 'INC-1', opened: '2027-01-01T09:00:00Z', caused_by_release: true }),
      ev(2, { type: 'incident', priority: 'p3', reference: 'INC-2', opened: '2027-01-01T09:00:00Z', caused_by_release: false }),
      ev(3, { type: 'incident_closed', incident: 1 }),
      ev(4, { type: 'incident', priority: 'p4', reference: 'INC-3', opened: '2027-01-01T09:00:00Z', caused_by_release: false }),
    ];
    expect(openIncidents(events, [4]).map((e) => e.id)).toEqual([2]);
    expect(defaultEvidence('incident_closed', openIncidents(events, []))).toEqual({ type: 'incident_closed', incident: 2 });
  });

  it('moves and revocations cannot be revoked', () => {
    expect(revocable(ev(1, { type: 'transition', from: 'draft', to: 'planned', overridden: [] }))).toBe(false);
    expect(revocable(ev(2, { type: 'revocation', revokes: 1 }))).toBe(false);
    expect(revocable(ev(3, { type: 'cab_decision', decision: 'approve', emergency: false }))).toBe(true);
  });
});
