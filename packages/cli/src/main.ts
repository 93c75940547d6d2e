#!/usr/bin/env node
/** The `xsysgen` executable: `pnpm xsysgen <command> …` from the repository root. */
import { runCli } from "./run.ts";

// A consumer that stops reading (`xsysgen diff … | head`) closes the pipe: stop quietly, as Unix
// tools do, instead of dying on the unhandled EPIPE with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

// No top-level await: the bin runs this file as one CommonJS script (packages/cli/bin/run-bundle.js).
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
);
