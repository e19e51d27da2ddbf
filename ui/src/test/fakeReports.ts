// The laid-out pages of a report as the FakeCore answers report_preview: one page per `count`
// (each with a header text, a rule, a bar, a dashed line and a diamond, as the core's marks are) and a
// bookmark per application; a period that ends before it starts is refused as the core refuses it.

import type { Application, Document as ReportDocument, ErrorInfo, Page, ReportRequest } from '../lib/ipc/bindings';

const REPORT_TITLES: Record<ReportRequest['kind'], string> = {
  release: 'Release report',
  monthly: 'Monthly KPI report',
  quarterly: 'Quarterly PMO report',
  poster: 'Roadmap poster',
  cab_pack: 'CAB pack',
  cab_minutes: 'CAB minutes',
  fsc: 'Forward schedule of changes',
  matrix: 'Responsibility matrix',
};

const PAPER_POINTS: Record<ReportRequest['sheet']['paper'], [number, number]> = {
  a4: [595.28, 841.89],
  letter: [612, 792],
  a3: [841.89, 1190.55],
};

/** The report `req` laid out on `count` pages, `heading` drawn on each (as text, whatever it holds). */
export function layOut(req: ReportRequest, count: number, heading: string, applications: Application[]): ReportDocument {
  if (req.from && req.to && req.to < req.from) {
    throw { code: 'validation', message: 'to: The period ends before it starts.', fields: [{ field: 'to', message: `The period ends (${req.to}) before it starts (${req.from}).` }] } satisfies ErrorInfo;
  }
  const [w, h] = PAPER_POINTS[req.sheet.paper];
  const [width, height] = req.sheet.landscape ? [h, w] : [w, h];
  const pages: Page[] = Array.from({ length: count }, (_, i) => ({
    width,
    height,
    marks: [
      { type: 'text', x: 42, y: 40, size: 14, bold: true, color: [0x24, 0x29, 0x33], text: heading },
      { type: 'line', points: [[42, 48], [width - 42, 48]], color: [0xc9, 0xcf, 0xd8], width: 0.5, dashed: false },
      { type: 'rect', x: 60, y: 80, w: 120, h: 9, fill: [0x1f, 0x5f, 0xa8], stroke: null, line_width: 0 },
      { type: 'line', points: [[180, 84], [200, 84], [200, 120]], color: [0xb4, 0x2b, 0x2b], width: 1, dashed: true },
      { type: 'polygon', points: [[200, 120], [205, 125], [200, 130], [195, 125]], fill: [0xb2, 0x6b, 0x00] },
      { type: 'text', x: 42, y: height - 20, size: 7, bold: false, color: [0x5f, 0x67, 0x73], text: `Page ${i + 1} of ${count}` },
    ],
  }));
  return {
    title: REPORT_TITLES[req.kind],
    pages,
    bookmarks: applications.map((a, i) => ({ title: a.name, page: Math.min(i, pages.length - 1) })),
    missing_glyphs: heading.includes('☃') ? ['☃'] : [],
  };
}
