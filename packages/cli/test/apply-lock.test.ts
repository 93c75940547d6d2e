/**
 * The module lock (issue 11), through real CLI processes: two `apply` runs started together on one
 * module serialize and leave exactly the state one apply leaves (the second finds nothing to
 * change); two reverts started together leave the original bytes; a lock held by a live process
 * ends a run that may not wait (XSYSGEN_LOCK_WAIT=0) with one line and exit 2, and a lock left by
 * a dead process is taken over.
 *
 * @module-tag network
 * @module-tag go
 */
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyModule, goEnv, makeModule, treeHash, XSYS_VENDORED } from "../../writer/test/helpers.ts";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { withoutStatus } from "./_support.ts";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = goEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, "packages/cli/bin/xsysgen.js"), ...args], {
      env: env as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const applyArgs = (dir: string) => ["apply", "--kernel", "3.10.0-1160.el7", "--module", dir, "--json"];

let pristine: string;
beforeAll(() => {
  pristine = makeModule(XSYS_VENDORED, true);
});

describe("two runs on one module at once", () => {
  // Real go builds in several processes at once: generous limits for a loaded two-core machine.
  it(
    "two applies serialize: one patches, the other finds nothing to change; two reverts restore the original",
    { timeout: 600_000 },
    async () => {
      const dir = copyModule(pristine);
      const original = treeHash(dir);
      const both = await Promise.all([cli(applyArgs(dir)), cli(applyArgs(dir))]);
      for (const r of both) {
        expect(withoutStatus(r.stderr)).toBe("");
        expect(r.code).toBe(0);
      }
      const changed = both
        .map((r) => (JSON.parse(r.stdout) as { changedFiles: string[] }).changedFiles.length)
        .sort((a, b) => a - b);
      expect(changed[0]).toBe(0);
      expect(changed[1]).toBeGreaterThan(0);
      // The end state is the one a single apply gives.
      const single = copyModule(pristine);
      expect((await cli(applyArgs(single))).code).toBe(0);
      expect(treeHash(dir)).toBe(treeHash(single));

      const reverts = await Promise.all([
        cli(["apply", "--revert", "--module", dir]),
        cli(["apply", "--revert", "--module", dir]),
      ]);
      // One reverts; the other then finds an unpatched module (exit 2, one line) — never a half state.
      expect(reverts.map((r) => r.code).sort()).toEqual([0, 2]);
      const refused = reverts.find((r) => r.code === 2)!;
      expect(refused.stderr).toMatch(/^xsysgen: .*not patched by xsysgen/);
      expect(refused.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(treeHash(dir)).toBe(original);
    },
  );

  it(
    "a lock held by a live process: exit 2 with one line when not waiting; a dead owner's lock is taken over",
    { timeout: 600_000 },
    async () => {
      const dir = copyModule(pristine);
      const original = treeHash(dir);
      const lock = join(dir, ".xsysgen-lock");
      writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), command: "apply" })}\n`);
      const held = treeHash(dir);
      const r = await cli(applyArgs(dir), { ...goEnv, XSYSGEN_LOCK_WAIT: "0" });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `^xsysgen: ${lock.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ` +
            `xsysgen apply \\(pid ${process.pid} on .*\\) still holds the module lock`,
        ),
      );
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(treeHash(dir)).toBe(held);

      // A dead owner: the run takes the lock over at once (a revert of the unpatched module gets past
      // the lock to its own refusal) and leaves no lock behind.
      const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
      writeFileSync(lock, `${JSON.stringify({ pid: dead, host: hostname(), command: "apply" })}\n`);
      const taken = await cli(["apply", "--revert", "--module", dir], { ...goEnv, XSYSGEN_LOCK_WAIT: "0" });
      expect(taken.code).toBe(2);
      expect(taken.stderr).toMatch(/^xsysgen: .*not patched by xsysgen/);
      expect(treeHash(dir)).toBe(original);
    },
  );
});
