/**
 * The esbuild bundle the installed `xsysgen` runs (fast start) gives exactly what the TypeScript
 * sources give, including the paths that load .wasm grammars and native addons, both compiled
 * plainly and through the bin's loader with the V8 code cache the build trained. It is built
 * into packages/cli/dist-test so the real bundle, which other tests' processes may be running,
 * is never rebuilt under them.
 *
 * @module-tag network
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findTarget } from "../../packages/core/src/index.ts";
import { debianPackage, repoRoot } from "../lib/debian.ts";
import { withoutStatus } from "../../packages/cli/test/_support.ts";
import { scratchDir } from "../lib/scratch.ts";

const bin = join(repoRoot, "packages/cli/bin/xsysgen.js");
const testBundle = join(repoRoot, "packages/cli/dist-test/xsysgen.cjs");
const tsx = join(repoRoot, "node_modules/tsx/dist/cli.mjs");
const main = join(repoRoot, "packages/cli/src/main.ts");

/**
 * An installed amd64 header with a comment across lines inside a #define and a C declaration:
 * the line engine declines both, so tree-sitter's wasm loads from the bundle.
 */
function treeSitterHeader(): string {
  const dir = scratchDir("header");
  mkdirSync(join(dir, "asm"));
  const header = join(dir, "asm", findTarget("amd64")?.installedHeader ?? "");
  const text = [
    "#define __NR_read /* the first",
    " * syscall */ 0",
    "#define __NR_write 1",
    "struct s { int a; };",
    "",
  ];
  writeFileSync(header, text.join("\n"));
  return header;
}

/** Stands for treeSitterHeader() in a case's arguments: the header is written when the case runs. */
const treeSitterInput = "<a header only tree-sitter reads>";

/** A bin for the test bundle: packages/cli/bin/xsysgen.js's loader, reporting the cache's fate on demand. */
function cachedRunner(): string {
  const runner = join(scratchDir("runner"), "run.mjs");
  const loader = join(repoRoot, "packages/cli/bin/run-bundle.js");
  writeFileSync(
    runner,
    [
      `import { loadBundle } from ${JSON.stringify(loader)};`,
      `const { cache } = loadBundle(${JSON.stringify(testBundle)});`,
      'if (process.env.SHOW_CODE_CACHE) process.on("exit", () => process.stderr.write(`code cache ${cache}\\n`));',
      "",
    ].join("\n"),
  );
  return runner;
}

function outputs(runner: string[], args: string[]): Map<string, string> {
  const out = scratchDir("out");
  const r = spawnSync(process.execPath, [...runner, ...args, "--out", out], {
    encoding: "utf8",
    env: { ...process.env, XSYSGEN_DECOMPRESSORS: "library" },
  });
  expect(withoutStatus(r.stderr)).toBe("");
  expect(r.status).toBe(0);
  return new Map(
    readdirSync(out, { recursive: true })
      .map(String)
      .sort()
      .filter((f) => f.includes("."))
      .map((f) => [f, readFileSync(join(out, f), "utf8")]),
  );
}

describe("the installed bin", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [tsx, join(repoRoot, "scripts/build-bin.ts"), "dist-test"], { stdio: "ignore" });
  });

  it.each([
    [["gen", "--headers", debianPackage("linux-libc-dev-riscv64-cross"), "--exact"]],
    [["gen", "--kernel", "3.10.0-1160.el7"]],
    [["gen", "--headers", treeSitterInput, "--exact"]],
  ])("%j: bundle = sources, with and without the code cache", (caseArgs) => {
    const args = caseArgs.map((a) => (a === treeSitterInput ? treeSitterHeader() : a));
    const viaSources = outputs([tsx, main], args);
    expect(viaSources.size).toBeGreaterThan(0);
    expect(outputs([testBundle], args)).toEqual(viaSources);
    expect(outputs([cachedRunner()], args)).toEqual(viaSources);
  });

  it("V8 accepts the code cache the build trained, and the bin's loader uses it", () => {
    expect(statSync(`${testBundle}.v8cache`).size).toBeGreaterThan(100_000);
    const r = spawnSync(process.execPath, [cachedRunner(), "--version"], {
      encoding: "utf8",
      env: { ...process.env, SHOW_CODE_CACHE: "1" },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^xsysgen \d/);
    expect(r.stderr).toBe("code cache accepted\n");
  });

  it.each([[testBundle], [bin]])("%s reports errors the same way (one line, exit 2)", (runner) => {
    const r = spawnSync(process.execPath, [runner, "gen", "--kernel", "9.99"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
