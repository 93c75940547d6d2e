/**
 * Syscall entries from a preprocessed header, fail-closed: every active `__NR_<name>` /
 * `__NR3264_<name>` define must evaluate to a number unless it is on the named ignore list.
 */
import { ConflictError, ParseError } from "@xsysgen/core";
import type { CEngine } from "./c/engine.ts";
import { EvalError } from "./c/expr.ts";
import type { MacroTable, Token } from "./c/macros.ts";
import type { PreprocessResult } from "./c/preprocess.ts";
import type { SyscallAlias, SyscallEntry, UndefEntry } from "@xsysgen/core";

/** `__NR_` macros that are not syscalls, with the upstream reason. */
export const ignoredSyscallMacros: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  {
    pattern: /^__NR_syscalls$/,
    reason: "asm-generic/arm/riscv/x86 (5.14+ kernel-only) count of syscalls: one past the last number",
  },
  {
    pattern: /^__NR_syscall_max$/,
    reason: "x86 5.10-5.13 generated headers: highest number, kernel-only (#ifdef __KERNEL__)",
  },
  { pattern: /^__NR_Linux$/, reason: "MIPS: base (4000 o32, 5000 n64, 6000 n32) already added to every number" },
  { pattern: /^__NR_Linux_syscalls$/, reason: "MIPS: number of syscalls of the ABI" },
  {
    pattern: /^__NR_(O32|N32|64)_Linux(_syscalls)?$/,
    reason: "MIPS: per-ABI base and count, defined for all three ABIs",
  },
  { pattern: /^__NR_SYSCALL_BASE$/, reason: "ARM: base (0 for EABI, 0x900000 for OABI) already added to every number" },
  { pattern: /^__NR_OABI_SYSCALL_BASE$/, reason: "ARM: OABI base 0x900000" },
  {
    pattern: /^__NR_arch_specific_syscall$/,
    reason: "asm-generic: first number of the arch-private range (244), not a syscall",
  },
];

const syscallMacro = /^__NR(3264)?_(\w+)$/;

/** Numeric `__NR_` macros that are no syscall but that x/sys's mksysnum prints (SyscallEntry.xsysOnly). */
const xsysOnlyMacros: ReadonlySet<string> = new Set([
  "__NR_SYSCALL_MASK", // ARM: mask for decoding OABI swi immediates
]);

/** Any of the ignored patterns: one test per define instead of one per pattern. */
const anyIgnored = new RegExp(ignoredSyscallMacros.map((i) => `(?:${i.pattern.source})`).join("|"));
const maxNumber = BigInt(Number.MAX_SAFE_INTEGER);

function ignoredReason(macro: string): string | undefined {
  if (!anyIgnored.test(macro)) return undefined;
  return ignoredSyscallMacros.find((i) => i.pattern.test(macro))?.reason;
}

export interface ExtractedEntries {
  readonly entries: SyscallEntry[];
  readonly aliases: SyscallAlias[];
  readonly undefEntries: UndefEntry[];
}

interface Seen {
  readonly number: number;
  readonly where: string;
}

/** Entries and aliases in definition order, evaluated against the final macro table (as cc -E -dM). */
export function extractEntries(engine: CEngine, result: PreprocessResult): ExtractedEntries {
  const entries: SyscallEntry[] = [];
  const aliases: SyscallAlias[] = [];
  const seen = new Map<string, Seen>();
  const aliasSeen = new Map<string, Seen>();
  const undefEntries: UndefEntry[] = [];
  for (const define of result.defines) {
    const match = syscallMacro.exec(define.name);
    if (!match || ignoredReason(define.name) !== undefined) continue;
    // `#define __NR_foo` with no value is a guard-style marker, not a number (cc -dM shows it empty).
    if (define.value === "") continue;
    const all = engine.tokens(define.value);
    const tokens = all.filter((t) => t.text !== "(" && t.text !== ")");
    // A define later #undef'd is gone for cc -dM (one redefined is checked below at its last
    // define), but cc -dD still shows it and mksysnum prints it (SyscallTable.undefEntries).
    if (!result.macros.has(define.name)) {
      const removed = undefEntry(engine, result.macros, match[2] as string, all, entries.length);
      if (removed !== undefined && !undefEntries.some((u) => u.name === removed.name)) undefEntries.push(removed);
      continue;
    }
    const where = `${define.file}:${define.line}`;
    let value: bigint;
    try {
      value = engine.evaluate(all, result.macros, true);
    } catch (e) {
      // A comment inside the value can span lines; a message is one line.
      if (e instanceof EvalError)
        throw new ParseError(
          define.file,
          define.line,
          `${define.name} ${define.value.replace(/\s*\n\s*/g, " ")}: ${e.message.replace(/\s*\n\s*/g, " ")}`,
        );
      throw e;
    }
    if (value < 0n || value > maxNumber)
      throw new ParseError(define.file, define.line, `${define.name} evaluates to ${value}, not a syscall number`);
    const number = Number(value);
    const name = match[2] as string;
    const aliasOf = tokens.length === 1 && syscallMacro.test(tokens[0]?.text ?? "") ? tokens[0]?.text : undefined;
    const table = aliasOf !== undefined ? aliasSeen : seen;
    const prior = table.get(name);
    if (prior) {
      if (prior.number !== number) {
        throw new ConflictError(`${define.name}: ${prior.where} defines ${prior.number}, ${where} defines ${number}`);
      }
      continue;
    }
    table.set(name, { number, where });
    if (aliasOf !== undefined) aliases.push({ name, number });
    // `__NR3264_x` is no C name a program can use; table.ts keeps the macro for such entries.
    else {
      const archSpecific = tokens.some((t) => t.text === "__NR_arch_specific_syscall");
      entries.push({
        name,
        number,
        ...(match[1] === "3264" ? { macro: define.name } : {}),
        ...(archSpecific ? { archSpecific: true as const } : {}),
        ...(xsysOnlyMacros.has(define.name) ? { xsysOnly: true as const } : {}),
      });
    }
  }
  // asm-generic's `#define __NR_fcntl __NR3264_fcntl` names the entry itself: not an alias.
  const keptAliases = aliases.filter((a) => {
    const entry = seen.get(a.name);
    if (entry && entry.number !== a.number) {
      throw new ConflictError(
        `${a.name}: entry ${entry.where} is ${entry.number}, alias ${aliasSeen.get(a.name)?.where} is ${a.number}`,
      );
    }
    return entry === undefined;
  });
  return { entries, aliases: keptAliases, undefEntries };
}

/**
 * A removed define as mksysnum's regexes read it: a number, evaluated with the macros in force at
 * the end (ARM's `(__NR_SYSCALL_BASE+ 13)`); an alias (`__NR_x __NR_y`) or a value that does not
 * evaluate prints nothing there, and nothing a compiler sees depends on it, so it is dropped.
 */
function undefEntry(
  engine: CEngine,
  macros: MacroTable,
  name: string,
  value: readonly Token[],
  position: number,
): UndefEntry | undefined {
  const tokens = value.filter((t) => t.text !== "(" && t.text !== ")");
  if (tokens.length === 1 && syscallMacro.test(tokens[0]?.text ?? "")) return undefined;
  let number: bigint;
  try {
    number = engine.evaluate(value, macros, true);
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
  if (number < 0n || number > maxNumber) return undefined;
  return { name, number: Number(number), position };
}
