/**
 * The flags every target-reading verb shares, as the API's options: `--kernel`/`--headers`, `--arch`
 * as typed (the API resolves names and aliases), the reader's settings from the environment, and what
 * `--kernel host` means — this machine's `uname -r` and `uname -m`, which only the CLI reads.
 */
import { machine, release } from "node:os";
import type { HostMachine, TargetOptions } from "xsysgen";
import { stringArg, type Parsed } from "./args.ts";
import type { Settings } from "./environment.ts";
import type { CliIo } from "./io.ts";

/** `--kernel host`'s machine: this one. */
export function hostMachine(): HostMachine {
  return { release: release(), machine: machine() };
}

export function targetFlags(parsed: Parsed, settings: Settings): TargetOptions {
  const kernel = stringArg(parsed, "kernel");
  const headers = stringArg(parsed, "headers");
  const arch = stringArg(parsed, "arch");
  return {
    ...(kernel === undefined ? {} : { kernel }),
    ...(headers === undefined ? {} : { headers }),
    ...(arch === undefined ? {} : { arch }),
    read: settings.read,
    host: hostMachine(),
  };
}

/** A verb's notes, one `xsysgen: note: …` line each on stderr. */
export function printNotes(io: CliIo, notes: readonly string[]): void {
  if (notes.length > 0) io.stderr.write(notes.map((n) => `xsysgen: note: ${n}\n`).join(""));
}

/** A document as `--json` prints it: indented, one trailing newline. */
export function printJson(io: CliIo, document: object): void {
  io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}
