import { describe, expect, it } from 'vitest';
import { anchors, elbowPath } from './arrows';

describe('anchors', () => {
  it('links finish and start as the dependency kind says', () => {
    expect(anchors('fs')).toEqual({ from: 'end', to: 'start' });
    expect(anchors('ss')).toEqual({ from: 'start', to: 'start' });
    expect(anchors('ff')).toEqual({ from: 'end', to: 'end' });
    expect(anchors('sf')).toEqual({ from: 'start', to: 'end' });
  });
});

describe('elbowPath', () => {
  it('goes out, across at the middle and in when there is room', () => {
    expect(elbowPath({ x: 100, y: 16 }, { x: 200, y: 80 }, 32)).toBe('M100,16 H150 V80 H200');
  });

  it('is a straight line on the same row', () => {
    expect(elbowPath({ x: 100, y: 16 }, { x: 200, y: 16 }, 32)).toBe('M100,16 H200');
  });

  it('detours between the rows when the successor starts too early', () => {
    // out 8px, down half a row, back to 8px before the successor, down, in
    expect(elbowPath({ x: 200, y: 16 }, { x: 150, y: 80 }, 32)).toBe('M200,16 H208 V32 H142 V80 H150');
    // upwards too
    expect(elbowPath({ x: 200, y: 80 }, { x: 150, y: 16 }, 32)).toBe('M200,80 H208 V64 H142 V16 H150');
  });

  it('rounds to a tenth of a pixel', () => {
    expect(elbowPath({ x: 10.123, y: 16 }, { x: 100.456, y: 16 }, 32)).toBe('M10.1,16 H100.5');
  });
});
