/**
 * The esbuild bundle the installed `xsysgen` runs (fast start) gives exactly what the TypeScript
 * sources give, including the paths that load .wasm grammars and native addons. It is built into
 * packages/cli/dist-test so the real bundle, which other tests' processes may be running, is
 * never rebuilt under them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { debianPackage, repoRoot } from "../lib/debian.ts";

const bin = join(repoRoot, "packages/cli/bin/xsysgen.js");
const testBundle = join(repoRoot, "packages/cli/dist-test/main.mjs");
const tsx = join(repoRoot, "node_modules/tsx/dist/cli.mjs");
const main = join(repoRoot, "packages/cli/src/main.ts");

function outputs(runner: string[], args: string[]): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), "xsysgen-bin-"));
  const r = spawnSync(process.execPath, [...runner, ...args, "--out", out], {
    encoding: "utf8",
    env: { ...process.env, XSYSGEN_DECOMPRESSORS: "library" },
  });
  expect(r.stderr).toBe("");
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
    [["gen", "--kernel", "centos7"]],
  ])("%j: bundle = sources", (args) => {
    const viaBundle = outputs([testBundle], args);
    expect(viaBundle.size).toBeGreaterThan(0);
    expect(viaBundle).toEqual(outputs([tsx, main], args));
  });

  it.each([[testBundle], [bin]])("%s reports errors the same way (one line, exit 2)", (runner) => {
    const r = spawnSync(process.execPath, [runner, "gen", "--kernel", "9.99"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
