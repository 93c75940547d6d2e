/**
 * The module lock in one process: two holders never overlap (the second waits for the first),
 * a lock left empty by a crash is taken over once it is old, a live owner ends a run that may
 * not wait with one ModuleError line, and a wait that is not a number of seconds is refused.
 */
import { existsSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModuleError, UsageError } from "@xsysgen/core";
import { LOCK_NAME, withModuleLock } from "../src/lock.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

describe("withModuleLock", () => {
  it("serializes two holders and removes the lock after each", async () => {
    const dir = scratchDir("lock");
    const events: string[] = [];
    const hold = (name: string) =>
      withModuleLock(dir, name, undefined, async () => {
        events.push(`${name} in`);
        expect(existsSync(join(dir, LOCK_NAME))).toBe(true);
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([hold("a"), hold("b")])).toEqual(["a", "b"]);
    expect(
      [events.slice(0, 2), events.slice(2)].map((pair) => pair[0]!.split(" ")[0] === pair[1]!.split(" ")[0]),
    ).toEqual([true, true]);
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });

  it("takes over an empty lock a crash left behind; a live owner stops a run that may not wait", async () => {
    const dir = scratchDir("lock");
    const lock = join(dir, LOCK_NAME);
    writeFileSync(lock, "");
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(await withModuleLock(dir, "apply", undefined, async () => "ran")).toBe("ran");
    expect(existsSync(lock)).toBe(false);

    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), command: "apply" })}\n`);
    const error = await withModuleLock(dir, "apply --revert", 0, async () => "ran").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleError);
    expect((error as ModuleError).message).toMatch(new RegExp(`still holds the module lock after 0s`));
    expect(existsSync(lock)).toBe(true);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])(
    "refuses to wait %s seconds, before touching the lock",
    async (s) => {
      const dir = scratchDir("lock");
      const error = await withModuleLock(dir, "apply", s, async () => "ran").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toContain(
        `lockWaitSeconds: expected a number of seconds, 0 or more, got ${s}`,
      );
      expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
    },
  );
});
