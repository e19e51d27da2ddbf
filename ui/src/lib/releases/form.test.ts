import { describe, expect, it } from 'vitest';
import type { Release, ReleaseInput } from '../ipc/bindings';
import { checkForm, emptyForm, errorsFromServer, formFromRelease, formToInput, toggleChoice } from './form';

const releaseInput: ReleaseInput = {
  key: 'REL-2027.03.01',
  title: 'Payments 4.2',
  kind: 'major',
  unit: 'full',
  applications: ['PAY', 'MOB'],
  owner: 'ada@example.org',
  manager: null,
  environments: ['Prod'],
  window: { start: '2027-03-14T22:00:00', end: '2027-03-15T02:00:00' },
  risk: 'high',
  acceptance_criteria: 'All payments settle',
  backout_plan: 'Redeploy 4.1',
  backout_tested: true,
  notes: '',
};

// A deep copy, so that the input a round trip must give back stays as written even if the form
// code changed the release's arrays in place.
const release: Release = { ...structuredClone(releaseInput), status: 'planned', rfcs: ['RFC-1'], cis: [], milestones: [] };

describe('form ↔ ReleaseInput', () => {
  it('round-trips a release through the form unchanged', () => {
    expect(formToInput(formFromRelease(release))).toEqual(releaseInput);
  });

  it('adds seconds to datetime-local values and trims key and title', () => {
    const f = { ...emptyForm(), key: ' REL-9 ', title: ' T ', windowStart: '2027-05-01T20:00', windowEnd: '2027-05-01T23:30' };
    const input = formToInput(f);
    expect(input.window).toEqual({ start: '2027-05-01T20:00:00', end: '2027-05-01T23:30:00' });
    expect(input.key).toBe('REL-9');
    expect(input.title).toBe('T');
  });

  it('sends no window when it is empty, and null for no owner', () => {
    const input = formToInput({ ...emptyForm(), key: 'K', title: 'T' });
    expect(input.window).toBeNull();
    expect(input.owner).toBeNull();
    expect(input.manager).toBeNull();
  });
});

describe('checkForm', () => {
  const ok = { ...emptyForm(), key: 'REL-1', title: 'Title' };

  it('passes a good form', () => {
    expect(checkForm(ok)).toEqual({});
    expect(checkForm({ ...ok, windowStart: '2027-01-01T10:00', windowEnd: '2027-01-01T10:01' })).toEqual({});
  });

  it('names an empty key and a blank title', () => {
    const e = checkForm({ ...ok, key: '', title: '   ' });
    expect(Object.keys(e).sort()).toEqual(['key', 'title']);
  });

  it('refuses a window that ends before or when it starts, or has one end only', () => {
    expect(checkForm({ ...ok, windowStart: '2027-01-02T10:00', windowEnd: '2027-01-01T23:00' }).window).toMatch(/end after/);
    expect(checkForm({ ...ok, windowStart: '2027-01-01T10:00', windowEnd: '2027-01-01T10:00' }).window).toBeTruthy();
    expect(checkForm({ ...ok, windowStart: '2027-01-01T10:00' }).window).toMatch(/both/);
    expect(checkForm({ ...ok, windowEnd: '2027-01-01T10:00' }).window).toMatch(/both/);
  });
});

describe('errorsFromServer', () => {
  it('puts each validation message at its field', () => {
    const e = errorsFromServer({
      code: 'validation',
      message: 'The release is not valid.',
      fields: [
        { field: 'title', message: 'The title is required.' },
        { field: 'window', message: 'The window ends before it starts.' },
        { field: 'owner', message: 'No person nobody@x.' },
      ],
    });
    expect(e.fields).toEqual({
      title: 'The title is required.',
      window: 'The window ends before it starts.',
      owner: 'No person nobody@x.',
    });
    expect(e.general).toBeNull();
  });

  it('joins two messages for one field and keeps unknown fields as a general error', () => {
    const e = errorsFromServer({
      code: 'validation',
      message: 'x',
      fields: [
        { field: 'key', message: 'Too long.' },
        { field: 'key', message: 'Bad character.' },
        { field: 'milestones', message: 'Odd milestone.' },
      ],
    });
    expect(e.fields.key).toBe('Too long. Bad character.');
    expect(e.general).toBe('Odd milestone.');
  });

  it('sends a conflict to the key, and other failures to the general error', () => {
    expect(errorsFromServer({ code: 'conflict', message: 'REL-1 exists.', fields: [] })).toEqual({
      fields: { key: 'REL-1 exists.' },
      general: null,
    });
    const io = errorsFromServer({ code: 'io', message: 'Disk full.', fields: [] });
    expect(io.fields).toEqual({});
    expect(io.general).toBe('Disk full.');
  });
});

describe('toggleChoice', () => {
  it('keeps the catalogue order and values unknown to it', () => {
    const order = ['CRM', 'MOB', 'PAY'];
    expect(toggleChoice(['PAY'], 'CRM', true, order)).toEqual(['CRM', 'PAY']);
    expect(toggleChoice(['CRM', 'PAY'], 'CRM', false, order)).toEqual(['PAY']);
    expect(toggleChoice(['OLD'], 'MOB', true, order)).toEqual(['MOB', 'OLD']);
  });
});
