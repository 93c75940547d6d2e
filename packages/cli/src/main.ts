#!/usr/bin/env node
/** The `xsysgen` executable: `pnpm xsysgen <command> …` from the repository root. */
import { runCli } from "./run.ts";

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
