/**
 * The module lock in one process: two holders never overlap (the second waits for the first),
 * a lock left empty by a crash is taken over once it is old, and a live owner ends a run that may
 * not wait with one ModuleError line.
 */
import { existsSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModuleError } from "@xsysgen/core";
import { LOCK_NAME, withModuleLock } from "../src/lock.ts";
import { removeTemps, tmp } from "./helpers.ts";

afterAll(removeTemps);

describe("withModuleLock", () => {
  it("serializes two holders and removes the lock after each", async () => {
    const dir = tmp("lock");
    const events: string[] = [];
    const hold = (name: string) =>
      withModuleLock(dir, name, async () => {
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
    const dir = tmp("lock");
    const lock = join(dir, LOCK_NAME);
    writeFileSync(lock, "");
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(await withModuleLock(dir, "apply", async () => "ran")).toBe("ran");
    expect(existsSync(lock)).toBe(false);

    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), command: "apply" })}\n`);
    const saved = process.env.XSYSGEN_LOCK_WAIT;
    process.env.XSYSGEN_LOCK_WAIT = "0";
    try {
      const error = await withModuleLock(dir, "apply --revert", async () => "ran").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModuleError);
      expect((error as ModuleError).message).toMatch(new RegExp(`still holds the module lock after 0s`));
      expect(existsSync(lock)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.XSYSGEN_LOCK_WAIT;
      else process.env.XSYSGEN_LOCK_WAIT = saved;
    }
  });
});
