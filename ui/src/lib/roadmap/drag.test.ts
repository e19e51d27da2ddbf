import { describe, expect, it } from 'vitest';
import { changeOf, dragTo, isNoop, modeAt, nudge, previewDates, startPreview } from './drag';

const bar = { kind: 'test' as const, start: '2027-03-01', end: '2027-03-10' };

describe('drag → Change', () => {
  it('moves both dates by whole days', () => {
    const p = dragTo(startPreview('REL-1', bar), 'move', 3);
    expect(changeOf(p)).toEqual({
      type: 'milestone',
      milestone: { release: 'REL-1', kind: 'test' },
      start: '2027-03-04',
      end: '2027-03-13',
    });
  });

  it('measures every pointer move from where the drag began', () => {
    const base = startPreview('REL-1', bar);
    dragTo(base, 'move', 5);
    const p = dragTo(base, 'move', -2);
    expect([p.start, p.end]).toEqual(['2027-02-27', '2027-03-08']);
    // a second drag continues from the first one's preview, and still knows the original dates
    const again = dragTo(p, 'move', 1);
    expect([again.start, again.from.start]).toEqual(['2027-02-28', '2027-03-01']);
  });

  it('resizes the end only, never before the start', () => {
    const p0 = startPreview('REL-1', bar);
    expect(changeOf(dragTo(p0, 'resize', 2))).toMatchObject({ start: '2027-03-01', end: '2027-03-12' });
    expect(changeOf(dragTo(p0, 'resize', -30))).toMatchObject({ start: '2027-03-01', end: '2027-03-01' });
  });

  it('gives nothing when the bar is back where it was', () => {
    const p = dragTo(dragTo(startPreview('REL-1', bar), 'move', 4), 'move', -4);
    expect(isNoop(p)).toBe(true);
    expect(changeOf(p)).toBeNull();
  });

  it('shifts a whole release', () => {
    const p = nudge(startPreview('REL-1', bar, true), 'move', -2);
    expect(changeOf(p)).toEqual({ type: 'release', release: 'REL-1', shift_days: -2 });
  });
});

describe('keyboard nudges', () => {
  it('accumulate on the preview', () => {
    let p = startPreview('REL-1', bar);
    p = nudge(p, 'move', 1);
    p = nudge(p, 'move', 1);
    p = nudge(p, 'resize', 1);
    expect([p.start, p.end]).toEqual(['2027-03-03', '2027-03-13']);
    p = nudge(nudge(startPreview('REL-1', { ...bar, end: bar.start }), 'resize', -1), 'resize', -1);
    expect(p.end).toBe('2027-03-01');
  });
});

describe('previewDates', () => {
  it('moves only the previewed milestone, or every milestone of a shifted release', () => {
    const p = dragTo(startPreview('REL-1', bar), 'move', 2);
    expect(previewDates(p, 'REL-1', bar)).toEqual({ start: '2027-03-03', end: '2027-03-12', moved: true });
    expect(previewDates(p, 'REL-1', { ...bar, kind: 'build' }).moved).toBe(false);
    expect(previewDates(p, 'REL-2', bar).moved).toBe(false);
    const r = dragTo(startPreview('REL-1', bar, true), 'move', 2);
    expect(previewDates(r, 'REL-1', { kind: 'deployment', start: '2027-04-01', end: '2027-04-01' })).toEqual({
      start: '2027-04-03',
      end: '2027-04-03',
      moved: true,
    });
  });
});

describe('modeAt', () => {
  it('resizes from the right edge of a bar, never a diamond', () => {
    expect(modeAt(95, 100, false)).toBe('resize');
    expect(modeAt(50, 100, false)).toBe('move');
    expect(modeAt(11, 12, false)).toBe('resize');
    expect(modeAt(5, 12, false)).toBe('move');
    expect(modeAt(13, 14, true)).toBe('move');
  });
});
