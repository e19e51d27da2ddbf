// Queries for the component tests. Elements are found by their data-testid, as the end-to-end
// tests find them, so a change of markup or class names does not break a test.

export const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(sel: string) => [...document.querySelectorAll<T>(sel)];
export const byId = <T extends Element = HTMLElement>(id: string) => $<T>(`[data-testid="${id}"]`);
export const all = (id: string) => $$(`[data-testid="${id}"]`);

/** A dependency painted on the roadmap's links canvas, from its words (RoadmapArrows' data-links). */
export interface PaintedLink {
  from: string;
  to: string;
  implied: boolean;
  broken: boolean;
  critical: boolean;
  stub: boolean;
}

/** The links painted on the roadmap now: its arrows (and, with `stubs`, its stubs too). */
export function paintedLinks(stubs = false): PaintedLink[] {
  const words = byId('roadmap-links')?.dataset.links ?? '';
  return words
    .split(' ')
    .filter(Boolean)
    .map((w) => {
      const [pair, ...flags] = w.split(':');
      const [from = '', to = ''] = pair!.split('>');
      const has = (f: string) => flags.includes(f);
      return { from, to, implied: has('implied'), broken: has('broken'), critical: has('critical'), stub: has('stub') };
    })
    .filter((l) => stubs || !l.stub);
}
