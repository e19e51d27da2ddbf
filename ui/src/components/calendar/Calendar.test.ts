// @vitest-environment jsdom
// The Calendar view mounted against the in-memory FakeCore (its FakeCalendar): the month with its
// events, bands, conflict marks, lanes and the plan's zone; the filters; the keys; opening a
// release; a quarter of 5,000 deployments drawn a few per day; and the edits: a window (the
// core's refusals at their fields, the freeze then marking the deployment it covers, Ctrl+Z
// taking it back) and a manual booking (booked, moved, released).

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { $, $$, all, byId } from '../../test/dom';
import { deployment, milestone } from '../../test/fakeCalendar';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const ui = mounter();
const { flushSync, until, press } = ui;

const day = (date: string) => $<HTMLElement>(`[data-testid="calendar-day"][data-date="${date}"]`);
const events = (date: string) => [...(day(date)?.querySelectorAll<HTMLElement>('[data-testid="calendar-event"]') ?? [])];
const chip = (key: string, kind = 'deployment') => $<HTMLElement>(`[data-testid="calendar-event"][data-key="${key}"][data-kind="${kind}"]`);
const period = () => byId('calendar-period')?.textContent?.trim() ?? '';

function set(id: string, value: string) {
  const el = byId<HTMLInputElement | HTMLSelectElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  flushSync();
}

function tick(id: string, on = true) {
  const el = byId<HTMLInputElement>(id);
  if (!el) throw new Error(`no ${id}`);
  if (el.checked !== on) el.click();
  flushSync();
}

/** A plan with a few deployments around 10 Jan 2027 (the fake's today). */
function plan(c: FakeCore) {
  c.calendar.deployments = [
    deployment('REL-00001', '2027-01-12T20:00:00', '2027-01-12T22:00:00'),
    deployment('REL-00002', '2027-01-14T22:00:00', '2027-01-15T02:00:00', { applications: ['CRM'], environments: ['Test'] }),
    deployment('REL-00003', '2027-01-20T20:00:00', '2027-01-20T22:00:00'),
  ];
  c.calendar.milestones = [milestone('REL-00001', 'cab', '2027-01-05'), milestone('REL-00003', 'test', '2027-01-11', '2027-01-15')];
  c.calendar.conflicts = [
    {
      id: 'cap|Prod|REL-00003',
      kind: 'daily_cap',
      severity: 'warning',
      parties: [{ kind: 'release', name: 'REL-00003', booking: null }],
      releases: ['REL-00003'],
      start: '2027-01-20T00:00:00',
      end: '2027-01-21T00:00:00',
      environment: 'Prod',
      ci: null,
      message: '3 deployments to Prod on Wed 20 Jan 2027, the cap is 2 per environment: REL-00003, …',
    },
  ];
  c.calendar.automatic = [
    { id: null, environment: 'Test', start: '2027-01-11T00:00:00', end: '2027-01-16T00:00:00', purpose: 'Test phase of REL-00003', by: 'bob@example.org', release: 'REL-00003', source: 'test' },
  ];
  c.calendar.windows = [
    {
      name: 'Payroll blackout',
      kind: 'blackout',
      reason: 'Payroll run',
      scope: { applications: [], environments: ['Prod'], cis: [] },
      start: '2027-01-26T00:00:00',
      end: '2027-01-28T00:00:00',
      all_day: true,
      recurrence: null,
      exceptions: [],
    },
  ];
}

async function openCalendar(releases = 5, setup: (c: FakeCore) => void = plan) {
  core = new FakeCore(releases);
  setup(core);
  await ui.mountApp();
  press('4', { ctrlKey: true });
  await until(() => !!byId('calendar-grid'), 'the calendar grid');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

beforeEach(() => {
  // Only the date is faked: the plan's today is 10 Jan 2027 (in Europe/London), timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2027-01-10T12:00:00Z'));
});

afterEach(() => {
  ui.unmount();
  vi.useRealTimers();
  delete document.body.dataset.ready;
});

describe('the calendar', () => {
  it('shows the month around today, in the plan’s zone, with events, bands, marks and lanes', async () => {
    await openCalendar();
    expect(period()).toBe('January 2027');
    expect(byId('calendar-zone')?.textContent).toBe('All times Europe/London');
    expect(day('2027-01-10')?.dataset.today).toBe('true');
    // The grid is whole weeks: Monday 28 Dec to Sunday 31 Jan.
    expect(all('calendar-day')).toHaveLength(35);
    expect(core.calendar.asked.at(-1)).toEqual(['2026-12-28', '2027-01-31']);

    expect(events('2027-01-12').map((e) => e.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['20:00 REL-00001']);
    expect(chip('REL-00001', 'cab')?.closest('[data-testid="calendar-day"]')).toBe(day('2027-01-05'));
    expect(events('2027-01-11').map((e) => e.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['REL-00003 ▸Test']);

    // A warning: amber on the deployment, a triangle and a count on its day, the list beside.
    expect(chip('REL-00003')?.dataset.severity).toBe('warning');
    const mark = day('2027-01-20')?.querySelector<HTMLElement>('[data-testid="calendar-day-conflicts"]');
    expect([mark?.dataset.severity, mark?.dataset.kinds, mark?.textContent?.trim()]).toEqual(['warning', 'daily_cap', '▲1']);
    const listed = all('calendar-conflict');
    expect(listed.map((c) => [c.dataset.kind, c.dataset.severity, c.dataset.releases])).toEqual([['daily_cap', 'warning', 'REL-00003']]);
    expect(listed[0]?.textContent).toContain('Too many deployments on one day');

    // The blackout: shaded behind its two days, named at the top of the week, explained below.
    const band = byId('calendar-band');
    expect([band?.dataset.window, band?.dataset.kind, band?.classList.contains('k-blackout')]).toEqual(['Payroll blackout', 'blackout', true]);
    expect(byId('calendar-band-label')?.textContent).toContain('Payroll blackout');
    expect(byId('calendar-legend')?.textContent).toContain('No deployment to what the window covers.');

    // A lane per environment; the test phase books Test.
    expect(all('calendar-lane').map((l) => [l.dataset.environment, l.dataset.capacity])).toEqual([
      ['Test', '1'],
      ['Prod', '1'],
    ]);
    const booking = $('[data-testid="calendar-lane"][data-environment="Test"] [data-testid="calendar-booking"]');
    expect([booking?.dataset.source, booking?.dataset.release]).toEqual(['test', 'REL-00003']);
  });

  it('filters by application, environment, kind of event and kind of window', async () => {
    await openCalendar();
    set('calendar-filter-application', 'CRM');
    expect(all('calendar-event').map((e) => e.dataset.key)).toEqual(['REL-00002']);
    set('calendar-filter-application', '');
    set('calendar-filter-environment', 'Test');
    expect(all('calendar-lane').map((l) => l.dataset.environment)).toEqual(['Test']);
    expect(all('calendar-event').filter((e) => e.dataset.kind === 'deployment').map((e) => e.dataset.key)).toEqual(['REL-00002']);
    // The blackout covers Prod only: gone with the Test filter.
    expect(all('calendar-band')).toHaveLength(0);
    byId('calendar-filter-clear')!.click();
    flushSync();
    tick('calendar-filter-event-cab', false);
    tick('calendar-filter-event-milestone', false);
    expect(new Set(all('calendar-event').map((e) => e.dataset.kind))).toEqual(new Set(['deployment']));
    tick('calendar-filter-window-blackout', false);
    expect(all('calendar-band')).toHaveLength(0);
    tick('calendar-filter-window-blackout', true);
    expect(all('calendar-band')).toHaveLength(1);
  });

  it('moves with the keys: arrows, Page Up/Down, T, and M, Q, W', async () => {
    await openCalendar();
    day('2027-01-10')!.focus();
    press('ArrowRight');
    await until(() => document.activeElement === day('2027-01-11'), 'the 11th focused');
    press('ArrowDown');
    await until(() => document.activeElement === day('2027-01-18'), 'a week later');
    expect(day('2027-01-18')?.getAttribute('aria-selected')).toBe('true');
    press('PageDown');
    await until(() => period() === 'February 2027', 'February');
    await until(() => document.activeElement === day('2027-02-18'), 'the same date in February');
    press('q');
    await until(() => period().startsWith('Q1 2027'), 'the quarter');
    expect(byId('calendar-period')?.dataset.mode).toBe('quarter');
    press('w');
    await until(() => period().startsWith('Week 7'), 'the week of 18 Feb');
    expect(all('calendar-day')).toHaveLength(7);
    press('t');
    await until(() => period().startsWith('Week 1'), 'back to this week');
    press('m');
    await until(() => period() === 'January 2027', 'the month');
    // Keys typed in a field are the field's.
    const select = byId<HTMLSelectElement>('calendar-filter-application')!;
    select.focus();
    press('PageDown', {}, select);
    expect(period()).toBe('January 2027');
    // The buttons do the same.
    byId('calendar-next')!.click();
    await until(() => period() === 'February 2027', 'Next');
    byId('calendar-today')!.click();
    await until(() => period() === 'January 2027', 'Today');
  });

  it('opens the release from a deployment, by click or Enter on the focused day', async () => {
    await openCalendar();
    day('2027-01-12')!.focus();
    press('Enter', {}, day('2027-01-12')!);
    expect(document.activeElement).toBe(chip('REL-00001'));
    chip('REL-00001')!.click();
    await until(() => byId('release-detail')?.dataset.key === 'REL-00001', 'the release pane');
  });

  it('draws a quarter of 5,000 deployments a few per day, the rest a click away', async () => {
    await openCalendar(5, (c) => {
      plan(c);
      c.calendar.deployments = Array.from({ length: 5000 }, (_, i) => {
        const date = new Date(Date.UTC(2027, 0, 1 + (i % 90)));
        const d = date.toISOString().slice(0, 10);
        return deployment(`REL-${String(i).padStart(5, '0')}`, `${d}T20:00:00`, `${d}T22:00:00`);
      });
    });
    const started = performance.now();
    press('q');
    await until(() => period().startsWith('Q1 2027') && all('calendar-day').length === 14 * 7, 'the quarter');
    await until(() => all('calendar-more').length > 80, 'the +N more');
    // Two events a day at most in a quarter: the DOM holds a couple of hundred chips, not 5,000.
    expect(all('calendar-event').length).toBeLessThanOrEqual(98 * 2);
    expect(performance.now() - started).toBeLessThan(10_000);
    const more = day('2027-02-01')!.querySelector<HTMLElement>('[data-testid="calendar-more"]')!;
    expect(more.textContent).toMatch(/^\+\d+ more$/);
    more.click();
    flushSync();
    const detail = byId('calendar-day-detail')!;
    // The day panel lists a page of them, and says how many are left.
    expect(detail.querySelectorAll('[data-testid="calendar-event"]').length).toBe(50);
    expect(detail.textContent).toMatch(/Show more \(\d+ left\)/);
  });
});

describe('editing from the calendar', () => {
  it('adds a freeze: the core’s refusals at their fields, then the band and the blocked deployment; Ctrl+Z takes it back', async () => {
    await openCalendar();
    day('2027-01-12')!.click();
    byId('calendar-new-window')!.click();
    await until(() => !!byId('window-form'), 'the window form');
    // Refused: no name, and an end before the start (all day: the last day before the first).
    set('window-end', '2027-01-11');
    byId('window-save')!.click();
    await until(() => !!byId('window-error-name'), 'the name refused');
    expect(byId('window-error-name')?.textContent).toBe('A window needs a name.');
    expect(byId('window-error-end')?.textContent).toContain('before or when it starts');
    expect(byId<HTMLInputElement>('window-name')?.getAttribute('aria-invalid')).toBe('true');
    expect(byId('window-form')).not.toBeNull();

    // A scope the plan lacks and an unreadable rule, named at their fields too.
    set('window-name', 'Release freeze');
    set('window-end', '2027-01-13');
    set('window-repeat', 'custom');
    set('window-rrule', 'FREQ=HOURLY');
    byId('window-save')!.click();
    await until(() => !!byId('window-error-recurrence'), 'the rule refused');
    expect(byId('window-error-recurrence')?.textContent).toContain('at most daily');
    expect(byId('window-error-name')).toBeNull();

    set('window-repeat', 'none');
    byId('window-save')!.click();
    await until(() => !byId('window-form'), 'the form closed');
    expect(core.calendar.windows.find((w) => w.name === 'Release freeze')).toMatchObject({
      kind: 'freeze',
      start: '2027-01-12T00:00:00',
      end: '2027-01-14T00:00:00',
      all_day: true,
      recurrence: null,
    });
    expect(byId('notice')?.textContent).toContain('Ctrl+Z undoes it');
    await until(() => !!$('[data-testid="calendar-band"][data-window="Release freeze"]'), 'the freeze band');
    await until(() => chip('REL-00001')?.dataset.severity === 'blocking', 'the deployment blocked');
    expect(chip('REL-00001')?.dataset.conflictKinds).toBe('freeze');
    const mark = day('2027-01-12')!.querySelector<HTMLElement>('[data-testid="calendar-day-conflicts"]');
    expect([mark?.dataset.severity, mark?.dataset.kinds]).toEqual(['blocking', 'freeze']);

    // Undo (the app's, Ctrl+Z): the calendar asks the core again and the freeze is gone.
    document.body.focus();
    press('z', { ctrlKey: true });
    await until(() => !$('[data-testid="calendar-band"][data-window="Release freeze"]'), 'the freeze undone');
    await until(() => chip('REL-00001')?.dataset.severity === 'none', 'the deployment free again');
  });

  it('edits a window from its band: a weekly rule from the presets, then removes it', async () => {
    await openCalendar();
    $<HTMLElement>('[data-testid="calendar-band-label"][data-window="Payroll blackout"]')!.click();
    await until(() => !!byId('window-form'), 'the window form');
    expect(byId<HTMLInputElement>('window-name')?.value).toBe('Payroll blackout');
    expect(byId<HTMLInputElement>('window-start')?.value).toBe('2027-01-26');
    expect(byId<HTMLInputElement>('window-end')?.value).toBe('2027-01-27');
    expect(byId<HTMLInputElement>('window-scope-environments-Prod')?.checked).toBe(true);
    set('window-repeat', 'weekly');
    tick('window-day-TU');
    expect(byId('window-rule')?.textContent).toContain('Every week on Tuesday');
    expect(byId('window-rule')?.textContent).toContain('FREQ=WEEKLY;BYDAY=TU');
    set('window-skip-date', '2027-02-09');
    byId('window-skip-add')!.click();
    flushSync();
    byId('window-save')!.click();
    await until(() => !byId('window-form'), 'saved');
    expect(core.calendar.windows[0]).toMatchObject({ recurrence: 'FREQ=WEEKLY;BYDAY=TU', exceptions: ['2027-02-09T00:00:00'] });
    byId('calendar-next')!.click();
    // Tuesdays to Thursdays in February, but not the week of the skipped 9th.
    const weeks = () => $$('[data-testid="calendar-band"][data-window="Payroll blackout"]').map((b) => b.closest('[role="row"]'));
    await until(() => period() === 'February 2027' && weeks().length === 3, 'weekly bands');
    expect(weeks().map((w) => w?.querySelector<HTMLElement>('[data-testid="calendar-day"]')?.dataset.date)).toEqual(['2027-02-01', '2027-02-15', '2027-02-22']);
    byId('calendar-prev')!.click();
    const label = () => $<HTMLElement>('[data-testid="calendar-band-label"][data-window="Payroll blackout"]');
    await until(() => period() === 'January 2027' && !!label(), 'back to January');

    label()!.click();
    await until(() => !!byId('window-remove'), 'the form again');
    byId('window-remove')!.click();
    await until(() => all('calendar-band').length === 0, 'the window removed');
    expect(byId('notice')?.textContent).toContain('Removed the window “Payroll blackout”');
  });

  it('books an environment by hand, moves the booking and releases it', async () => {
    await openCalendar();
    day('2027-01-13')!.click();
    $<HTMLElement>('[data-testid="calendar-book"][data-environment="Prod"]')!.click();
    await until(() => !!byId('booking-form'), 'the booking form');
    expect(byId<HTMLSelectElement>('booking-environment')?.value).toBe('Prod');
    expect(byId<HTMLInputElement>('booking-by')?.value).toBe('ada');
    byId('booking-save')!.click();
    await until(() => !!byId('booking-error-purpose'), 'the purpose refused');
    set('booking-purpose', 'DB patching');
    byId('booking-save')!.click();
    await until(() => !byId('booking-form'), 'booked');
    const bar = () => $<HTMLElement>('[data-testid="calendar-lane"][data-environment="Prod"] [data-testid="calendar-booking"][data-source="manual"]');
    await until(() => !!bar(), 'the booking in the Prod lane');
    expect(bar()?.textContent).toContain('DB patching · ada');
    expect([...core.calendar.manual.values()][0]).toMatchObject({ start: '2027-01-13T09:00:00', end: '2027-01-13T17:00:00' });

    bar()!.click();
    await until(() => !!byId('booking-remove'), 'the booking to move');
    set('booking-start', '2027-01-14T09:00');
    set('booking-end', '2027-01-14T12:00');
    byId('booking-save')!.click();
    await until(() => !byId('booking-form'), 'moved');
    expect([...core.calendar.manual.values()][0]).toMatchObject({ start: '2027-01-14T09:00:00', end: '2027-01-14T12:00:00' });

    await until(() => !!bar(), 'the moved booking');
    bar()!.click();
    await until(() => !!byId('booking-remove'), 'the form again');
    byId('booking-remove')!.click();
    await until(() => !bar(), 'released');
    expect(core.calendar.manual.size).toBe(0);
  });
});
