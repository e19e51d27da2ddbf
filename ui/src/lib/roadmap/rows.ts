// The roadmap's lines: a header per application group, then its releases unless the group is
// collapsed. Every line is the same height, so the release list's window math applies.

import type { Group, Layout, Row } from '../ipc/bindings';

export type Line = { type: 'group'; group: Group; collapsed: boolean } | { type: 'row'; row: Row; group: string };

export interface Lines {
  lines: Line[];
  /** Line index of each drawn row, by row index (collapsed rows are absent). */
  lineOfRow: Map<number, number>;
  /** Line index of each row's group header, by row index (collapsed rows too). */
  headerOfRow: Map<number, number>;
}

export function buildLines(layout: Layout, collapsed: ReadonlySet<string>): Lines {
  const lines: Line[] = [];
  const lineOfRow = new Map<number, number>();
  const headerOfRow = new Map<number, number>();
  for (const group of layout.groups) {
    const isCollapsed = collapsed.has(group.code);
    const header = lines.length;
    for (const index of group.rows) headerOfRow.set(index, header);
    lines.push({ type: 'group', group, collapsed: isCollapsed });
    if (isCollapsed) continue;
    for (const index of group.rows) {
      const row = layout.rows[index];
      if (!row) continue;
      lineOfRow.set(index, lines.length);
      lines.push({ type: 'row', row, group: group.code });
    }
  }
  return { lines, lineOfRow, headerOfRow };
}

/**
 * The first line worth showing on "today": the first release (in drawing order) with a milestone
 * ending no earlier than two weeks before today, or its group header when it is the group's first
 * row. 0 when there is none.
 */
export function lineNearToday(lines: readonly Line[], today: string): number {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 14);
  const since = d.toISOString().slice(0, 10);
  const i = lines.findIndex((l) => l.type === 'row' && l.row.bars.some((b) => b.end >= since));
  if (i <= 0) return 0;
  return lines[i - 1]?.type === 'group' ? i - 1 : i;
}
