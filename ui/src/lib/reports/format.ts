// The words the Reports view uses for counts, sizes and missing characters.

export function pagesText(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'page' : 'pages'}`;
}

/** "812 bytes", "34 KB", "1.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The characters the report font cannot draw, said plainly (at most 20 of them listed). */
export function missingGlyphsText(chars: readonly string[]): string {
  const shown = chars.slice(0, 20).join(' ');
  const more = chars.length > 20 ? ` and ${chars.length - 20} more` : '';
  return `The report font has no glyph for ${shown}${more}: ${chars.length === 1 ? 'it prints' : 'they print'} as a box.`;
}
