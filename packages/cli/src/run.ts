/**
 * The one top-level catch: every command throws typed errors from @xsysgen/core, and this maps
 * them to exit codes — 0 clean, 1 findings (check, diff --exit-code), 2 everything else that
 * stops a run (bad input, usage, environment, and bugs too: there is no exit 3) — with exactly one
 * line on stderr and no stack trace.
 */
import { UsageError, XsysgenError, didYouMean, isErrnoError, renderErrnoAt } from "@xsysgen/core";
import { readSettings } from "./environment.ts";
import { progressReporter } from "./progress.ts";
import type { CliIo } from "./io.ts";
import { commands } from "./commands/index.ts";
import { renderHelp, renderVerbHelp, renderVersion } from "./help.ts";
import { findVerb } from "./verbs.ts";
import { renderJsonError, wantsJson } from "./json-error.ts";

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      // No command is a usage error: the usage goes where errors go, with the usage exit code.
      io.stderr.write(renderHelp());
      return 2;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const verb = rest[0] === undefined ? undefined : findVerb(rest[0]);
      if (rest[0] !== undefined && verb === undefined)
        throw new UsageError(
          `help: unknown command "${rest[0]}"; ${didYouMean(rest[0], commands.keys())}` +
            `expected one of: ${[...commands.keys()].join(", ")}`,
        );
      io.stdout.write(verb === undefined ? renderHelp() : renderVerbHelp(verb));
      return 0;
    }
    // -v as node, npm and git read it: the version (there is no verbose mode; notes always print).
    if (name === "--version" || name === "-V" || name === "-v" || name === "version") {
      if (rest.length > 0) throw new UsageError(`${name} takes no arguments, got "${rest[0]}"`);
      io.stdout.write(renderVersion());
      return 0;
    }
    const command = commands.get(name);
    const verb = findVerb(name);
    if (command === undefined || verb === undefined) {
      const what = name.startsWith("-")
        ? `unknown option ${name} before the command; `
        : `unknown command "${name}"; ${didYouMean(name, commands.keys())}`;
      throw new UsageError(`${what}expected one of: ${[...commands.keys()].join(", ")} (or --help, --version)`);
    }
    const beforeDashDash = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
    if (beforeDashDash.includes("--help") || beforeDashDash.includes("-h")) {
      io.stdout.write(renderVerbHelp(verb));
      return 0;
    }
    // Every XSYSGEN_* variable is checked before any command runs, whether it uses it or not.
    const settings = readSettings(io.env);
    const progress = progressReporter(io);
    if (progress === undefined) return await command(rest, io, settings);
    // Whatever the command prints starts on a line of its own: the progress line goes first.
    const write = (stream: CliIo["stdout"] & { isTTY?: boolean; columns?: number }) => ({
      isTTY: stream.isTTY,
      columns: stream.columns,
      write: (text: string) => {
        progress.clear();
        return stream.write(text);
      },
    });
    const shown: CliIo = { stdout: write(io.stdout), stderr: write(io.stderr), env: io.env };
    try {
      return await command(rest, shown, { ...settings, read: { ...settings.read, onProgress: progress.onProgress } });
    } finally {
      progress.clear();
    }
  } catch (error) {
    io.stderr.write(`xsysgen: ${describeError(error)}\n`);
    if (wantsJson(argv)) io.stdout.write(renderJsonError(error, describeError(error)));
    return 2;
  }
}

/**
 * An environment fault that reached the top without a typed error (a disk filling up under a
 * writer, a directory turned read-only) is named by its path and errno, not as a bug.
 */
function describeError(error: unknown): string {
  if (error instanceof XsysgenError)
    return oneLine(error.code === "E_INTERNAL" ? `internal error: ${error.message}` : error.message);
  if (isErrnoError(error)) return oneLine(renderErrnoAt(error));
  if (error instanceof Error) return `internal error: ${oneLine(error.message)}`;
  return `internal error: ${oneLine(String(error))}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
