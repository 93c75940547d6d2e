/**
 * `xsysgen gen (--kernel <v> | --headers <path>) [--arch …|all] [--exact] [--out <dir>] [--json]`:
 * `generate` writing into `--out` (default xsysgen-out). What it wrote goes to stderr; stdout gets the
 * result to use: the CGO_CFLAGS line (patched output), or the JSON document.
 */
import { isAbsolute, join, normalize, relative, resolve } from "node:path";
import { generate } from "xsysgen";
import { parseStrict, stringArg } from "../args.ts";
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";
import { printJson, printNotes, targetFlags } from "../target-flags.ts";

export async function genCommand(argv: readonly string[], io: CliIo, settings: Settings): Promise<number> {
  const parsed = parseStrict("gen", argv);
  const out = stringArg(parsed, "out") ?? "xsysgen-out";
  const reference = stringArg(parsed, "reference");
  const prefer = stringArg(parsed, "prefer");
  const like = stringArg(parsed, "like");
  const result = await generate({
    ...targetFlags(parsed, settings),
    exact: parsed.exact === true,
    ...(reference === undefined ? {} : { reference }),
    ...(prefer === undefined ? {} : { prefer: prefer as "target" | "reference" }),
    ...(like === undefined ? {} : { like }),
    out,
  });
  printNotes(io, result.notes);
  if (parsed.json === true) {
    // JSON is for tools that may run elsewhere: the output directory as an absolute path.
    printJson(io, { ...result, files: result.files.map((f) => f.path) });
    return 0;
  }
  // Messages name the directory as the user typed it (a base name alone would point elsewhere).
  io.stderr.write(
    [
      ...result.files.map((f) => `wrote ${join(out, f.path)}\n`),
      ...(result.removed ?? []).map((f) => `removed ${join(out, f)} (an earlier gen's, not written by this one)\n`),
    ].join(""),
  );
  if (result.cgoCflags !== undefined) io.stdout.write(`export CGO_CFLAGS="-I${includeDir(out)} $CGO_CFLAGS"\n`);
  return 0;
}

/**
 * The include directory for CGO_CFLAGS: `$PWD/<dir>/include` for a relative --out, so the line
 * works on the build host wherever the checkout is; the absolute path as given otherwise.
 */
function includeDir(out: string): string {
  if (isAbsolute(out)) return join(normalize(out), "include");
  const rel = relative(process.cwd(), resolve(out)) || ".";
  return `$PWD/${join(rel, "include").split("\\").join("/")}`;
}
