/**
 * Argument parsing: citty parses, this module makes it strict — an unknown flag, a missing value
 * or a stray positional is a UsageError, never silently ignored.
 */
import { parseArgs, type ArgsDef } from "citty";
import { UsageError, findTarget, targetNames, type TargetName } from "@xsysgen/parser";

export type Parsed = Record<string, string | boolean | string[] | undefined> & { _: string[] };

export function parseStrict(command: string, argv: readonly string[], def: ArgsDef): Parsed {
  const known = new Set<string>();
  const booleans = new Set<string>();
  for (const [name, arg] of Object.entries(def)) {
    if (arg.type === "positional") continue;
    known.add(name);
    if (arg.type === "boolean") booleans.add(name);
  }
  const positionals = Object.values(def).filter((a) => a.type === "positional").length;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? "";
    if (!token.startsWith("--")) continue;
    const [flag = "", inline] = token.slice(2).split("=", 2);
    const name = flag.startsWith("no-") && booleans.has(flag.slice(3)) ? flag.slice(3) : flag;
    if (!known.has(name)) throw new UsageError(`${command}: unknown option --${flag}`);
    if (!booleans.has(name) && inline === undefined) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${command}: option --${name} needs a value`);
      i++;
    }
  }
  const parsed = parseArgs(argv as string[], def) as unknown as Parsed;
  if (parsed._.length > positionals) {
    throw new UsageError(`${command}: unexpected argument "${parsed._[positionals]}"`);
  }
  return parsed;
}

export function stringArg(parsed: Parsed, name: string): string | undefined {
  const value = parsed[name];
  if (value === undefined || value === false) return undefined;
  if (typeof value !== "string") throw new UsageError(`option --${name} takes one value`);
  return value;
}

/** `--arch amd64,arm64` / `--arch all`; undefined when not given. */
export function archList(value: string | undefined): TargetName[] | "all" | undefined {
  if (value === undefined) return undefined;
  if (value === "all") return "all";
  const names = value.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError("--arch needs at least one arch");
  for (const name of names) {
    if (findTarget(name) === undefined) throw new UsageError(`unknown arch "${name}"; expected one of: ${targetNames.join(", ")} or all`);
  }
  return names as TargetName[];
}
