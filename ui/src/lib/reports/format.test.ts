import { describe, expect, it } from 'vitest';
import { fileSize, missingGlyphsText, pagesText } from './format';

describe('format', () => {
  it('counts pages and sizes files in plain words', () => {
    expect(pagesText(1)).toBe('1 page');
    expect(pagesText(1250)).toBe('1,250 pages');
    expect(fileSize(812)).toBe('812 bytes');
    expect(fileSize(48_213)).toBe('48 KB');
    expect(fileSize(1_460_000)).toBe('1.5 MB');
  });

  it('names the characters the font lacks', () => {
    expect(missingGlyphsText(['☃'])).toBe('The report font has no glyph for ☃: it prints as a box.');
    const many = Array.from({ length: 23 }, (_, i) => String.fromCodePoint(0x2600 + i));
    expect(missingGlyphsText(many)).toContain('and 3 more: they print as a box.');
  });
});
