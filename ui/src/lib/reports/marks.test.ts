import { describe, expect, it } from 'vitest';
import { DASH, TEXT_SCALE, color, points, svgMark } from './marks';

describe('svgMark', () => {
  it('draws text at its baseline, in its size, weight and colour, keeping the text as given', () => {
    // Set ten times larger and scaled back: the same place and size on the page.
    expect(svgMark({ type: 'text', x: 42, y: 60.5, size: 9, bold: true, color: [31, 95, 168], text: '<b>R&D</b>' })).toEqual({
      el: 'text',
      attrs: { x: 420, y: 605, 'font-size': 90, 'font-weight': 700, fill: 'rgb(31,95,168)', transform: 'scale(0.1)' },
      text: '<b>R&D</b>',
    });
    expect(TEXT_SCALE).toBe(10);
  });

  it('fills and outlines rectangles as asked', () => {
    expect(svgMark({ type: 'rect', x: 1, y: 2, w: 3, h: 4, fill: [1, 2, 3], stroke: null, line_width: 0 }).attrs).toEqual({
      x: 1,
      y: 2,
      width: 3,
      height: 4,
      fill: 'rgb(1,2,3)',
      stroke: 'none',
      'stroke-width': 0,
    });
    expect(svgMark({ type: 'rect', x: 0, y: 0, w: -1, h: 5, fill: null, stroke: [9, 9, 9], line_width: 0.5 }).attrs).toMatchObject({
      width: 0,
      fill: 'none',
      stroke: 'rgb(9,9,9)',
      'stroke-width': 0.5,
    });
  });

  it('draws lines as polylines, dashed like the PDF, and polygons filled', () => {
    const dashed = svgMark({ type: 'line', points: [[0, 0], [10, 0], [10, 5]], color: [0, 0, 0], width: 1.5, dashed: true });
    expect(dashed).toEqual({
      el: 'polyline',
      attrs: { points: '0,0 10,0 10,5', fill: 'none', stroke: 'rgb(0,0,0)', 'stroke-width': 1.5, 'stroke-dasharray': DASH },
    });
    const solid = svgMark({ type: 'line', points: [[0, 0], [1, 1]], color: [0, 0, 0], width: 1, dashed: false });
    expect(solid.attrs).not.toHaveProperty('stroke-dasharray');
    expect(svgMark({ type: 'polygon', points: [[0, 0], [2, 0], [1, 1]], fill: [255, 0, 0] })).toEqual({
      el: 'polygon',
      attrs: { points: '0,0 2,0 1,1', fill: 'rgb(255,0,0)' },
    });
  });

  it('writes colours and points compactly', () => {
    expect(color([0, 128, 255])).toBe('rgb(0,128,255)');
    expect(points([])).toBe('');
  });
});
