/**
 * The error classes every xsysgen package throws. The CLI has exactly one catch that maps
 * them to exit codes: every error exits 2 (bad input, usage or environment, and an InternalError,
 * a bug in xsysgen, too); 1 is never an error (it means "findings"), and there is no other code.
 */

export type ErrorCode =
  "E_USAGE" | "E_INPUT" | "E_PARSE" | "E_CONFLICT" | "E_UNKNOWN_KERNEL" | "E_COMMAND" | "E_MODULE" | "E_INTERNAL";

/** Base class of every error xsysgen throws on purpose; `code` is stable across versions. */
export abstract class XsysgenError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string) {
    super(oneLineMessage(message));
  }
  /** Exit code the CLI uses for this error: 2 for every error (0 is clean, 1 findings). */
  readonly exitCode = 2 as const;
}

/** Wrong flags, arguments or combinations of them. */
export class UsageError extends XsysgenError {
  readonly code = "E_USAGE";
}

/**
 * Unreadable or malformed input: a path, archive or archive entry. `file` names what the user
 * passed; `entry` the member inside an archive when there is one.
 */
export class InputError extends XsysgenError {
  readonly code = "E_INPUT";
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly entry?: string,
  ) {
    super(`${file}${entry === undefined ? "" : `: ${entry}`}: ${reason}`);
  }
}

/** A header or table that does not parse or evaluate. `line` is 1-based. */
export class ParseError extends XsysgenError {
  readonly code = "E_PARSE";
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${reason}`);
  }
}

/** Two sources disagree on a syscall number (same name, different numbers). */
export class ConflictError extends XsysgenError {
  readonly code = "E_CONFLICT";
}

/** A kernel version, alias or arch the registry does not know or cannot pin down. */
export class UnknownKernelError extends XsysgenError {
  readonly code = "E_UNKNOWN_KERNEL";
}

/** The target Go module is unusable (no go.mod, no x/sys, bad --dest, edited since apply). */
export class ModuleError extends XsysgenError {
  readonly code = "E_MODULE";
}

/** An external command (go, gcc) failed. */
export class CommandError extends XsysgenError {
  readonly code = "E_COMMAND";
  constructor(
    readonly command: string,
    readonly commandExitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${command} failed (exit ${commandExitCode ?? "signal"}): ${firstLine(stderr)}`);
  }
}

/** A bug in xsysgen itself; exit 2 like every error (the CLI's line says "internal error"). */
export class InternalError extends XsysgenError {
  readonly code = "E_INTERNAL";
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

/**
 * Messages are one line, whatever the input holds: a line break (with the indentation around it)
 * inside quoted header text becomes a space, and other control bytes in entry names or text
 * (NUL, ESC, …) are shown as \xNN instead of reaching the terminal.
 */
export function oneLineMessage(text: string): string {
  return (
    text
      .replace(/[ \t]*\r?\n[ \t]*/g, " ")
      // eslint-disable-next-line no-control-regex -- matching control bytes is the point
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
  );
}
