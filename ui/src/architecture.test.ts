// The front end's layering rules, checked on the sources.
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["./**/*.ts", "./**/*.svelte", "!./**/*.test.ts", "!./test/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("architecture", () => {
  it("reads the sources", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it("only src/lib/ipc imports @tauri-apps", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.startsWith("./lib/ipc/"))
      .filter(([, text]) => /from\s+["']@tauri-apps\//.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it("plan text is never inserted as HTML", () => {
    const offenders = Object.entries(sources)
      .filter(([, text]) => /\{@html|\.innerHTML\s*=|insertAdjacentHTML/.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });
});
