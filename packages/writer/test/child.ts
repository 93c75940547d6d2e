/**
 * A separate process for the recovery tests, which bundle it and run `node child.mjs apply|revert
 * <moduleDir> [N]` (`tsx child.ts …` runs the same from the sources). Every step that makes a
 * write visible — a rename into place, a directory made, a file or directory removed (node:fs's
 * promise API, outside the module lock) — is counted here; with N, the process kills itself with
 * SIGKILL right after the N-th, the same as a `kill -9` between two writes. The writer ships no
 * hook for this: the count and the kill are this file's. Prints the count.
 */
import { promises as fs } from "node:fs";
import { basename } from "node:path";
import { applyPatch, revertPatch } from "../src/index.ts";
import { LOCK_NAME } from "../src/lock.ts";
import { goEnv, manifestInfo, patchedFiles } from "./helpers.ts";

const [command, dir, failAfter] = process.argv.slice(2);
const limit = failAfter === undefined ? 0 : Number(failAfter);
let writes = 0;

// Not writeFile and chmod: a temp file is invisible until its rename.
const mutations = ["mkdir", "rename", "unlink", "rm", "rmdir"] as const;
const promises = fs as unknown as Record<string, (path: unknown, ...rest: unknown[]) => Promise<unknown>>;
for (const name of mutations) {
  const original = promises[name]!;
  promises[name] = async (path: unknown, ...rest: unknown[]) => {
    const result = await original(path, ...rest);
    if (basename(String(path)) !== LOCK_NAME) {
      writes += 1;
      if (limit > 0 && writes >= limit) process.kill(process.pid, "SIGKILL");
    }
    return result;
  };
}

if (command === "apply")
  await applyPatch({ moduleDir: dir!, files: patchedFiles, manifestInfo, env: goEnv, verify: false });
else await revertPatch(dir!, { env: goEnv });
process.stdout.write(`${writes}\n`);
