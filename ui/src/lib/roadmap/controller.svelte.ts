// What the roadmap view (components/roadmap/Roadmap.svelte) does, apart from its markup: the
// layout and baselines it loads, the scroll state and the window of lines and dates drawn, the
// slots rows reuse, the drawn bars and arrows, the what-if of a bar dragged or nudged, the link
// dragged or typed (L) and its popover, and the jumps (Today, a stub's label). Made once by the
// component while it initialises (its effects belong to the component); `destroy` when it goes.

import { tick, untrack } from 'svelte';
import { app } from '../app.svelte';
import * as ipc from '../ipc/client';
import type { Bar, BaselineInfo, DepKind, ErrorInfo, Layout, MilestoneKind, Row } from '../ipc/bindings';
import { visibleRange } from '../releases/virtual';
import type { Point } from './arrows';
import type { ScrollArea } from './autoscroller';
import { BarDrag } from './bardrag.svelte';
import { drawnBars, edgeX, type DrawnBar } from './bars';
import { toDay } from './dates';
import { modeAt, nudge, startPreview, type DragMode, type Preview } from './drag';
import { dropHint, kindFor, type MilestoneAt, type Side } from './link';
import { LinkDrag } from './linkdrag.svelte';
import { readPalette, ROW_H } from './paint';
import { buildLines, lineNearToday, type Line } from './rows';
import { dayAt, horizontalWindow, makeScale, scrollToDay, xOf, type Scale, type Zoom } from './scale';
import { ShapeCache, arrowShapes, holdArrows, linksByRow, linksOf, motionOf, type ArrowWindow, type Motion, type StubShape } from './shapes';
import { ticks } from './ticks';
import { WhatIfSession } from './whatif.svelte';

export const HEADER_H = 44;
const OVERSCAN = 6;
export const SCROLLBAR = 14;

/**
 * One item per line, made once per layout: a scroll step hands the rows that stay on screen the
 * same objects, so only the rows entering the view are drawn.
 */
export type Item = { line: Line; index: number };

/** A day to bring into view once the chart is drawn at the current scale (see `anchor`). */
type Anchor = { day: number; fraction: number; rows?: boolean; line?: number; focus?: MilestoneAt };

/** The popover confirming a link. */
export type LinkDraft = { from: MilestoneAt; to: MilestoneAt | null; kind: DepKind; at: { x: number; y: number }; origin: HTMLElement | null };

const nextFrame = (cb: () => void): number =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(cb) : (setTimeout(cb, 16) as unknown as number);

export class RoadmapController {
  // --- Data ---------------------------------------------------------------------------------------

  layout = $state.raw<Layout | null>(null);
  loadError = $state<string | null>(null);
  baselineList = $state.raw<BaselineInfo[]>([]);
  /** The overlaid baseline's name; '' for none. */
  baseline = $state('');
  zoom = $state<Zoom>('month');
  showCritical = $state(false);
  showImplied = $state(true);
  collapsed = $state.raw<ReadonlySet<string>>(new Set());
  private seq = 0;

  private planPath = $derived(app.plan?.path ?? null);

  // --- Geometry -----------------------------------------------------------------------------------

  /** The chart's scrolling element and its timeline body (bound by the component). */
  scroller: HTMLDivElement | undefined = $state();
  body: HTMLDivElement | undefined = $state();
  rootWidth = $state(1200);
  viewW = $state(typeof window === 'undefined' ? 1000 : Math.max(600, window.innerWidth - 240));
  viewH = $state(typeof window === 'undefined' ? 700 : Math.max(400, window.innerHeight - 200));
  scrollTop = $state(0);
  scrollLeft = $state(0);

  /** Narrow by the view's width, so opening the side panel does not change the label column. */
  narrow = $derived(this.rootWidth < 900);
  /** A one-day milestone's square, smaller when a day is only a pixel or two wide. */
  diamond = $derived(this.zoom === 'year' || this.zoom === 'quarter' ? 10 : 14);
  sidePanel = $derived(this.rootWidth >= 1100);
  labelW = $derived(this.narrow ? 200 : 290);
  timelineW = $derived(Math.max(0, this.viewW - this.labelW));

  scale = $derived<Scale | null>(this.layout ? makeScale(this.zoom, this.layout.from, this.layout.to, this.layout.today) : null);
  built = $derived(
    this.layout
      ? buildLines(this.layout, this.collapsed)
      : { lines: [] as Line[], lineOfRow: new Map<number, number>(), headerOfRow: new Map<number, number>() },
  );
  private lineCount = $derived(this.built.lines.length);

  // Primitive deriveds, so a scroll within the same row or band redraws nothing.
  private rangeStart = $derived(
    visibleRange({ scrollTop: this.scrollTop, height: this.viewH, rowHeight: ROW_H, headerHeight: HEADER_H }, this.lineCount, OVERSCAN).start,
  );
  private rangeEnd = $derived(
    visibleRange({ scrollTop: this.scrollTop, height: this.viewH, rowHeight: ROW_H, headerHeight: HEADER_H }, this.lineCount, OVERSCAN).end,
  );
  /**
   * The lines wholly on screen: under the sticky header, and clear of the (overlay) scrollbar along
   * the bottom, which would take the clicks meant for a stub's label there.
   */
  private seenStart = $derived(Math.min(this.lineCount, Math.ceil(this.scrollTop / ROW_H)));
  private seenEnd = $derived(
    Math.max(this.seenStart, Math.min(this.lineCount, Math.floor((this.scrollTop + this.viewH - HEADER_H - SCROLLBAR) / ROW_H))),
  );
  bandX0 = $derived(horizontalWindow(this.scrollLeft, this.timelineW, this.scale?.width ?? 0).x0);
  bandX1 = $derived(horizontalWindow(this.scrollLeft, this.timelineW, this.scale?.width ?? 0).x1);
  private firstDay = $derived(this.scale ? dayAt(this.scale, this.bandX0) : 0);
  private lastDay = $derived(this.scale ? dayAt(this.scale, this.bandX1) : 0);

  private items = $derived(this.built.lines.map((line, index): Item => ({ line, index })));
  /**
   * The drawn lines by slot (line index modulo the number of lines a view draws): a line keeps its
   * slot while it is drawn, and the slot of a line scrolling away goes to the one coming into view,
   * whose row then reuses its elements instead of making new ones.
   */
  private slotCount = $derived(Math.ceil(Math.max(0, this.viewH - HEADER_H) / ROW_H) + 2 * OVERSCAN + 2);
  /**
   * Every slot is given a line (from the first drawn, a line or two past the last where there is
   * room): a slot left empty would lose its row's elements, and the slots left empty move with
   * the range, so that a fling made a new canvas for about every second row coming into view.
   */
  slots = $derived.by(() => {
    const out: (Item | null)[] = new Array<Item | null>(this.slotCount).fill(null);
    const end = Math.max(this.rangeEnd, Math.min(this.lineCount, this.rangeStart + this.slotCount));
    for (let i = Math.max(0, end - this.slotCount); i < end; i++) out[i % this.slotCount] = this.items[i] ?? null;
    return out;
  });
  tickRows = $derived(this.scale ? ticks(this.scale, this.bandX0, this.bandX1) : { major: [], minor: [] });
  todayX = $derived(this.scale && this.layout ? xOf(this.scale, this.layout.today) : 0);
  bodyH = $derived(this.lineCount * ROW_H);
  bandTop = $derived(this.rangeStart * ROW_H);
  bandH = $derived((this.rangeEnd - this.rangeStart) * ROW_H);

  // Scroll state follows the scroller at most once a frame.
  private frame: number | null = null;
  /**
   * While the chart keeps scrolling (a wheel, a touchpad fling) its content takes no pointer
   * events: WebKit would otherwise look for what is under the pointer, and restyle :hover, on every
   * step. Only from the second step in a row, so a single jump (Today, a stub's label, a test's
   * scrollIntoView) never makes a bar unclickable; back 120 ms after the last step; never while a
   * bar or a link is dragged (the drag scrolls the chart itself).
   */
  scrolling = $state(false);
  /** How the chart moved at its last scroll step: the arrows are not drawn anew during a swipe or a fling. */
  private motion = $state<Motion>('rest');
  private lastStep = -Infinity;
  private scrollIdle: ReturnType<typeof setTimeout> | null = null;
  private lastScroll = -Infinity;

  /**
   * A day to bring into view once the chart is drawn at the current scale; with `rows`, the
   * releases of today too; with `line`, that line (a third down the view), then `focus` its bar.
   */
  private anchor = $state<Anchor | null>(null);

  // --- Bars ---------------------------------------------------------------------------------------

  readonly whatif = new WhatIfSession();
  /** The chart as the drags scroll it: near the edges inside the sticky header and labels, up to the content's end. */
  private area: ScrollArea = {
    scroller: () => this.scroller,
    inset: () => ({ top: HEADER_H, left: this.labelW }),
    content: () => ({ width: this.labelW + (this.scale?.width ?? 0), height: HEADER_H + this.bodyH }),
  };
  readonly barDrag = new BarDrag({ area: this.area, scale: () => this.scale, show: (p) => this.whatif.set(p) });
  drag = $derived(this.barDrag.current);
  preview = $derived(this.whatif.preview);

  /** The theme's colours, for the rows' canvases: read again when the theme changes. */
  palette = $derived.by(() => {
    void app.dark;
    return readPalette(typeof document === 'undefined' ? { getPropertyValue: () => '' } : getComputedStyle(document.documentElement));
  });

  /**
   * The drawn bars of each row, kept while what they are drawn from (scale, band, what-if,
   * baseline) stays the same: scrolling within the band reuses them, and a row that stays on
   * screen is not drawn again.
   */
  private barCache = $derived.by(() => {
    const context =
      this.scale && this.layout
        ? {
            scale: this.scale,
            preview: this.preview,
            mustMove: this.whatif.mustMove,
            firstDay: this.firstDay,
            lastDay: this.lastDay,
            today: this.layout.today,
            baseline: !!this.baseline,
          }
        : null;
    return { context, rows: new Map<number, DrawnBar[]>() };
  });

  // --- Arrows -------------------------------------------------------------------------------------

  private links = $derived(this.layout ? linksOf(this.layout) : []);
  /** The arrows touching each row, indexed once per layout: a scroll step looks only at the rows on screen. */
  private byRow = $derived(linksByRow(this.links));

  /**
   * The lines and the band the arrows are drawn for. While the chart keeps scrolling (a wheel: see
   * `scrolling`) they stay as they were, and so do the arrows, drawn in the body's coordinates so
   * that they scroll with their rows, until the view leaves what they were drawn for: then they
   * are drawn anew, so every line on screen has its arrows all along (one whose other end came on
   * screen meanwhile may show as a stub for a moment), and the stubs' labels follow the view's top
   * and bottom edges at each redraw. During a swipe or a fling (`motion` fast) they stay as they
   * were all along: the lines coming on screen get their arrows when it slows down, or stops.
   * Drawing them at every step took a fifth of each frame of a fling at 5,000 releases, and
   * drawing them anew every third step a third of that step (docs/benchmarks.md).
   */
  private heldWindow: ArrowWindow | null = null;
  arrowWindow = $derived.by((): ArrowWindow => {
    const now = { start: this.rangeStart, end: this.rangeEnd, seenStart: this.seenStart, seenEnd: this.seenEnd, x0: this.bandX0, x1: this.bandX1 };
    this.heldWindow = holdArrows(this.heldWindow, now, this.motion, { left: this.scrollLeft, width: this.timelineW });
    return this.heldWindow;
  });

  /** The arrows' shapes from one scroll step to the next: those that did not change keep their objects. */
  private shapeCache = new ShapeCache();
  shapes = $derived.by(() => {
    const { scale, layout } = this;
    if (!scale || !layout) return { arrows: [], stubs: [] };
    const w = this.arrowWindow;
    const drawnRows: number[] = [];
    for (let i = w.start; i < w.end; i++) {
      const line = this.items[i]?.line;
      if (line?.type === 'row') drawnRows.push(line.row.index);
    }
    return arrowShapes(
      {
        layout,
        links: this.links,
        byRow: this.byRow,
        lines: this.built,
        drawnRows,
        window: { visible: { start: w.seenStart, end: w.seenEnd }, drawn: { start: w.start, end: w.end } },
        scale,
        preview: this.preview,
        outcome: this.whatif.outcome,
        bandX0: w.x0,
        bandX1: w.x1,
        rowHeight: ROW_H,
        diamond: this.diamond,
      },
      this.shapeCache,
    );
  });

  // --- Linking ------------------------------------------------------------------------------------

  draft = $state.raw<LinkDraft | null>(null);

  readonly linkDrag = new LinkDrag({
    area: this.area,
    // A click on a connector opens the popover to pick the other end; a drag, the one dropped on.
    drop: (from, target, at, moved) => {
      if (!moved) this.openLink(from, null, kindFor(from.side, 'start'), at, null);
      else if (target) this.openLink(from, target, kindFor(from.side, target.side), at, null);
    },
  });

  /** The dragged link as drawn over the band: from its connector to the pointer. */
  rubber = $derived.by(() => {
    const l = this.linkDrag.current;
    const { scale, layout, body } = this;
    if (!l || !l.moved || !scale || !layout || !body) return null;
    const row = layout.rows.find((r) => r.key === l.from.key);
    const bar = row?.bars.find((b) => b.kind === l.from.kind);
    const line = row ? this.built.lineOfRow.get(row.index) : undefined;
    const box = body.getBoundingClientRect();
    const x0 = this.arrowWindow.x0;
    const to: Point = { x: l.x - box.left - x0, y: l.y - box.top };
    if (!bar || line === undefined) return null;
    const x = edgeX(scale, bar, bar.diamond, l.from.side, this.diamond) - x0;
    const from: Point = { x, y: line * ROW_H + ROW_H / 2 };
    return { from, to, text: dropHint(l.from, l.target), ok: !!l.target };
  });

  releaseCount = $derived(this.layout?.rows.length ?? 0);
  linkFrom = $derived(this.linkDrag.current?.from ?? this.draft?.from ?? null);
  linkTarget = $derived(this.linkDrag.current?.target ?? null);

  constructor() {
    $effect(() => {
      void app.revision;
      void this.planPath;
      void this.baseline;
      untrack(() => void this.reload());
    });

    $effect(() => {
      void this.planPath;
      untrack(() => void this.reloadBaselines());
    });

    $effect(() => {
      if (!this.scroller) return;
      const el = this.scroller;
      const measure = () => {
        this.viewW = el.clientWidth || this.viewW;
        this.viewH = el.clientHeight || this.viewH;
      };
      const observer = new ResizeObserver(measure);
      observer.observe(el);
      measure();
      return () => observer.disconnect();
    });

    $effect(() => {
      const a = this.anchor;
      const s = this.scale;
      const el = this.scroller;
      if (!a || !s || !el) return;
      untrack(() => {
        const left = scrollToDay(s, a.day, this.timelineW, a.fraction);
        el.scrollLeft = left;
        this.scrollLeft = el.scrollLeft || left;
        // "Today" also brings the releases of these weeks into view, not last year's at the top.
        const line = a.line ?? (a.rows && this.layout ? lineNearToday(this.built.lines, this.layout.today) : null);
        if (line !== null) {
          const top = Math.max(0, a.line === undefined ? line * ROW_H : line * ROW_H - (this.viewH - HEADER_H) / 3);
          el.scrollTop = top;
          this.scrollTop = el.scrollTop || top;
        }
        this.anchor = null;
        if (a.focus) void this.focusBar(a.focus);
      });
    });
  }

  /** Stops what outlives a step: the what-if's timer, the scroll timers, the drags. */
  destroy(): void {
    this.whatif.destroy();
    if (this.scrollIdle !== null) clearTimeout(this.scrollIdle);
    if (this.frame !== null) {
      if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frame);
      else clearTimeout(this.frame);
    }
    this.linkDrag.stop();
    this.barDrag.stop();
  }

  // --- Loading ------------------------------------------------------------------------------------

  reload = async (): Promise<void> => {
    const mine = ++this.seq;
    try {
      const l = await ipc.roadmap(this.baseline || null);
      if (mine !== this.seq) return;
      const first = this.layout === null;
      this.layout = l;
      this.loadError = null;
      this.whatif.dropStale(l);
      if (first) this.anchor = { day: toDay(l.today), fraction: 1 / 3, rows: true };
    } catch (e) {
      if (mine !== this.seq) return;
      this.loadError = (e as ErrorInfo).message || 'Something went wrong.';
    }
  };

  private async reloadBaselines(): Promise<void> {
    try {
      this.baselineList = await ipc.baselines();
      if (this.baseline && !this.baselineList.some((b) => b.name === this.baseline)) this.baseline = '';
    } catch (e) {
      app.showError(e as ErrorInfo);
    }
  }

  /** A baseline was saved from the toolbar: list it and overlay it. */
  baselineSaved = async (name: string): Promise<void> => {
    await this.reloadBaselines();
    this.baseline = name;
  };

  // --- Scrolling and jumps --------------------------------------------------------------------------

  onscroll = (): void => {
    const now = performance.now();
    const continued = now - this.lastScroll < 60;
    this.lastScroll = now;
    if (continued && !this.barDrag.current && !this.linkDrag.current) {
      this.scrolling = true;
      if (this.scrollIdle !== null) clearTimeout(this.scrollIdle);
      this.scrollIdle = setTimeout(() => {
        this.scrollIdle = null;
        this.scrolling = false;
        this.motion = 'rest';
      }, 120);
    }
    if (this.frame !== null) return;
    this.frame = nextFrame(() => {
      this.frame = null;
      const scroller = this.scroller;
      if (!scroller) return;
      const [top, left, at] = [scroller.scrollTop, scroller.scrollLeft, performance.now()];
      this.motion = motionOf(this.scrolling, Math.abs(top - this.scrollTop) + Math.abs(left - this.scrollLeft), at - this.lastStep);
      this.lastStep = at;
      this.scrollTop = top;
      this.scrollLeft = left;
    });
  };

  private async focusBar(m: MilestoneAt): Promise<void> {
    await tick();
    const bars = this.scroller?.querySelectorAll<HTMLElement>('[data-testid="roadmap-bar"]') ?? [];
    [...bars].find((b) => b.dataset.key === m.key && b.dataset.kind === m.kind)?.focus({ preventScroll: true });
  }

  setZoom = (z: Zoom): void => {
    if (z === this.zoom) return;
    const center = this.scale ? dayAt(this.scale, this.scrollLeft + this.timelineW / 2) : null;
    this.zoom = z;
    if (center !== null) this.anchor = { day: center, fraction: 0.5 };
  };

  goToday = (): void => {
    if (this.layout) this.anchor = { day: toDay(this.layout.today), fraction: 1 / 3, rows: true };
  };

  toggleGroup = (code: string): void => {
    const next = new Set(this.collapsed);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    this.collapsed = next;
  };

  /** Scrolls to a milestone (opening its group if it is collapsed) and focuses it. */
  private async goTo(row: number, kind: MilestoneKind): Promise<void> {
    const l = this.layout;
    const bar = l?.rows[row]?.bars.find((b) => b.kind === kind);
    if (!l || !bar) return;
    const group = l.groups.find((g) => g.rows.includes(row));
    if (group && this.collapsed.has(group.code)) this.toggleGroup(group.code);
    await tick();
    const line = this.built.lineOfRow.get(row);
    if (line === undefined) return;
    this.anchor = { day: toDay(bar.start), fraction: 1 / 3, line, focus: { key: l.rows[row]!.key, kind } };
  }

  goToStub = (s: StubShape): void => {
    void this.goTo(s.other.row, s.other.kind);
  };

  openRelease = (key: string): void => {
    app.go('releases');
    void app.openRelease(key);
  };

  // --- Bars: pointer and keyboard -----------------------------------------------------------------

  barsOf(row: Row): DrawnBar[] {
    const { context, rows } = this.barCache;
    if (!context) return [];
    let bars = rows.get(row.index);
    if (!bars) {
      bars = drawnBars(row, context);
      rows.set(row.index, bars);
    }
    return bars;
  }

  cancel = (): void => {
    this.barDrag.stop();
    this.whatif.cancel();
  };

  commit = (): void => {
    if (!this.drag) void this.whatif.commit();
  };

  /** The preview to continue from for this bar, or a fresh one. */
  private baseFor(row: Row, bar: Bar, release: boolean): Preview {
    const p = this.whatif.preview;
    if (p && p.key === row.key && p.kind === bar.kind && p.release === release) return p;
    return startPreview(row.key, bar, release);
  }

  onBarPointerDown = (e: PointerEvent, row: Row, b: DrawnBar): void => {
    if (e.button !== 0 || !this.scale || this.whatif.committing) return;
    const el = e.currentTarget as HTMLElement;
    const rect = el.getBoundingClientRect();
    const mode: DragMode = modeAt(e.clientX - rect.left, rect.width, b.bar.diamond);
    e.preventDefault();
    el.focus({ preventScroll: true });
    el.setPointerCapture?.(e.pointerId);
    this.barDrag.start(e, this.baseFor(row, b.bar, e.altKey && mode === 'move'), mode);
  };

  onBarPointerMove = (e: PointerEvent): void => {
    this.barDrag.move(e);
  };

  onBarPointerUp = (e: PointerEvent): void => {
    if (this.barDrag.release(e)) (e.currentTarget as HTMLElement).releasePointerCapture?.(e.pointerId);
  };

  onBarPointerCancel = (e: PointerEvent): void => {
    const base = this.barDrag.lose(e);
    if (base) this.whatif.set(base);
  };

  onBarKey = (e: KeyboardEvent, row: Row, bar: Bar): void => {
    if (e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const days = e.key === 'ArrowRight' ? 1 : -1;
      const mode: DragMode = e.shiftKey ? 'resize' : 'move';
      this.whatif.set(nudge(this.baseFor(row, bar, e.altKey && mode === 'move'), mode, days));
    } else if (e.key === 'Enter' && this.preview) {
      e.preventDefault();
      this.commit();
    } else if (e.key === 'Escape' && (this.preview || this.drag)) {
      e.preventDefault();
      e.stopPropagation();
      this.cancel();
    } else if ((e.key === 'l' || e.key === 'L') && !e.altKey) {
      e.preventDefault();
      const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
      this.openLink({ key: row.key, kind: bar.kind }, null, 'fs', { x: r.left, y: r.bottom }, e.currentTarget as HTMLElement);
    }
  };

  // --- Linking ------------------------------------------------------------------------------------

  private openLink(from: MilestoneAt, to: MilestoneAt | null, kind: DepKind, at: { x: number; y: number }, origin: HTMLElement | null): void {
    this.cancel();
    this.draft = { from, to, kind, at, origin };
  }

  closeLink = (): void => {
    const origin = this.draft?.origin;
    this.draft = null;
    if (origin?.isConnected) origin.focus({ preventScroll: true });
  };

  startLink = (e: PointerEvent, row: Row, b: DrawnBar, side: Side): void => {
    if (e.button !== 0 || this.whatif.committing || this.drag) return;
    e.preventDefault();
    e.stopPropagation();
    this.cancel();
    this.linkDrag.start(e, { key: row.key, kind: b.bar.kind, side });
  };
}
