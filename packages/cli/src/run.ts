/**
 * The one top-level catch: every command throws typed errors from @xsysgen/parser, and this maps
 * them to exit codes — 0 clean, 1 findings (check, diff --exit-code), 2 bad input or usage,
 * 3 internal error — with exactly one line on stderr and no stack trace.
 */
import { UsageError, XsysgenError } from "@xsysgen/parser";
import type { CliIo } from "./io.ts";
import { commands, renderHelp } from "./commands/index.ts";

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(renderHelp());
      return name === undefined ? 2 : 0;
    }
    const command = commands.get(name);
    if (command === undefined) throw new UsageError(`unknown command "${name}"; expected one of: ${[...commands.keys()].join(", ")}`);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(renderHelp());
      return 0;
    }
    return await command(rest, io);
  } catch (error) {
    io.stderr.write(`xsysgen: ${describeError(error)}\n`);
    return error instanceof XsysgenError ? error.exitCode : 3;
  }
}

function describeError(error: unknown): string {
  if (error instanceof XsysgenError) return oneLine(error.message);
  if (error instanceof Error) return `internal error: ${oneLine(error.message)}`;
  return `internal error: ${oneLine(String(error))}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
