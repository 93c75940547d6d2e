/**
 * Argument parsing from the verb definitions in verbs.ts, with node:util's parseArgs as the
 * tokenizer. Its strict mode reports an unknown option as a multi-line hint about `--`, so it runs
 * non-strict and every token is judged here: an unknown flag, a missing or stray value, a flag
 * given twice or a stray positional is a one-line UsageError, never silently ignored.
 */
import { parseArgs } from "node:util";
import { UsageError, didYouMean } from "@xsysgen/core";
import { findVerb, type VerbName } from "./verbs.ts";

export type Parsed = Record<string, string | boolean | string[] | undefined> & { _: string[] };

/** Parses `argv` for `verb` by its definition in verbs.ts. */
export function parseStrict(verb: VerbName, argv: readonly string[]): Parsed {
  const def = findVerb(verb);
  if (def === undefined) throw new UsageError(`unknown command "${verb}"`);
  const options = Object.fromEntries(
    Object.entries(def.flags).map(([name, flag]) => [
      name,
      { type: flag.type, ...(flag.short === undefined ? {} : { short: flag.short }) },
    ]),
  );
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const parsed = { _: positionals } as Parsed;
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    const flag = def.flags[token.name];
    const shown = token.rawName.startsWith("--") ? `--${token.name}` : `${token.rawName} (--${token.name})`;
    if (flag === undefined) {
      const suggestion = token.rawName.startsWith("--")
        ? didYouMean(
            token.rawName,
            Object.keys(def.flags).map((f) => `--${f}`),
          )
        : "";
      throw new UsageError(
        `${verb}: unknown option ${token.rawName}; ${suggestion}\`xsysgen ${verb} --help\` lists the options`,
      );
    }
    if (parsed[token.name] !== undefined) throw new UsageError(`${verb}: option ${shown} given twice`);
    if (flag.type === "boolean") {
      if (token.value !== undefined)
        throw new UsageError(`${verb}: option ${shown} takes no value, got "${token.value}"`);
      parsed[token.name] = true;
      continue;
    }
    // parseArgs takes the next word as the value whatever it is: `--kernel --arch amd64` would
    // read "--arch" as a kernel. A value that looks like an option is a missing value.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("-") && token.value.length > 1)) {
      throw new UsageError(
        `${verb}: option ${shown} needs a value${flag.value === undefined ? "" : ` (${flag.value})`}`,
      );
    }
    parsed[token.name] = token.value;
  }
  if (parsed._.length > def.positionals.length) {
    throw new UsageError(`${verb}: unexpected argument "${parsed._[def.positionals.length]}"`);
  }
  return parsed;
}

export function stringArg(parsed: Parsed, name: string): string | undefined {
  const value = parsed[name];
  return typeof value === "string" ? value : undefined;
}
