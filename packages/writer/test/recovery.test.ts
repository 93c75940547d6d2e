/**
 * Transactions: apply and revert killed with SIGKILL after N writes (test/child.ts counts them, at
 * the start, in the middle of staging, right around the commit point and near the end); the next
 * apply ends in exactly the applied tree, the next revert in exactly the original one.
 *
 * child.ts runs ~14 times, so it is bundled once (esbuild, as scripts/build-bin.ts bundles the
 * CLI) and run with plain node: through tsx each start spent ~1 s of CPU compiling the writer's
 * sources. node:fs stays external, so the writer's calls go through the same `promises` object
 * the child wraps to count them.
 *
 * @module-tag network
 * @module-tag go
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, stop, type Plugin } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { nodeBundleOptions } from "../../../scripts/lib/esbuild.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";
import { applyPatch, JOURNAL_NAME, revertPatch, STAGE_NAME } from "./shim.ts";
import {
  copyModule,
  goEnv,
  makeModule,
  manifestInfo,
  patchedFiles,
  repoRoot,
  treeHash,
  XSYS_VENDORED,
} from "./helpers.ts";

/**
 * Each bundled file's `import.meta.url` stays its own source file's URL, so what it finds from
 * there it finds as the sources do: helpers.ts's repoRoot (the Go module cache), the grammars'
 * .wasm files (parser/src/tree-sitter.ts) and web-tree-sitter's own tree-sitter.wasm.
 */
const sourceUrls: Plugin = {
  name: "source-urls",
  setup(b) {
    b.onLoad({ filter: /\.(ts|js|mjs)$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll("import.meta.url", url), loader: extname(args.path) === ".ts" ? "ts" : "js" };
    });
  },
};

/** child.ts with the writer, the helpers and the workspace packages they import, as one ES module. */
async function bundleChild(): Promise<string> {
  const outfile = join(scratchDir("child"), "child.mjs");
  await build({
    ...nodeBundleOptions([sourceUrls]),
    splitting: false,
    entryPoints: [join(repoRoot, "packages", "writer", "test", "child.ts")],
    outfile,
    // Only helpers.ts's refuses() imports vitest, and the child never calls it.
    external: ["vitest"],
  });
  // esbuild's API keeps a service process running: the next file this worker runs (the reader's
  // tests among them) must find no child of the worker left behind.
  await stop();
  return outfile;
}

let child: string;

function runChild(command: string, dir: string, failAfter?: number): { killed: boolean; writes: number } {
  const args = [child, command, dir, ...(failAfter === undefined ? [] : [String(failAfter)])];
  const r = spawnSync(process.execPath, args, {
    env: goEnv as NodeJS.ProcessEnv,
    encoding: "utf8",
    cwd: repoRoot,
  });
  if (r.signal === null && r.status !== 0) throw new Error(`child ${command} failed: ${r.stderr}`);
  return { killed: r.signal === "SIGKILL", writes: Number(r.stdout.trim() || "0") };
}

/** What a recovery of `dir` must report, read from what the killed run left on disk. */
function expectedRecovery(dir: string): "finished" | "discarded" | undefined {
  const journal = join(dir, JOURNAL_NAME);
  if (existsSync(journal)) {
    const { state } = JSON.parse(readFileSync(journal, "utf8")) as { state: string };
    return state === "commit" ? "finished" : "discarded";
  }
  return existsSync(join(dir, STAGE_NAME)) ? "discarded" : undefined;
}

let pristine: string;
let originalHash: string;
let appliedHash: string;
let applyWrites: number;
let revertWrites: number;

beforeAll(async () => {
  child = await bundleChild();
  pristine = makeModule(XSYS_VENDORED, true);
  originalHash = treeHash(pristine);
  const dir = copyModule(pristine);
  applyWrites = runChild("apply", dir).writes;
  appliedHash = treeHash(dir);
  revertWrites = runChild("revert", dir).writes;
  expect(treeHash(dir)).toBe(originalHash);
});

describe("interrupted runs", () => {
  it("an apply killed at any point is finished or discarded by the next apply, which ends fully applied", async () => {
    expect(applyWrites).toBeGreaterThan(10);
    const points = [1, 3, Math.floor(applyWrites / 2), applyWrites - 8, applyWrites - 3, applyWrites - 1];
    const outcomes = new Set<string>();
    for (const n of [...new Set(points)]) {
      const dir = copyModule(pristine);
      expect(runChild("apply", dir, n).killed).toBe(true);
      const expected = expectedRecovery(dir);
      const result = await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env: goEnv, verify: false });
      expect(result.recovered, `killed after ${n} of ${applyWrites} writes`).toBe(expected);
      outcomes.add(String(result.recovered));
      expect(existsSync(join(dir, JOURNAL_NAME))).toBe(false);
      expect(existsSync(join(dir, STAGE_NAME))).toBe(false);
      expect(treeHash(dir), `killed after ${n} of ${applyWrites} writes`).toBe(appliedHash);
    }
    // The kill points fall on both sides of the commit point: one recovery finishes, another discards.
    expect([...outcomes].sort()).toEqual(["discarded", "finished"]);
  });

  it("an apply killed at any point leaves a module the next revert returns to the original bytes", async () => {
    for (const n of [2, applyWrites - 3]) {
      const dir = copyModule(pristine);
      expect(runChild("apply", dir, n).killed).toBe(true);
      if (expectedRecovery(dir) === "finished") {
        // Killed after the commit point: revert first finishes the apply, then undoes it.
        const result = await revertPatch(dir, { env: goEnv });
        expect(result.recovered).toBe("finished");
        expect(result.changedFiles.length).toBeGreaterThan(0);
      } else {
        // Before the commit point nothing was applied, so there is nothing to revert.
        await expect(revertPatch(dir, { env: goEnv })).rejects.toThrow(/not patched by xsysgen/);
      }
      expect(treeHash(dir), `killed after ${n} of ${applyWrites} writes`).toBe(originalHash);
    }
  });

  it("a revert killed mid-way is finished by the next revert", async () => {
    for (const n of [2, revertWrites - 2]) {
      const dir = copyModule(pristine);
      runChild("apply", dir);
      expect(runChild("revert", dir, n).killed).toBe(true);
      const expected = expectedRecovery(dir);
      expect(expected, `a revert killed after ${n} writes leaves a transaction behind`).toBeDefined();
      const result = await revertPatch(dir, { env: goEnv });
      expect(result.recovered).toBe(expected);
      expect(treeHash(dir), `killed after ${n} of ${revertWrites} writes`).toBe(originalHash);
    }
  });
});
