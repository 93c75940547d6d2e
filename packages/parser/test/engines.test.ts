/**
 * The line engine (src/c/line-engine.ts) against tree-sitter-c (src/c/preprocess.ts) on every
 * header of the test corpus: Debian's bullseye (5.10), bookworm (6.1) and trixie (6.12) header
 * packages and the syscall files of its linux-source-6.1 (parser/test/helpers.ts realHeaderRoots),
 * testdata/, and Debian's 15 linux-libc-dev 6.1 packages whole. Wherever the line engine gives an
 * answer it must be tree-sitter's answer; where it declines (NeedsTreeSitter) parseBundle redoes
 * the work with tree-sitter, so declining is always safe. It must not decline the plain headers the
 * benchmarks read (and in this corpus, any bundle at all but the hostile cases).
 *
 * @module-tag network
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { debianPackage } from "../../../scripts/lib/debian.ts";
import { unpackedDeb } from "../../../scripts/lib/debian-unpacked.ts";
import { NeedsTreeSitter, parserNotLoaded, treeSitterEngine, type CEngine } from "../src/c/engine.ts";
import { lineEngine } from "../src/c/line-engine.ts";
import { treeSitterParser } from "../src/tree-sitter.ts";
import type { PreprocessResult } from "../src/c/preprocess.ts";
import { isRelevantPath, type HeaderBundle } from "../src/bundle.ts";
import { parseBundleWith, type ParsedBundle } from "../src/parse-bundle.ts";
import { scanLines, scanTree } from "../src/scan.ts";
import { targets } from "@xsysgen/core";
import { evaluateHeaderWith, wrapperMacros } from "../src/unistd.ts";
import { bundleFromDir, realHeaderRoots, walk } from "./helpers.ts";

const repoTestdata = fileURLToPath(new URL("../../../testdata/", import.meta.url));

type Outcome<T> = { ok: T } | { declined: string } | { error: string };

function attempt<T>(run: () => T): Outcome<T> {
  try {
    return { ok: run() };
  } catch (e) {
    if (e instanceof NeedsTreeSitter) return { declined: e.message };
    return { error: e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e) };
  }
}

/** A macro value as cpp compares it: comments and line splices gone, blanks collapsed. */
const normal = (v: string): string =>
  v
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\/\/.*$/gm, "")
    .replace(/\\\r?\n/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function preprocessView(r: PreprocessResult) {
  return {
    macros: [...r.macros.values()]
      .map((m) => `${m.name}${m.params ? `(${m.params.join(",")})` : ""}=${normal(m.value)}@${m.file}`)
      .sort(),
    defines: r.defines.map((d) => `${d.name}=${normal(d.value)}@${d.file}`),
    missing: r.missingIncludes.map((m) => `${m.file}:${m.path}`),
    included: r.included,
  };
}

/** Bundle roots: one per installed-header set, kernel table directory and testdata case. */
function bundleRoots(): string[] {
  const roots: string[] = [];
  const children = (dir: string) =>
    readdirSync(dir)
      .map((n) => join(dir, n))
      .filter((p) => statSync(p).isDirectory());
  // Real header sets from registries: Debian 5.10/6.1/6.12 packages and linux-source-6.1's syscall files.
  roots.push(...real.debs, real.sourceTree);
  for (const group of ["hostile", "kernel/makefiles"]) roots.push(...children(join(repoTestdata, group)));
  return roots;
}

const debs = [
  "linux-libc-dev",
  "linux-libc-dev-x32-cross",
  ...[
    "arm64",
    "armhf",
    "i386",
    "mips",
    "mips64",
    "mips64el",
    "mipsel",
    "powerpc",
    "ppc64",
    "ppc64el",
    "riscv64",
    "s390x",
    "sparc64",
  ].map((a) => `linux-libc-dev-${a}-cross`),
];

let ts: CEngine;
let parser: Awaited<ReturnType<typeof treeSitterParser>>;
const bundles: HeaderBundle[] = [];
/** Every unpacked package's root (shared caches in .cache/debian-unpacked: read, never modified). */
const unpacked: string[] = [];
let real: { debs: string[]; sourceTree: string };

beforeAll(async () => {
  real = realHeaderRoots();
  unpacked.push(...real.debs);
  parser = await treeSitterParser("c");
  ts = treeSitterEngine(parser);
  for (const root of bundleRoots()) bundles.push(bundleFromDir(root, relative(join(repoTestdata, ".."), root)));
  for (const name of debs) {
    const dir = unpackedDeb(debianPackage(name), "whole");
    unpacked.push(dir);
    bundles.push(bundleFromDir(dir, name));
  }
}, 120_000);

describe("line engine vs tree-sitter", () => {
  it("parses every bundle of the corpus to the same tables, declining only the hostile cases", () => {
    const declined: string[] = [];
    let compared = 0;
    for (const bundle of bundles) {
      const line = attempt<ParsedBundle>(() => parseBundleWith(lineEngine, parserNotLoaded, bundle));
      const tree = attempt<ParsedBundle>(() => parseBundleWith(ts, parser, bundle));
      if ("declined" in line) {
        declined.push(bundle.origin);
        continue;
      }
      compared++;
      if ("ok" in line) expect(tree, bundle.origin).toEqual(line);
      // An error from the line engine is never shown (parseBundle retries with tree-sitter), but
      // tree-sitter must fail on the same input too.
      else
        expect("error" in tree, `${bundle.origin}: line engine failed (${line.error}), tree-sitter did not`).toBe(true);
    }
    expect(bundles.length).toBeGreaterThan(80);
    expect(compared).toBeGreaterThan(80);
    expect(declined.filter((o) => !o.includes("hostile/"))).toEqual([]);
  });

  it("evaluates every distinct header alone, for every target, like tree-sitter", () => {
    const seen = new Set<string>();
    const files: [string, string][] = [];
    for (const path of [...walk(real.sourceTree), ...walk(repoTestdata), ...unpacked.flatMap((d) => walk(d))]) {
      if (!path.endsWith(".h") || (!isRelevantPath(path) && !/unistd[^/]*\.h$/.test(path))) continue;
      const text = readFileSync(path, "latin1");
      const hash = createHash("sha256").update(text).digest("hex");
      if (seen.has(hash)) continue;
      seen.add(hash);
      files.push([path.slice(path.lastIndexOf("/") + 1), text]);
    }
    let handled = 0;
    /** Declined where tree-sitter has an answer: allowed (parseBundle falls back), but rare. */
    const missed: string[] = [];
    for (const [name, text] of files) {
      for (const target of targets) {
        const job = { files: new Map([[name, text]]), entry: name, target, extraMacros: wrapperMacros(target) };
        const line = attempt(() => evaluateHeaderWith(lineEngine, job, name));
        const tree = attempt(() => evaluateHeaderWith(ts, job, name));
        const what = `${name} for ${target.name}`;
        if ("declined" in line) {
          if ("ok" in tree) missed.push(`${what}: ${line.declined}`);
        } else if ("ok" in line) {
          handled++;
          expect("ok" in tree, what).toBe(true);
          if (!("ok" in tree)) continue;
          expect(line.ok.table, what).toEqual(tree.ok.table);
          expect(preprocessView(line.ok.result), what).toEqual(preprocessView(tree.ok.result));
        } else expect("error" in tree, `${what}: line engine failed (${line.error}), tree-sitter did not`).toBe(true);
      }
    }
    // 130 distinct headers (Debian 5.10/6.1/6.12 for every arch, the 6.1 source tree), 1,543 handled.
    expect(files.length).toBeGreaterThan(120);
    expect(handled).toBeGreaterThan(1400);
    expect(missed).toEqual([]);
  });

  it("scans every distinct unistd.h to the same shape as tree-sitter", () => {
    let compared = 0;
    const texts = new Set<string>();
    for (const path of [...walk(real.sourceTree), ...walk(repoTestdata), ...unpacked.flatMap((d) => walk(d))]) {
      if (/unistd[^/]*\.h$/.test(path)) texts.add(readFileSync(path, "latin1"));
    }
    for (const text of texts) {
      const line = scanLines(text);
      if (line === undefined) continue;
      compared++;
      const tree = scanTree(parser, text);
      expect([...line.defines].sort()).toEqual([...tree.defines].sort());
      expect([...line.tested].sort()).toEqual([...tree.tested].sort());
      expect([...line.includes].sort()).toEqual([...tree.includes].sort());
    }
    expect(compared).toBeGreaterThan(texts.size * 0.95);
  });
});
