/**
 * Errors under `--json` (schemas/error.schema.json): a tool that parses stdout gets
 * `{"schemaVersion": 1, "error": {"code", "message", "file"?, "line"?, "entry"?}}` there, while
 * stderr keeps the one line a person reads and the exit code stays what it is without --json.
 */
import { InputError, ParseError, XsysgenError } from "@xsysgen/core";
import { SCHEMA_VERSION } from "xsysgen";

/** `--json`, or diff's `--format json` (`-f json`), before any `--`. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.includes("--") ? argv.indexOf("--") : argv.length;
  for (let i = 0; i < end; i++) {
    const a = argv[i];
    if (
      a === "--json" ||
      a === "--json=true" ||
      a === "--format=json" ||
      a === "-fjson" ||
      ((a === "--format" || a === "-f") && argv[i + 1] === "json")
    )
      return true;
  }
  return false;
}

export function renderJsonError(error: unknown, message: string): string {
  const code =
    error instanceof XsysgenError
      ? error.code
      : error instanceof Error && typeof (error as { code?: unknown }).code === "string"
        ? "E_ENVIRONMENT"
        : "E_INTERNAL";
  const where =
    error instanceof InputError
      ? { file: error.file, ...(error.entry === undefined ? {} : { entry: error.entry }) }
      : error instanceof ParseError
        ? { file: error.file, ...(error.line === undefined ? {} : { line: error.line }) }
        : {};
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, error: { code, message, ...where } }, null, 2)}\n`;
}
