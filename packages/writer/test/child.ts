/**
 * A separate process for the recovery tests: `tsx child.ts apply|revert <moduleDir>`, run with
 * XSYSGEN_FAIL_AFTER_WRITES=N to die by SIGKILL after N writes. Prints the writes it made.
 */
import { writeCount } from "../src/io.ts";
import { applyPatch, revertPatch } from "../src/index.ts";
import { goEnv, manifestInfo, patchedFiles } from "./helpers.ts";

const [command, dir] = process.argv.slice(2);
const env = { ...goEnv, XSYSGEN_FAIL_AFTER_WRITES: undefined };
if (command === "apply") await applyPatch({ moduleDir: dir!, files: patchedFiles, manifestInfo, env, verify: false });
else await revertPatch(dir!, { env });
process.stdout.write(`${writeCount()}\n`);
