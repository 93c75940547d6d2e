/**
 * Kernel syscall tables (`syscall_*.tbl`, `scripts/syscall.tbl`): `<number> <abi> <name>
 * [<entry point> [<compat entry point> [noreturn]]]`, `#` comments. The kernel's header
 * generator (scripts/syscallhdr.sh, arch/x86/syscalls/syscallhdr.sh) keeps the lines whose abi
 * is in the target's list and emits them sorted by number: that is the table reproduced here.
 */
import { ConflictError, ParseError } from "@xsysgen/core";
import type { SyscallEntry, SyscallTable, TargetName } from "@xsysgen/core";

/** One row of a kernel `syscall*.tbl` file. */
export interface TblRow {
  readonly number: number;
  readonly abi: string;
  readonly name: string;
  /** Entry points and flags after the name (0 to 3 of them). */
  readonly rest: readonly string[];
  readonly line: number;
}

/** Rows of a `.tbl` file in file order. */
export function parseSyscallTbl(text: string, source: string): TblRow[] {
  const rows: TblRow[] = [];
  text.split("\n").forEach((raw, i) => {
    const content = raw.replace(/#.*/, "").trim();
    if (content === "") return;
    const fields = content.split(/\s+/);
    const [num, abi, name, ...rest] = fields;
    if (
      num === undefined ||
      abi === undefined ||
      name === undefined ||
      !/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(num) ||
      !/^\w+$/.test(name)
    ) {
      throw new ParseError(source, i + 1, `expected "<number> <abi> <name> [entry points]", found "${content}"`);
    }
    if (rest.length > 3)
      throw new ParseError(source, i + 1, `expected at most 6 fields, found ${fields.length}: "${content}"`);
    rows.push({ number: Number(num), abi, name, rest, line: i + 1 });
  });
  return rows;
}

/** The ABI column values and number offset a target takes from a `.tbl` file. */
export interface TblSelection {
  readonly abis: readonly string[];
  readonly offset: number;
}

/** The entries a generated `unistd_*.h` would define for these abis, sorted by number. */
export function selectTblEntries(rows: readonly TblRow[], selection: TblSelection, source: string): SyscallEntry[] {
  const byName = new Map<string, TblRow>();
  const picked: TblRow[] = [];
  for (const row of rows) {
    if (!selection.abis.includes(row.abi)) continue;
    const prior = byName.get(row.name);
    if (prior) {
      if (prior.number !== row.number) {
        throw new ConflictError(
          `${source}: ${row.name} is ${prior.number} at line ${prior.line} ` +
            `and ${row.number} at line ${row.line} for abis ${selection.abis.join(",")}`,
        );
      }
      continue;
    }
    byName.set(row.name, row);
    picked.push(row);
  }
  // Stable sort: rows with one number keep file order, like the generator's `sort -n` on "nr abi name".
  return picked.sort((a, b) => a.number - b.number).map((r) => ({ name: r.name, number: r.number + selection.offset }));
}

/** A SyscallTable for `target` from a `.tbl` text. */
export function tblTable(
  text: string,
  source: string,
  target: TargetName,
  selection: TblSelection,
  kernelVersion?: string,
): SyscallTable {
  const entries = selectTblEntries(parseSyscallTbl(text, source), selection, source);
  const table = { target, entries, aliases: [], source };
  return kernelVersion === undefined ? table : { ...table, kernelVersion };
}
