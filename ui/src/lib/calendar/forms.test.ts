import { describe, expect, it, vi } from 'vitest';
import type { ChangeWindow } from '../ipc/bindings';
import {
  BOOKING_FIELDS,
  WINDOW_FIELDS,
  bookingDraft,
  bookingOf,
  formActions,
  formState,
  placeErrors,
  toggleAllDay,
  windowDraft,
  windowOf,
} from './forms';
import { NO_REPEAT, describeRule, repeatOf, ruleOf } from './recurrence';

const freeze: ChangeWindow = {
  name: 'Year-end freeze',
  kind: 'freeze',
  reason: 'Financial close',
  scope: { applications: [], environments: ['Prod'], cis: [] },
  start: '2026-12-21T00:00:00',
  end: '2027-01-04T00:00:00',
  all_day: true,
  recurrence: null,
  exceptions: [],
};

describe('recurrence presets', () => {
  it('writes the presets as RFC 5545 rules', () => {
    expect(ruleOf(NO_REPEAT)).toEqual({ rule: null });
    expect(ruleOf({ ...NO_REPEAT, preset: 'weekly', days: ['TH', 'TU'] })).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
    expect(ruleOf({ ...NO_REPEAT, preset: 'monthly_last', lastDays: '3' })).toEqual({
      rule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-3,-2,-1',
    });
    expect(ruleOf({ ...NO_REPEAT, preset: 'monthly_last', lastDays: '0' })).toHaveProperty('error');
    expect(ruleOf({ ...NO_REPEAT, preset: 'monthly_last', lastDays: 'two' })).toHaveProperty('error');
    expect(ruleOf({ ...NO_REPEAT, preset: 'custom', rule: ' RRULE:FREQ=DAILY;COUNT=5 ' })).toEqual({ rule: 'FREQ=DAILY;COUNT=5' });
    expect(ruleOf({ ...NO_REPEAT, preset: 'custom', rule: '  ' })).toEqual({ rule: null });
  });

  it('recognises a stored rule as its preset, and keeps any other as custom', () => {
    expect(repeatOf('FREQ=WEEKLY;BYDAY=TU,TH')).toMatchObject({ preset: 'weekly', days: ['TU', 'TH'] });
    expect(repeatOf('freq=weekly')).toMatchObject({ preset: 'weekly', days: [] });
    expect(repeatOf('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1,-2')).toMatchObject({ preset: 'monthly_last', lastDays: '2' });
    expect(repeatOf('FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231T000000')).toMatchObject({ preset: 'custom', rule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231T000000' });
    expect(repeatOf('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-3,-1')).toMatchObject({ preset: 'custom' });
    expect(repeatOf(null)).toMatchObject({ preset: 'none' });
  });

  it('says a rule in words', () => {
    expect(describeRule('FREQ=WEEKLY;BYDAY=TU,TH')).toBe('Every week on Tuesday and Thursday');
    expect(describeRule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-3,-2,-1')).toBe('The last 3 working days of each month');
    expect(describeRule('FREQ=DAILY;COUNT=3')).toBe('Repeats: FREQ=DAILY;COUNT=3');
    expect(describeRule(null)).toBe('Once');
  });
});

describe('the window form', () => {
  it('round-trips a window: an all-day window shows its last day, not the exclusive end', () => {
    const d = windowDraft(freeze, '2026-12-01');
    expect([d.firstDay, d.lastDay, d.allDay]).toEqual(['2026-12-21', '2027-01-03', true]);
    expect(windowOf(d)).toEqual({ window: freeze });
  });

  it('starts a new window on the focused day, all day', () => {
    const d = windowDraft(null, '2026-12-08');
    d.name = ' Patch freeze ';
    expect(windowOf(d)).toEqual({
      window: {
        ...freeze,
        name: 'Patch freeze',
        reason: '',
        scope: { applications: [], environments: [], cis: [] },
        start: '2026-12-08T00:00:00',
        end: '2026-12-09T00:00:00',
      },
    });
  });

  it('keeps the dates when all day is switched off and on', () => {
    const timed = toggleAllDay(windowDraft(freeze, '2026-12-01'), false);
    expect([timed.start, timed.end]).toEqual(['2026-12-21T00:00', '2027-01-04T00:00']);
    timed.start = '2026-12-21T18:00';
    const back = toggleAllDay(timed, true);
    expect([back.firstDay, back.lastDay]).toEqual(['2026-12-21', '2027-01-03']);
  });

  it('sends skipped dates at the occurrence start, only for a repeating window', () => {
    const d = windowDraft({ ...freeze, all_day: false, start: '2027-03-02T22:00:00', end: '2027-03-03T02:00:00', recurrence: 'FREQ=WEEKLY;BYDAY=TU' }, '2027-03-01');
    d.skipped = ['2027-03-16', '2027-03-09', '2027-03-09'];
    expect(windowOf(d)).toMatchObject({ window: { exceptions: ['2027-03-09T22:00:00', '2027-03-16T22:00:00'], recurrence: 'FREQ=WEEKLY;BYDAY=TU' } });
    d.repeat = { ...NO_REPEAT };
    expect(windowOf(d)).toMatchObject({ window: { exceptions: [], recurrence: null } });
  });

  it('refuses only what it cannot send: half-typed dates, a bad number of days', () => {
    const d = windowDraft(null, '2026-12-08');
    d.allDay = false;
    d.start = '2026-12-08T';
    d.repeat = { ...NO_REPEAT, preset: 'monthly_last', lastDays: '' };
    expect(windowOf(d)).toEqual({
      errors: [
        { field: 'start', message: 'Give the date and time it starts.' },
        { field: 'recurrence', message: 'Give the number of working days, 1 to 20.' },
      ],
    });
  });

  it('places the core’s errors at their fields, the rest above the buttons', () => {
    const placed = placeErrors(
      [
        { field: 'end', message: 'Ends before it starts.' },
        { field: 'scope.environments', message: '"Prdo" is not an environment.' },
        { field: 'scope.environments', message: '"Tset" is not one either.' },
        { field: 'exceptions[0]', message: 'Not an occurrence.' },
        { field: 'uid', message: 'Something else.' },
      ],
      WINDOW_FIELDS,
    );
    expect(placed).toEqual({
      at: {
        end: 'Ends before it starts.',
        'scope.environments': '"Prdo" is not an environment. "Tset" is not one either.',
        exceptions: 'Not an occurrence.',
      },
      other: ['Something else.'],
    });
  });
});

describe('the booking form', () => {
  it('books a day from 09:00 to 17:00 by default, and sends trimmed values', () => {
    const d = bookingDraft(null, 'Test', '2026-12-08', 'Ada');
    d.purpose = ' Performance test ';
    expect(bookingOf(d)).toEqual({
      booking: { environment: 'Test', start: '2026-12-08T09:00:00', end: '2026-12-08T17:00:00', purpose: 'Performance test', by: 'Ada', release: null },
    });
    d.release = 'REL-1';
    d.end = '';
    expect(bookingOf(d)).toEqual({ errors: [{ field: 'end', message: 'Give the date and time it ends.' }] });
    expect(placeErrors([{ field: 'purpose', message: 'Say what for.' }], BOOKING_FIELDS).at).toEqual({ purpose: 'Say what for.' });
  });

  it('moves an existing booking from its own values', () => {
    const d = bookingDraft(
      { id: 4, environment: 'UAT', start: '2026-12-01T08:00:00', end: '2026-12-02T18:30:00', purpose: 'DB patching', by: 'Bob', release: 'REL-2', source: 'manual' },
      'Test',
      '2026-12-08',
      'Ada',
    );
    expect(d).toEqual({ environment: 'UAT', purpose: 'DB patching', by: 'Bob', release: 'REL-2', start: '2026-12-01T08:00', end: '2026-12-02T18:30' });
  });
});

describe('the forms\' submit flow', () => {
  const fail = (message: string, fields: { field: string; message: string }[] = []) => ({ code: 'validation', message, fields });

  it('shows what the form could not build at its fields without asking the core', async () => {
    const state = formState();
    const shown = vi.fn();
    const save = vi.fn(async () => {});
    const form = formActions(state, BOOKING_FIELDS, shown);
    const built = bookingOf({ ...bookingDraft(null, 'UAT', '2026-12-01', 'Ann'), start: '' });
    expect(await form.submit(built, save)).toBe(false);
    expect(save).not.toHaveBeenCalled();
    expect(state.errors).toEqual({ at: { start: 'Give the date and time it starts.' }, other: [] });
    expect(shown).toHaveBeenCalledOnce();
    expect(state.busy).toBe(false);
  });

  it('is busy while the core saves, clears the errors shown, and answers whether it saved', async () => {
    const state = formState();
    state.errors = { at: { purpose: 'Give a purpose.' }, other: ['Earlier'] };
    const form = formActions(state, BOOKING_FIELDS, () => {});
    let release = () => {};
    const save = vi.fn((_built: object) => new Promise<void>((resolve) => (release = resolve)));
    const built = bookingOf(bookingDraft(null, 'UAT', '2026-12-01', 'Ann'));
    const saving = form.submit(built, save);
    expect(state.busy).toBe(true);
    expect(state.errors).toEqual({ at: {}, other: [] });
    // A second press while it saves does nothing.
    expect(await form.submit(built, save)).toBe(false);
    expect(await form.remove(() => save({}))).toBe(false);
    expect(save).toHaveBeenCalledOnce();
    expect(save).toHaveBeenCalledWith(built);
    release();
    expect(await saving).toBe(true);
    expect(state.busy).toBe(false);
  });

  it('puts the core\'s field errors at their fields, and a failure without fields above the buttons', async () => {
    const state = formState();
    const shown = vi.fn();
    const form = formActions(state, WINDOW_FIELDS, shown);
    const built = windowOf(windowDraft(freeze, '2026-12-01'));
    const refused = fail('Invalid', [
      { field: 'scope.environments[0]', message: 'No environment "Mars".' },
      { field: 'owner', message: 'Not a field the form has.' },
    ]);
    expect(await form.submit(built, () => Promise.reject(refused))).toBe(false);
    expect(state.errors).toEqual({ at: { 'scope.environments': 'No environment "Mars".' }, other: ['Not a field the form has.'] });
    expect(await form.submit(built, () => Promise.reject(fail('The plan is open in another window.')))).toBe(false);
    expect(state.errors).toEqual({ at: {}, other: ['The plan is open in another window.'] });
    expect(shown).toHaveBeenCalledTimes(2);
    expect(state.busy).toBe(false);
  });

  it('removes the same way: busy meanwhile, a failure shown above the buttons', async () => {
    const state = formState();
    const form = formActions(state, BOOKING_FIELDS, () => {});
    const removed = vi.fn(async () => {
      expect(state.busy).toBe(true);
    });
    expect(await form.remove(removed)).toBe(true);
    expect(removed).toHaveBeenCalledOnce();
    expect(await form.remove(() => Promise.reject(fail('The booking was released already.')))).toBe(false);
    expect(state).toEqual({ busy: false, errors: { at: {}, other: ['The booking was released already.'] } });
  });
});
