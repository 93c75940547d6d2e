#!/usr/bin/env node
/** The `xsysgen` executable: `pnpm xsysgen <command> …` from the repository root. */
import { oneRunPerProcess } from "./notes.ts";
import { runCli } from "./run.ts";
import { shortRunBudget } from "./v8-flags.ts";

shortRunBudget();

// A consumer that stops reading (`xsysgen diff … | head`) closes the pipe: stop quietly, as Unix
// tools do, instead of dying on the unhandled EPIPE with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

oneRunPerProcess();
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
