/** diffTables and the text/Markdown/JSON renderers on real kernel tables (the committed registry's). */
import { getTable } from "@xsysgen/kernels";
import type { SyscallTable } from "@xsysgen/core";
import { expect, test } from "vitest";
import { diffTables, renderDiffJson, renderDiffMarkdown, renderDiffText } from "../src/index.ts";

test("RHEL 7.9 over vanilla 3.10 on amd64: 15 additions, nothing else; JSON has the documented shape", () => {
  const from = getTable("3.10", "amd64");
  const to = getTable("3.10.0-1160.el7", "amd64");
  const since = (name: string) => (name === "statx" ? "4.11" : name === "bpf" ? { text: "3.18" } : undefined);
  const d = diffTables(from, to, since);
  expect(d.added.map((e) => e.number)).toEqual([
    314, 315, 316, 317, 318, 319, 320, 321, 323, 324, 325, 326, 329, 330, 331,
  ]);
  const json = JSON.parse(renderDiffJson({ from: "3.10.0", to: "3.10.0-1160.el7", arches: [d] }));
  expect(Object.keys(json)).toEqual(["from", "to", "arches", "onlyIn"]);
  expect(json.onlyIn).toEqual({ from: [], to: [] });
  expect(Object.keys(json.arches)).toEqual(["amd64"]);
  expect(Object.keys(json.arches.amd64)).toEqual(["added", "removed", "renumbered", "renamed"]);
  expect(json.arches.amd64.added.find((e: { name: string }) => e.name === "bpf")).toEqual({
    name: "bpf",
    number: 321,
    since: "3.18",
  });
  expect(json.arches.amd64.added[0]).toEqual({ name: "sched_setattr", number: 314, since: null });
  const text = renderDiffText({ from: "3.10.0", to: "3.10.0-1160.el7", arches: [d] });
  expect(text).toContain("amd64: 15 added");
  expect(text).toContain("  + 321 bpf (since 3.18)");
  const md = renderDiffMarkdown({ from: "3.10.0", to: "3.10.0-1160.el7", arches: [d] });
  expect(md).toContain("| added | 321 | `bpf` | 3.18 |");
});

test("same number, new name is a rename; same name, new number is a renumbering", () => {
  const t = (entries: Array<[string, number]>): SyscallTable => ({
    target: "arm64",
    entries: entries.map(([name, number]) => ({ name, number })),
    aliases: [],
    source: "test",
  });
  const d = diffTables(
    t([
      ["fstatat", 79],
      ["fstat", 80],
      ["gone", 300],
    ]),
    t([
      ["newfstatat", 79],
      ["fstat", 81],
      ["new", 301],
    ]),
  );
  expect(d.renamed).toEqual([{ number: 79, from: "fstatat", to: "newfstatat" }]);
  expect(d.renumbered).toEqual([{ name: "fstat", from: 80, to: 81 }]);
  expect(d.added).toEqual([{ name: "new", number: 301 }]);
  expect(d.removed).toEqual([{ name: "gone", number: 300 }]);
});
