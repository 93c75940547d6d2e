/**
 * The C names a syscall table gives a compiler, and which of them a reference has that a target
 * lacks: the input of every fallback output (header, include wrapper, JSON).
 */
import { ConflictError, UsageError } from "@xsysgen/core";
import type { SyscallTable } from "@xsysgen/core";

/** A syscall's C name with a number. */
export interface NumberedName {
  /** C spelling without the `__NR_` prefix: `statx`, `newfstatat`. */
  readonly name: string;
  readonly number: number;
}

/** Which table's number wins when a name has two (the CLI's `--prefer`). */
export type Prefer = "target" | "reference";

/** Options of {@link missingSyscalls}. */
export interface MissingOptions {
  readonly prefer?: Prefer;
}

/**
 * Every `#define __NR_<name>` a compiler would see for this table, in table order (entries, then
 * aliases; a name may repeat). An entry with `macro` set (asm-generic `__NR3264_<stem>`) is reached
 * through `#define __NR_<name> __NR3264_<stem>`: on the 64-bit ports that is `__NR_fcntl`,
 * `__NR_mmap`, `__NR_lseek`, … under the entry's own name, except where the table has an alias of
 * that number with another name (`__NR_newfstatat` for `__NR3264_fstatat`: there is no
 * `__NR_fstatat`). Aliases are listed too.
 */
export function cDefines(table: SyscallTable): NumberedName[] {
  const aliased = new Set(table.aliases.map((a) => a.number));
  const entries = table.entries
    .filter((e) => e.xsysOnly !== true && (e.macro === undefined || !aliased.has(e.number)))
    .map((e) => ({ name: e.name, number: e.number }));
  // Aliases are C names; accept them spelled with or without the `__NR_` prefix.
  const aliases = table.aliases.map((a) => ({ name: a.name.replace(/^__NR_/, ""), number: a.number }));
  return [...entries, ...aliases];
}

/** cNames per table: tables are immutable, and gen asks 4–5 times per arch (rows, missing, installed). */
const cNamesOf = new WeakMap<SyscallTable, ReadonlyMap<string, number>>();

/** Every `__NR_<name>` a compiler would see for this table (`cDefines`), by name. */
export function cNames(table: SyscallTable): ReadonlyMap<string, number> {
  const known = cNamesOf.get(table);
  if (known !== undefined) return known;
  const names = computeCNames(table);
  cNamesOf.set(table, names);
  return names;
}

// The loops over tables here and in json.ts are indexed or forEach, not for…of: a short command
// runs them in V8's unoptimized tiers, where for…of allocates an iterator result per step (and a
// [key, value] pair per Map entry); gen walks ~30,000 entries.
function computeCNames(table: SyscallTable): Map<string, number> {
  const names = new Map<string, number>();
  const defines = cDefines(table);
  for (let i = 0; i < defines.length; i++) {
    const { name, number } = defines[i] as NumberedName;
    const known = names.get(name);
    if (known !== undefined && known !== number) {
      throw new ConflictError(`${table.source}: __NR_${name} is both ${known} and ${number} in the same table`);
    }
    names.set(name, number);
  }
  return names;
}

/** Sorts by number, then name: the order of every fallback output. */
export function byNumber(a: NumberedName, b: NumberedName): number {
  return a.number - b.number || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * The reference's C names the target lacks, with the reference numbers, sorted by number.
 * A name both define with different numbers is a ConflictError unless `prefer` decides: with
 * "target" the name counts as present; with "reference" it is listed with the reference number
 * (a header built from the result then stops any build against the target's own headers, whose
 * number disagrees: that is the cross-check doing its job).
 */
export function missingSyscalls(
  target: SyscallTable,
  reference: SyscallTable,
  options: MissingOptions = {},
): NumberedName[] {
  if (target.target !== reference.target) {
    throw new UsageError(
      `cannot compare tables of different arches: ${target.target} (${target.source}) and ` +
        `${reference.target} (${reference.source})`,
    );
  }
  const have = cNames(target);
  const missing: NumberedName[] = [];
  cNames(reference).forEach((number, name) => {
    const theirs = have.get(name);
    if (theirs === undefined) {
      missing.push({ name, number });
    } else if (theirs !== number) {
      if (options.prefer === undefined) throw conflict(name, target, theirs, reference, number);
      if (options.prefer === "reference") missing.push({ name, number });
    }
  });
  return missing.sort(byNumber);
}

export function conflict(
  name: string,
  target: SyscallTable,
  targetNumber: number,
  reference: SyscallTable,
  referenceNumber: number,
): ConflictError {
  return new ConflictError(
    `${target.target} __NR_${name}: ${targetNumber} in ${target.source} but ${referenceNumber} in ` +
      `${reference.source}; pass --prefer target|reference`,
  );
}
