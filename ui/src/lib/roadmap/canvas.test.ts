import { describe, expect, it } from 'vitest';
import { bitmapSize, Live } from './canvas';

describe('bitmapSize', () => {
  it('is the CSS size in device pixels, rounded, for a canvas without slack', () => {
    expect(bitmapSize({ width: 300, height: 150 }, 410.4, 32, 1, false)).toEqual({ w: 410, h: 32 });
    expect(bitmapSize({ width: 300, height: 150 }, 410, 32, 2, false)).toEqual({ w: 820, h: 64 });
    // Whatever it had before.
    expect(bitmapSize({ width: 2000, height: 32 }, 410, 32, 1, false)).toEqual({ w: 410, h: 32 });
  });

  it('keeps a slack canvas’s bitmap while it is wide enough and not three times too wide', () => {
    expect(bitmapSize({ width: 768, height: 32 }, 410, 32, 1, true)).toEqual({ w: 768, h: 32 });
    expect(bitmapSize({ width: 768, height: 32 }, 256, 32, 1, true)).toEqual({ w: 768, h: 32 });
    expect(bitmapSize({ width: 768, height: 32 }, 768, 32, 1, true)).toEqual({ w: 768, h: 32 });
  });

  it('gives a slack canvas a new bitmap, in steps of 256 px, when it is too narrow, far too wide, or of another height', () => {
    expect(bitmapSize({ width: 300, height: 150 }, 410, 32, 1, true)).toEqual({ w: 512, h: 32 });
    expect(bitmapSize({ width: 768, height: 32 }, 769, 32, 1, true)).toEqual({ w: 1024, h: 32 });
    expect(bitmapSize({ width: 768, height: 32 }, 255, 32, 1, true)).toEqual({ w: 256, h: 32 });
    expect(bitmapSize({ width: 768, height: 32 }, 410, 32, 2, true)).toEqual({ w: 1024, h: 64 });
  });
});

describe('Live', () => {
  it('has a row’s controls from when it is drawn at rest, and keeps them for the same release only', () => {
    const live = new Live();
    expect(live.at(false, 'REL-1')).toBe(false);
    expect(live.at(true, 'REL-1')).toBe(true);
    expect(live.at(false, 'REL-1')).toBe(true);
    expect(live.at(false, 'REL-2')).toBe(false);
    expect(live.at(true, 'REL-2')).toBe(true);
  });
});
