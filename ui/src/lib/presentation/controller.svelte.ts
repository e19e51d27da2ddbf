// What the CAB presentation (components/presentation/Presentation.svelte) does, apart from its
// markup: the layout it loads, the quarter shown, the agenda of releases awaiting a decision and
// the highlighted one, the open card, the keys (← → quarters, ↑ ↓ the agenda, Home today, Enter a
// card, Esc closes the card and then leaves, F5 leaves) and full screen. Made once by the
// component while it initialises (its effect belongs to the component); `attach` on mount.

import { tick, untrack } from 'svelte';
import { app } from '../app.svelte';
import { planNow } from '../datetime';
import * as ipc from '../ipc/client';
import type { ErrorInfo, Layout } from '../ipc/bindings';
import { quarterArrows } from './arrows';
import { offsetIn, quarterBounds, quarterMonths, quarterOf, sameQuarter, stepQuarter, type Quarter } from './quarter';
import { awaitingDecision, isAwaiting, quarterFor, quarterGroups, violatedAmong } from './slides';

function fullscreen(): boolean {
  return typeof document !== 'undefined' && !!document.fullscreenElement;
}

function leaveFullscreen(): void {
  if (!fullscreen()) return;
  try {
    void document.exitFullscreen?.()?.catch?.(() => {});
  } catch {
    // Nothing to undo.
  }
}

export class PresentationController {
  layout = $state.raw<Layout | null>(null);
  loadError = $state<string | null>(null);
  /** The quarter shown; set from the core's today on the first load. */
  quarter = $state<Quarter>(quarterOf(planNow()));
  private quarterChosen = false;
  /** The highlighted release (one awaiting a decision), by key. */
  currentKey = $state<string | null>(null);
  /** The release whose card is open. */
  cardKey = $state<string | null>(null);
  /** The presentation's element (bound by the component). */
  root = $state<HTMLElement | null>(null);
  private seq = 0;

  private windows = $derived(new Map(app.releases.map((r) => [r.key, r.window?.start ?? null])));
  agenda = $derived(this.layout ? awaitingDecision(this.layout, this.windows) : []);
  groups = $derived(this.layout ? quarterGroups(this.layout, this.quarter) : []);
  shownRows = $derived(new Set(this.groups.flatMap((g) => g.rows.map((r) => r.row.index))));
  conflicts = $derived(this.layout ? violatedAmong(this.layout, this.shownRows) : []);
  arrows = $derived(this.layout ? quarterArrows(this.layout, this.groups) : []);
  bounds = $derived(quarterBounds(this.quarter));
  months = $derived(quarterMonths(this.quarter));
  private today = $derived(this.layout?.today ?? planNow().slice(0, 10));
  todayAt = $derived(this.today >= this.bounds.start && this.today <= this.bounds.end ? offsetIn(this.quarter, this.today) : null);
  currentIndex = $derived(this.currentKey ? this.agenda.findIndex((i) => i.key === this.currentKey) : -1);
  currentItem = $derived(this.currentIndex >= 0 ? this.agenda[this.currentIndex] : undefined);
  awaitingHere = $derived(this.groups.reduce((n, g) => n + g.rows.filter((r) => isAwaiting(r.row.status)).length, 0));

  /** `onexit` closes the presentation (the app's flag). */
  constructor(private readonly onexit: () => void) {
    $effect(() => {
      void app.revision;
      void app.plan?.path;
      untrack(() => void this.reload());
    });
  }

  /** On mount: takes the keys and asks for full screen; the cleanup gives both back. */
  attach(): () => void {
    // Capture on the window: before the app's own window listener, which then never sees the key.
    window.addEventListener('keydown', this.onkey, true);
    try {
      // Under WebDriver (the end-to-end tests, on a display without a window manager) the
      // fullscreen request never completes and blocks the session; the overlay covers the window
      // anyway.
      if (!navigator.webdriver) void document.documentElement.requestFullscreen?.()?.catch?.(() => {});
    } catch {
      // WebKitGTK may refuse: the component covers the window anyway.
    }
    return () => {
      window.removeEventListener('keydown', this.onkey, true);
      leaveFullscreen();
    };
  }

  private async reload(): Promise<void> {
    const mine = ++this.seq;
    try {
      const l = await ipc.roadmap(null);
      if (mine !== this.seq) return;
      this.layout = l;
      this.loadError = null;
      if (!this.quarterChosen) {
        this.quarter = quarterOf(l.today);
        this.quarterChosen = true;
      }
    } catch (e) {
      if (mine !== this.seq) return;
      this.loadError = (e as ErrorInfo).message || 'Something went wrong.';
    }
  }

  exit = (): void => {
    leaveFullscreen();
    this.onexit();
  };

  closeCard = (): void => {
    this.cardKey = null;
  };

  private goQuarter(n: number): void {
    this.quarter = stepQuarter(this.quarter, n);
    this.cardKey = null;
  }

  private goToday(): void {
    this.quarter = quarterOf(this.today);
    this.cardKey = null;
  }

  /** Highlights the agenda item `delta` places on (from none: the first, or the last going up). */
  private step(delta: number): void {
    const agenda = this.agenda;
    if (!agenda.length) return;
    const at =
      this.currentIndex < 0 ? (delta > 0 ? 0 : agenda.length - 1) : Math.min(agenda.length - 1, Math.max(0, this.currentIndex + delta));
    const item = agenda[at]!;
    this.currentKey = item.key;
    this.cardKey = null;
    if (!this.shownRows.has(item.row)) {
      const q = quarterFor(item, this.quarter);
      if (!sameQuarter(q, this.quarter)) this.quarter = q;
    }
    void this.reveal(item.key);
  }

  private async reveal(key: string): Promise<void> {
    await tick();
    const rows = this.root?.querySelectorAll<HTMLElement>('[data-testid="presentation-row"]') ?? [];
    const el = [...rows].find((r) => r.dataset.key === key);
    el?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }

  private openCard(): void {
    const key = this.currentKey ?? this.agenda[0]?.key ?? null;
    if (!key) return;
    if (!this.currentKey) this.currentKey = key;
    this.cardKey = key;
  }

  /** A click on a row: its card (and the highlight, if it awaits a decision). */
  openRow = (key: string): void => {
    if (this.agenda.some((i) => i.key === key)) this.currentKey = key;
    this.cardKey = key;
  };

  private onkey = (e: KeyboardEvent): void => {
    // The app's shortcuts stay quiet while presenting.
    e.stopPropagation();
    e.stopImmediatePropagation();
    if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowLeft':
      case 'PageUp':
        this.goQuarter(-1);
        break;
      case 'ArrowRight':
      case 'PageDown':
        this.goQuarter(1);
        break;
      case 'ArrowUp':
        this.step(-1);
        break;
      case 'ArrowDown':
        this.step(1);
        break;
      case 'Home':
        this.goToday();
        break;
      case 'Enter':
        // A focused button (exit, close) answers Enter itself.
        if (e.target instanceof HTMLButtonElement) handled = false;
        else this.openCard();
        break;
      case 'Escape':
        if (this.cardKey) this.cardKey = null;
        else this.exit();
        break;
      case 'F5':
        this.exit();
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };
}
