import { describe, expect, it } from 'vitest';
import { REPORT_KINDS, defaultDraft, monthKey, placeErrors, quarterKey, requestOf, type ReportDraft } from './request';

const TODAY = '2027-02-10';

function request(d: ReportDraft) {
  const r = requestOf(d);
  if (!('request' in r)) throw new Error(`expected a request, got ${JSON.stringify(r.errors)}`);
  return r.request;
}

function errors(d: ReportDraft) {
  const r = requestOf(d);
  if (!('errors' in r)) throw new Error('expected errors');
  return r.errors;
}

describe('the report kinds', () => {
  it('lists the eight reports in the users’ words, each with one line about it', () => {
    expect(REPORT_KINDS.map((k) => k.label)).toEqual([
      'Release report',
      'Monthly KPI report',
      'Quarterly PMO report',
      'Roadmap poster',
      'CAB pack',
      'CAB minutes',
      'Forward schedule of changes',
      'Responsibility matrix',
    ]);
    // One line each in the form's column.
    for (const k of REPORT_KINDS) expect(k.description.length).toBeLessThanOrEqual(42);
  });
});

describe('defaultDraft', () => {
  it('starts on this quarter and month, the poster over six months from the quarter start', () => {
    const d = defaultDraft(TODAY, 'REL-1');
    expect(d).toMatchObject({ kind: 'poster', release: 'REL-1', year: 2027, month: 2, quarter: 1, span: 'month', paper: 'a4', landscape: true });
    expect(d.ranges.poster).toEqual({ from: '2027-01-01', to: '2027-06-30' });
    expect(d.ranges.cab_pack).toEqual({ from: '2027-02-10', to: '2027-03-09' });
    expect(d.ranges.cab_minutes).toEqual({ from: '2027-01-14', to: '2027-02-10' });
  });

  it('crosses the year end', () => {
    const d = defaultDraft('2027-11-30');
    expect(d.quarter).toBe(4);
    expect(d.ranges.poster).toEqual({ from: '2027-10-01', to: '2028-03-31' });
  });
});

describe('requestOf', () => {
  const base = defaultDraft(TODAY, 'REL-1');

  it('sends the matrix for the portfolio or one release, in SARCI or RACI', () => {
    expect(request({ ...base, kind: 'matrix' })).toMatchObject({ kind: 'matrix', release: null, raci: false, month: null, from: null });
    expect(request({ ...base, kind: 'matrix', matrixRelease: 'REL-2', raci: true })).toMatchObject({ kind: 'matrix', release: 'REL-2', raci: true });
    // The release report's release is its own.
    expect(request({ ...base, kind: 'release' })).not.toHaveProperty('raci');
  });

  it('sends only what each report needs, with the sheet', () => {
    expect(request({ ...base, kind: 'release' })).toEqual({
      kind: 'release',
      quarter: null,
      month: null,
      release: 'REL-1',
      from: null,
      to: null,
      sheet: { paper: 'a4', landscape: true },
      fit_one_page: false,
      generated_at: null,
    });
    expect(request({ ...base, kind: 'monthly', year: 2027, month: 3 })).toMatchObject({ month: '2027-03', quarter: null, from: null });
    expect(request({ ...base, kind: 'quarterly', year: 2026, quarter: 4, paper: 'letter', landscape: false })).toMatchObject({
      quarter: '2026-Q4',
      month: null,
      sheet: { paper: 'letter', landscape: false },
    });
  });

  it('gives each ranged report its own dates, and "fit on one page" only to the poster', () => {
    const d: ReportDraft = { ...base, fitOnePage: true };
    expect(request({ ...d, kind: 'poster' })).toMatchObject({ from: '2027-01-01', to: '2027-06-30', fit_one_page: true });
    expect(request({ ...d, kind: 'cab_pack' })).toMatchObject({ from: '2027-02-10', to: '2027-03-09', fit_one_page: false });
    expect(request({ ...d, kind: 'cab_minutes' })).toMatchObject({ from: '2027-01-14', to: '2027-02-10', release: null });
  });

  it('asks the forward schedule for the month or the quarter chosen, always landscape', () => {
    const d: ReportDraft = { ...base, kind: 'fsc', year: 2027, month: 3, quarter: 2, landscape: false };
    expect(request(d)).toMatchObject({ kind: 'fsc', month: '2027-03', quarter: null, from: null, sheet: { paper: 'a4', landscape: true } });
    expect(request({ ...d, span: 'quarter' })).toMatchObject({ kind: 'fsc', month: null, quarter: '2027-Q2' });
    expect(errors({ ...d, span: 'quarter', quarter: 7 })).toEqual({ quarter: 'Choose a quarter.' });
    expect(errors({ ...d, year: 12 })).toHaveProperty('year');
    // Only the forward schedule is held to landscape.
    expect(request({ ...d, kind: 'monthly' }).sheet.landscape).toBe(false);
  });

  it('names the fields it cannot send', () => {
    expect(errors({ ...base, kind: 'release', release: ' ' })).toEqual({ release: 'Choose the release to report on.' });
    expect(errors({ ...base, kind: 'quarterly', year: Number.NaN })).toHaveProperty('year');
    expect(errors({ ...base, kind: 'monthly', year: null as unknown as number })).toHaveProperty('year');
    const backwards = { ...base.ranges, poster: { from: '2027-03-01', to: '2027-02-01' } };
    expect(errors({ ...base, kind: 'poster', ranges: backwards })).toEqual({ to: 'The period ends before it starts.' });
    const empty = { ...base.ranges, cab_pack: { from: '', to: '' } };
    expect(Object.keys(errors({ ...base, kind: 'cab_pack', ranges: empty }))).toEqual(['from', 'to']);
  });

  it('writes quarters and months as the core reads them', () => {
    expect(quarterKey(2027, 1)).toBe('2027-Q1');
    expect(monthKey(2027, 2)).toBe('2027-02');
  });
});

describe('placeErrors', () => {
  it('puts the core’s field errors at the form’s fields and keeps the rest for the message', () => {
    expect(
      placeErrors([
        { field: 'to', message: 'A report covers at most five years.' },
        { field: 'sheet', message: 'Odd paper.' },
      ]),
    ).toEqual({ at: { to: 'A report covers at most five years.' }, other: ['Odd paper.'] });
  });
});
