// Queries for the component tests. Elements are found by their data-testid, as the end-to-end
// tests find them, so a change of markup or class names does not break a test.

export const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(sel: string) => [...document.querySelectorAll<T>(sel)];
export const byId = <T extends Element = HTMLElement>(id: string) => $<T>(`[data-testid="${id}"]`);
export const all = (id: string) => $$(`[data-testid="${id}"]`);
