// What the Calendar view (components/calendar/Calendar.svelte) does, apart from its markup: the
// period shown (a month, a quarter or a week around a day) and the focused day, the core's
// calendar of the grid's days and the windows, the filters and the index the grid reads, the side
// panel, and the edits (windows, manual bookings), each one undoable write in the core. It reloads
// when the period changes and after every change to the plan (`app.revision`: an edit here, an
// undo or a redo from anywhere). Made once by the component while it initialises.

import { untrack } from 'svelte';
import { app } from '../app.svelte';
import { planNow } from '../datetime';
import * as ipc from '../ipc/client';
import type { Booking, CalendarView, ChangeWindow, ErrorInfo, ManualBooking } from '../ipc/bindings';
import { isTypingTarget } from '../shortcuts';
import { fromDay, toDay } from '../roadmap/dates';
import { weekBands } from './bands';
import { calendarKey } from './keys';
import { LANE_ROWS, LANE_ROWS_EXPANDED, laneLayout } from './lanes';
import { EMPTY_INDEX, bandsOn, conflictsIn, indexView, noFilter, type CalendarFilter } from './model';
import { dayTime, inPeriod, periodOf, rangeOf, shiftPeriod, type Mode } from './period';

export type PanelTab = 'conflicts' | 'day';

/** Events a day cell shows before "+N more", by mode. */
export const CELL_CAP: Record<Mode, number> = { month: 3, quarter: 2, week: 40 };
/** Rows the side panel lists before "Show more". */
export const PANEL_PAGE = 50;

/** A change of period this soon after the last one waits this long to ask the core (keys held down, fast clicks). */
const SETTLE_MS = 120;

export class CalendarController {
  mode = $state<Mode>('month');
  /** The day the period is around, and the focused day (the keyboard's; the day panel's). */
  anchor = $state(toDay(planNow().slice(0, 10)));
  focus = $state(toDay(planNow().slice(0, 10)));
  /** Today in the plan's time zone, as the core judges it (the computer's date until its first answer). */
  today = $state(toDay(planNow().slice(0, 10)));
  /** Bumped when the keyboard moved the focused day: the grid then focuses its cell. */
  focusTick = $state(0);

  view = $state.raw<CalendarView | null>(null);
  windows = $state.raw<ChangeWindow[]>([]);
  loadError = $state<string | null>(null);
  loading = $state(false);

  filter = $state<CalendarFilter>(noFilter());
  tab = $state<PanelTab>('conflicts');
  blockingOnly = $state(false);
  conflictLimit = $state(PANEL_PAGE);
  dayLimit = $state(PANEL_PAGE);
  expanded = $state.raw<ReadonlySet<string>>(new Set());

  /** The window form: a new window (original null) on `day`, or the window to edit. */
  windowEdit = $state.raw<{ original: ChangeWindow | null; day: string } | null>(null);
  /** The booking form: a new booking of `environment` on `day`, or the manual booking to move. */
  bookingEdit = $state.raw<{ booking: Booking | null; environment: string; day: string } | null>(null);

  period = $derived(periodOf(this.mode, this.anchor));
  private gridFrom = $derived(this.period.gridFrom);
  private gridTo = $derived(this.period.gridTo);
  private planPath = $derived(app.plan?.path ?? null);
  private appsByRelease = $derived(new Map(app.releases.map((r) => [r.key, r.applications])));

  index = $derived(this.view ? indexView(this.view, this.filter, (k) => this.appsByRelease.get(k)) : EMPTY_INDEX);
  weeks = $derived(weekBands(this.index.bands, this.gridFrom, this.gridTo));
  cap = $derived(CELL_CAP[this.mode]);
  zone = $derived(this.view?.zone ?? null);
  periodConflicts = $derived(conflictsIn(this.index.conflicts, this.period.from, this.period.to, this.blockingOnly));
  allPeriodConflicts = $derived(this.blockingOnly ? conflictsIn(this.index.conflicts, this.period.from, this.period.to).length : this.periodConflicts.length);
  lanes = $derived(
    this.index.lanes.map((l) =>
      laneLayout(l, this.gridFrom, this.gridTo, this.index.conflicts, this.expanded.has(l.environment) ? LANE_ROWS_EXPANDED : LANE_ROWS),
    ),
  );

  dayEvents = $derived(this.index.events.get(this.focus) ?? []);
  dayBands = $derived(bandsOn(this.index.bands, this.focus));
  dayConflicts = $derived(conflictsIn(this.index.conflicts, this.focus, this.focus));
  dayBookings = $derived(
    this.index.lanes.flatMap((l) => l.bookings.filter((b) => dayTime(b.start) < this.focus + 1 && dayTime(b.end) > this.focus)),
  );

  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the core was last asked for the view (performance.now()). */
  private asked = -Infinity;
  /** The user moved away from the first day shown: the plan's today arriving late does not move it. */
  private moved = false;

  constructor() {
    // Today follows the core's answer (`reload`), not this computer's clock in the plan's zone: the
    // two differ when the plan's today is fixed (the E2E app, `--today`), and taking both made the
    // view jump between them, asking the core again each time.
    $effect(() => {
      void app.revision;
      void this.planPath;
      void this.gridFrom;
      void this.gridTo;
      untrack(() => this.schedule());
    });
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.seq++;
  }

  // --- Loading ------------------------------------------------------------------------------------

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    // A change on its own (a click, a key pressed once) asks at once; one that follows another
    // within SETTLE_MS, or comes while the core is still answering, waits until they settle.
    if (!this.loading && (this.view === null || performance.now() - this.asked >= SETTLE_MS)) {
      void this.reload();
      return;
    }
    this.loading = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, SETTLE_MS);
  }

  reload = async (): Promise<void> => {
    if (!app.plan) return;
    const mine = ++this.seq;
    this.asked = performance.now();
    const range = rangeOf(this.period);
    this.loading = true;
    try {
      const [view, windows] = await Promise.all([ipc.calendarView(range.from, range.to), ipc.listWindows()]);
      if (mine !== this.seq) return;
      this.view = view;
      // The plan's today as the core judges it (the E2E app fixes it; a laptop's clock may not).
      this.setToday(toDay(view.today));
      this.windows = windows;
      this.loadError = null;
    } catch (e) {
      if (mine === this.seq) this.loadError = (e as ErrorInfo).message || 'Something went wrong.';
    } finally {
      if (mine === this.seq) this.loading = false;
    }
  };

  private setToday(day: number): void {
    if (day === this.today) return;
    // On today (Today pressed before the core's today arrived): it stays on today.
    const onToday = this.focus === this.today;
    this.today = day;
    if (!this.moved || onToday) {
      this.anchor = day;
      this.focus = day;
    }
  }

  // --- Moving around ------------------------------------------------------------------------------

  private setFocus(day: number, keyboard: boolean): void {
    this.moved = true;
    this.focus = day;
    if (!inPeriod(this.period, day)) this.anchor = day;
    this.conflictLimit = PANEL_PAGE;
    this.dayLimit = PANEL_PAGE;
    if (keyboard) this.focusTick++;
  }

  move = (days: number, keyboard = true): void => this.setFocus(this.focus + days, keyboard);

  page = (steps: number, keyboard = false): void => this.setFocus(shiftPeriod(this.mode, this.focus, steps), keyboard);

  goToday = (keyboard = false): void => this.setFocus(this.today, keyboard);

  setMode = (mode: Mode): void => {
    this.mode = mode;
    this.anchor = this.focus;
  };

  /** A click on a day: it is focused and the panel shows it (a day of the grid's other months stays where it is). */
  selectDay = (day: number): void => {
    this.moved = true;
    this.focus = day;
    this.dayLimit = PANEL_PAGE;
    this.tab = 'day';
  };

  /** Keys anywhere in the view but text fields and dialogs; true when the key was the calendar's. */
  onKey = (e: KeyboardEvent): boolean => {
    if (e.defaultPrevented || e.isComposing || document.querySelector('dialog[open]')) return false;
    const action = calendarKey(e, { typing: isTypingTarget(document.activeElement) });
    if (!action) return false;
    e.preventDefault();
    if (action.type === 'move') this.move(action.days);
    else if (action.type === 'page') this.page(action.steps, true);
    else if (action.type === 'today') this.goToday(true);
    else {
      this.setMode(action.mode);
      this.focusTick++;
    }
    return true;
  };

  openRelease = (key: string): void => {
    app.go('releases');
    void app.openRelease(key);
  };

  toggleLane = (environment: string): void => {
    const next = new Set(this.expanded);
    if (!next.delete(environment)) next.add(environment);
    this.expanded = next;
  };

  // --- Edits --------------------------------------------------------------------------------------

  newWindow = (): void => {
    this.windowEdit = { original: null, day: fromDay(this.focus) };
  };

  editWindow = async (name: string): Promise<void> => {
    let w = this.windows.find((x) => x.name === name);
    if (!w) {
      try {
        this.windows = await ipc.listWindows();
      } catch (e) {
        app.showError(e as ErrorInfo);
        return;
      }
      w = this.windows.find((x) => x.name === name);
    }
    if (w) this.windowEdit = { original: w, day: fromDay(this.focus) };
    else app.showInfo(`The window “${name}” is not in the plan any more.`);
  };

  /** Saves the form's window; rejects with the core's ErrorInfo (the form shows it). */
  saveWindow = async (original: string | null, w: ChangeWindow): Promise<void> => {
    const saved = await ipc.saveWindow(original, w);
    this.windowEdit = null;
    app.showInfo(`${original === null ? 'Added' : 'Saved'} the window “${saved.name}”. Ctrl+Z undoes it.`);
    await app.refreshList();
  };

  removeWindow = async (name: string): Promise<void> => {
    await ipc.removeWindow(name);
    this.windowEdit = null;
    app.showInfo(`Removed the window “${name}”. Ctrl+Z brings it back.`);
    await app.refreshList();
  };

  newBooking = (environment: string): void => {
    this.bookingEdit = { booking: null, environment, day: fromDay(this.focus) };
  };

  /** A manual booking opens the form to move or release it; an automatic one opens its release. */
  openBooking = (b: Booking): void => {
    if (b.id !== null) this.bookingEdit = { booking: b, environment: b.environment, day: b.start.slice(0, 10) };
    else if (b.release) this.openRelease(b.release);
  };

  saveBooking = async (id: number | null, booking: ManualBooking): Promise<void> => {
    await ipc.saveBooking(id, booking);
    this.bookingEdit = null;
    app.showInfo(`${id === null ? 'Booked' : 'Moved the booking of'} ${booking.environment}: ${booking.purpose}. Ctrl+Z undoes it.`);
    await app.refreshList();
  };

  removeBooking = async (b: Booking): Promise<void> => {
    if (b.id === null) return;
    await ipc.removeBooking(b.id);
    this.bookingEdit = null;
    app.showInfo(`Released ${b.environment}: ${b.purpose}. Ctrl+Z books it again.`);
    await app.refreshList();
  };
}
