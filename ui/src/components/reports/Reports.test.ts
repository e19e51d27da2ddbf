// @vitest-environment jsdom
// The Reports view in the app against the FakeCore: the form as the core's request, the pages
// drawn as SVG from the marks (text as text), page navigation, Save… and Open, progress, errors.

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportRequest } from '../../lib/ipc/bindings';
import { $$, byId } from '../../test/dom';
import { FakeCore } from '../../test/fakeCore';
import { mounter } from '../../test/mount';

let core: FakeCore;

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: Record<string, unknown>) => core.invoke(command, args),
}));
const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, handler: (e: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  },
}));

const ui = mounter();
const { flushSync, until } = ui;

const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The app on the Reports view, today being 10 February 2027. */
async function openReports(setup?: (core: FakeCore) => void) {
  core = new FakeCore(3);
  setup?.(core);
  await ui.mountApp();
  byId('nav-reports')!.click();
  await until(() => !!byId('report-form'), 'the Reports view');
}

function set(id: string, value: string) {
  const el = byId<HTMLInputElement | HTMLSelectElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

function click(id: string) {
  const el = byId(id);
  if (!el) throw new Error(`no ${id}`);
  el.click();
  flushSync();
}

const requests = (command = 'report_preview') =>
  core.calls.filter((c) => c.command === command).map((c) => (c.args as { req: ReportRequest }).req);

async function preview() {
  const before = requests().length;
  click('preview-report');
  await until(() => requests().length > before && !byId('report-progress'), 'the preview');
}

vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await import('../../App.svelte');
}, 60_000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2027, 1, 10, 9, 30));
  delete document.body.dataset.ready;
  listeners.clear();
});

afterEach(() => {
  ui.unmount();
  vi.useRealTimers();
});

describe('the Reports view', () => {
  it('offers the eight reports, each with a line about it', async () => {
    await openReports();
    const kinds = $$<HTMLInputElement>('[data-testid^="report-kind-"]').map((r) => r.value);
    expect(kinds).toEqual(['release', 'monthly', 'quarterly', 'poster', 'cab_pack', 'cab_minutes', 'fsc', 'matrix']);
    expect(text('report-kinds')).toContain('Quarterly PMO report');
    expect(text('report-kinds')).toContain('Releases awaiting a CAB decision');
    expect(byId<HTMLInputElement>('report-kind-poster')!.checked).toBe(true);
  });

  it('turns the form into the core’s request for every report', async () => {
    await openReports();
    await preview();
    expect(requests().at(-1)).toEqual({
      kind: 'poster',
      quarter: null,
      month: null,
      release: null,
      from: '2027-01-01',
      to: '2027-06-30',
      sheet: { paper: 'a4', landscape: true },
      fit_one_page: false,
      generated_at: null,
    });

    click('report-fit');
    set('report-from', '2027-03-01');
    set('report-to', '2027-03-31');
    set('report-paper', 'a3');
    await preview();
    expect(requests().at(-1)).toMatchObject({ from: '2027-03-01', to: '2027-03-31', fit_one_page: true, sheet: { paper: 'a3', landscape: true } });

    click('report-kind-quarterly');
    set('report-year', '2026');
    set('report-quarter', '3');
    click('report-portrait');
    set('report-paper', 'letter');
    await preview();
    expect(requests().at(-1)).toMatchObject({
      kind: 'quarterly',
      quarter: '2026-Q3',
      from: null,
      to: null,
      fit_one_page: false,
      sheet: { paper: 'letter', landscape: false },
    });

    click('report-kind-monthly');
    set('report-month', '11');
    await preview();
    expect(requests().at(-1)).toMatchObject({ kind: 'monthly', month: '2026-11', quarter: null });

    click('report-kind-matrix');
    expect(byId('report-scope')!.dataset.scope).toBe('matrix');
    set('report-matrix-for', 'REL-00001');
    click('report-raci');
    await preview();
    expect(requests().at(-1)).toMatchObject({ kind: 'matrix', release: 'REL-00001', raci: true, month: null });

    click('report-kind-release');
    expect([...byId<HTMLSelectElement>('report-release')!.options].map((o) => o.value)).toEqual([
      'REL-00000',
      'REL-00001',
      'REL-00002',
    ]);
    set('report-release', 'REL-00002');
    await preview();
    expect(requests().at(-1)).toMatchObject({ kind: 'release', release: 'REL-00002', month: null });

    // The CAB pack keeps its own dates: the poster's are not the pack's.
    click('report-kind-cab_pack');
    expect(byId<HTMLInputElement>('report-from')!.value).toBe('2027-02-10');
    await preview();
    expect(requests().at(-1)).toMatchObject({ kind: 'cab_pack', from: '2027-02-10', to: '2027-03-09', fit_one_page: false });

    // The forward schedule: a month, or a quarter; landscape whatever was chosen before.
    click('report-kind-fsc');
    expect(byId('report-scope')!.dataset.scope).toBe('month');
    expect(byId('report-portrait')).toBeNull();
    expect(text('report-landscape-only')).toContain('Landscape');
    set('report-year', '2027');
    set('report-month', '3');
    await preview();
    expect(requests().at(-1)).toMatchObject({ kind: 'fsc', month: '2027-03', quarter: null, sheet: { paper: 'letter', landscape: true } });
    click('report-span-quarter');
    expect(byId('report-scope')!.dataset.scope).toBe('quarter');
    set('report-quarter', '2');
    await preview();
    expect(requests().at(-1)).toMatchObject({ kind: 'fsc', month: null, quarter: '2027-Q2' });
  });

  it('draws the pages as SVG from the marks, the text as text', async () => {
    await openReports();
    await preview();
    expect(text('report-pages')).toBe('3 pages');
    const page = byId<SVGSVGElement>('report-page')!;
    expect(page.getAttribute('viewBox')).toBe('0 0 841.89 595.28');
    expect(page.getAttribute('aria-label')).toBe('Page 1 of 3');
    const texts = [...page.querySelectorAll('text')];
    expect(texts[0]!.textContent).toBe('Roadmap <b>poster</b> & "friends"');
    expect(texts[0]!.getAttribute('font-weight')).toBe('700');
    expect(texts[0]!.getAttribute('font-size')).toBe('140');
    expect(texts[0]!.getAttribute('transform')).toBe('scale(0.1)');
    expect(texts[0]!.getAttribute('fill')).toBe('rgb(36,41,51)');
    expect(page.querySelector('b')).toBeNull();
    expect(page.querySelector('rect:not(.paper)')!.getAttribute('fill')).toBe('rgb(31,95,168)');
    expect(page.querySelector('polyline[stroke-dasharray]')!.getAttribute('points')).toBe('180,84 200,84 200,120');
    expect(page.querySelector('polygon')!.getAttribute('fill')).toBe('rgb(178,107,0)');
    expect(byId('report-missing-glyphs')).toBeNull();
  });

  it('says which characters print as a box', async () => {
    await openReports((c) => (c.reportHeading = 'Snow ☃'));
    await preview();
    expect(text('report-missing-glyphs')).toBe('The report font has no glyph for ☃: it prints as a box.');
  });

  it('steps through the pages and jumps to a section, drawing only the pages near the view', async () => {
    await openReports((c) => (c.reportPages = 40));
    await preview();
    const input = () => byId<HTMLInputElement>('report-page-input')!;
    expect(input().value).toBe('1');
    expect(text('report-page-indicator')).toContain('of 40');
    expect($$('[data-testid="report-page"]').length).toBeLessThan(6);
    expect(byId<HTMLButtonElement>('report-prev')!.disabled).toBe(true);

    click('report-next');
    await until(() => input().value === '2', 'page 2');

    set('report-page-input', '40');
    byId<HTMLFormElement>('report-page-indicator')!.requestSubmit();
    await until(() => input().value === '40', 'page 40');
    expect(byId<HTMLButtonElement>('report-next')!.disabled).toBe(true);
    const drawn = $$('[data-testid="report-page"]').map((p) => Number(p.dataset.page));
    expect(drawn).toContain(39);
    expect(drawn).not.toContain(0);

    click('report-prev');
    await until(() => input().value === '39', 'page 39');

    const sections = $$<HTMLButtonElement>('[data-testid="report-bookmark"]');
    expect(sections.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Payments 1', 'Customer relations 2']);
    sections[1]!.click();
    await until(() => input().value === '2', 'the second section');
    expect(sections[1]!.getAttribute('aria-current')).toBe('location');
  });

  it('shows a progress indicator and disables the buttons while the pages are laid out', async () => {
    let release = () => {};
    await openReports((c) => (c.reportGate = new Promise<void>((r) => (release = r))));
    click('preview-report');
    await until(() => !!byId('report-progress'), 'the progress');
    expect(text('report-progress')).toBe('Laying out pages…');
    expect(byId<HTMLButtonElement>('preview-report')!.disabled).toBe(true);
    expect(byId<HTMLButtonElement>('save-report')!.disabled).toBe(true);
    release();
    await until(() => !byId('report-progress') && !!byId('report-page'), 'the pages');
    expect(byId<HTMLButtonElement>('save-report')!.disabled).toBe(false);
  });

  it('saves through the native dialog, says "Writing PDF…" once a file is chosen, and opens it on request', async () => {
    let release = () => {};
    await openReports((c) => (c.reportGate = new Promise<void>((r) => (release = r))));
    click('save-report');
    await until(() => text('report-progress') === 'Choose where to save the PDF…', 'the dialog phase');
    listeners.get('report-writing')!({ payload: 'report.pdf' });
    await until(() => text('report-progress') === 'Writing PDF…', 'the writing phase');
    release();
    await until(() => !!byId('report-saved'), 'the saved report');
    expect(requests('save_report').at(-1)).toMatchObject({ kind: 'poster', from: '2027-01-01' });
    expect(text('report-saved')).toContain('report.pdf');
    expect(text('report-saved')).toContain('3 pages · 48 KB');
    expect(core.opened).toEqual([]);
    click('open-report');
    await until(() => core.opened.length === 1, 'open_report');
    expect(core.opened).toEqual(['/home/ada/Reports/report.pdf']);
  });

  it('opens the PDF after saving when asked, and does nothing when the dialog is cancelled', async () => {
    await openReports((c) => (c.dialogChoice = null));
    click('report-open-after');
    click('save-report');
    await until(() => requests('save_report').length === 1 && !byId('report-progress'), 'the cancelled save');
    expect(byId('report-saved')).toBeNull();
    expect(byId('report-error')).toBeNull();

    core.dialogChoice = '/tmp/poster.pdf';
    click('save-report');
    await until(() => core.opened.length === 1, 'the PDF opened after saving');
    expect(core.opened).toEqual(['/tmp/poster.pdf']);
  });

  it('shows the core’s errors as text, at the field when it names one', async () => {
    await openReports((c) => (c.reportError = { code: 'internal', message: 'the CAB pack is not built yet', fields: [] }));
    click('report-kind-cab_pack');
    await preview();
    expect(text('report-error')).toContain('the CAB pack is not built yet');
    expect(byId('report-error')!.dataset.code).toBe('internal');

    core.reportError = null;
    set('report-from', '2027-03-10');
    set('report-to', '2027-03-01');
    click('preview-report');
    flushSync();
    // The form catches it before the core is asked.
    expect(text('report-error-to')).toBe('The period ends before it starts.');
    expect(byId('report-to')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the core’s refusal of a field at that field', async () => {
    await openReports((c) => {
      c.reportError = { code: 'validation', message: 'to: A report covers at most five years.', fields: [{ field: 'to', message: 'A report covers at most five years.' }] };
    });
    await preview();
    expect(text('report-error-to')).toBe('A report covers at most five years.');
    expect(text('report-error')).toContain('see the marked field');
    expect(byId('report-error')!.dataset.code).toBe('validation');
  });

  it('says when the preview no longer matches the form', async () => {
    await openReports();
    await preview();
    expect(byId('report-stale')).toBeNull();
    set('report-paper', 'letter');
    expect(text('report-stale')).toContain('Preview again');
  });
});
