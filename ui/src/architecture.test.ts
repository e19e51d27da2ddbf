// The front end's layering rules, checked on the sources.
//
// - `lib/` is the logic and the state, `components/` the markup over it: lib never imports a
//   component (nor anything under components/).
// - Components live in a folder per feature, as lib/ does: `components/<feature>/`. A component
//   imports components of its own folder and of `common/` (the shared widgets) only; `common/`
//   imports nothing from the other folders. `shell/` (the frame around the views) is a folder
//   like the others. Only App.svelte, at the root, composes the folders into the app.
// - Only `lib/ipc/` imports @tauri-apps: everything else uses the typed client there.
// - A component stays under 600 lines (CONTRIBUTING's aim for every file): its logic goes to a
//   controller in lib/ (lib/roadmap/controller.svelte.ts is one).
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["./**/*.ts", "./**/*.svelte", "!./**/*.test.ts", "!./test/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

const FEATURES = ["calendar", "common", "dashboard", "matrix", "merge", "outbox", "presentation", "releases", "reports", "roadmap", "settings", "shell", "stakeholders"];
const MAX_COMPONENT_LINES = 600;

/** Every module a source imports (static, side-effect and dynamic imports), as written. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+["']([^"']+)["']/g, /\bimport\s+["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]!);
  return found;
}

/** A relative import resolved against the importing file ("./a/b.ts" + "../c" → "./c"); others as written. */
function resolve(from: string, spec: string): string {
  if (!spec.startsWith(".")) return spec;
  const parts = from.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

/** The imports of every source, resolved: [importer, imported]. */
function edges(): [string, string][] {
  return Object.entries(sources).flatMap(([path, text]) => importsOf(text).map((spec): [string, string] => [path, resolve(path, spec)]));
}

/** A Svelte component (x.svelte), not a module with runes (x.svelte.ts, imported as "x.svelte"). */
function isComponent(path: string): boolean {
  return path.endsWith(".svelte") && path in sources;
}

/** The feature folder of a file under components/ ("" for a file directly in it), or null. */
function featureOf(path: string): string | null {
  const m = /^\.\/components\/(.+)$/.exec(path);
  if (!m) return null;
  const parts = m[1]!.split("/");
  return parts.length > 1 ? parts[0]! : "";
}

describe("architecture", () => {
  it("reads the sources", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    // The rules below see the imports: a sample of each kind.
    expect(edges()).toContainEqual(["./components/roadmap/Roadmap.svelte", "./components/roadmap/RoadmapRow.svelte"]);
    expect(edges()).toContainEqual(["./components/roadmap/Roadmap.svelte", "./lib/roadmap/controller.svelte"]);
    expect(edges()).toContainEqual(["./App.svelte", "./components/shell/TopBar.svelte"]);
  });

  it("only src/lib/ipc imports @tauri-apps", () => {
    const offenders = edges()
      .filter(([path]) => !path.startsWith("./lib/ipc/"))
      .filter(([, imported]) => imported.startsWith("@tauri-apps/"))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it("lib/ never imports from components/ (nor any .svelte component)", () => {
    const offenders = edges()
      .filter(([path]) => path.startsWith("./lib/"))
      .filter(([, imported]) => imported.startsWith("./components/") || isComponent(imported))
      .map(([path, imported]) => `${path} -> ${imported}`);
    expect(offenders).toEqual([]);
  });

  it("every component is in a feature folder", () => {
    const misplaced = Object.keys(sources)
      .map((path) => [path, featureOf(path)] as const)
      .filter(([, feature]) => feature !== null && !FEATURES.includes(feature))
      .map(([path]) => path);
    expect(misplaced).toEqual([]);
  });

  it("a component imports components of its own folder and of common/ only", () => {
    const offenders = edges()
      .map(([path, imported]) => [path, imported, featureOf(path), featureOf(imported)] as const)
      .filter(([, , from, to]) => from !== null && to !== null && to !== from && to !== "common")
      .map(([path, imported]) => `${path} -> ${imported}`);
    expect(offenders).toEqual([]);
  });

  it(`no component exceeds ${MAX_COMPONENT_LINES} lines`, () => {
    const long = Object.entries(sources)
      .filter(([path]) => path.endsWith(".svelte"))
      .map(([path, text]) => [path, text.split("\n").length - (text.endsWith("\n") ? 1 : 0)] as const)
      .filter(([, lines]) => lines > MAX_COMPONENT_LINES)
      .map(([path, lines]) => `${path}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it("plan text is never inserted as HTML", () => {
    const offenders = Object.entries(sources)
      .filter(([, text]) => /\{@html|\.innerHTML\s*=|insertAdjacentHTML/.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });
});
