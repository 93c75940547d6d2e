/**
 * `syscalls.json`: per arch, every syscall of the reference and the target with its number, first
 * kernel and whether the target's headers have it. Stable: arches and rows sorted, 2-space JSON.
 */
import { UsageError } from "@xsysgen/core";
import type { SyscallTable, TargetName } from "@xsysgen/core";
import { byNumber, cNames, conflict } from "./names.ts";
import type { MissingOptions, Prefer } from "./names.ts";

/** One row of `syscalls.json`: a syscall on one arch, in the target and/or the reference. */
export interface SyscallRow {
  readonly name: string;
  readonly number: number;
  /** First kernel release with it on this arch, when known. */
  readonly since?: string;
  readonly inTarget: boolean;
  readonly inReference: boolean;
}

/** One arch's tables for {@link renderSyscallsJson}. */
export interface SyscallsJsonArch {
  readonly target: TargetName;
  /** The target's table (what its headers define). */
  readonly table: SyscallTable;
  readonly reference: SyscallTable;
  /** First kernel with `__NR_<name>` on this arch, when known. */
  readonly sinceOf?: (name: string) => string | undefined;
  /** Overrides the input's `prefer` for this arch. */
  readonly prefer?: Prefer;
}

/** Everything {@link renderSyscallsJson} renders. */
export interface SyscallsJsonInput {
  /** Regenerate command, recorded in the file when given. */
  readonly command?: string;
  readonly targetLabel: string;
  readonly referenceLabel: string;
  readonly prefer?: Prefer;
  readonly arches: readonly SyscallsJsonArch[];
}

/** Options of {@link syscallRows}. */
export interface SyscallRowsOptions extends MissingOptions {
  /** First kernel with a syscall (C name), for each row's `since`. */
  readonly sinceOf?: (name: string) => string | undefined;
}

/**
 * One row per C name of either table. A name with two numbers is a ConflictError unless
 * `prefer` picks one, as in missingSyscalls.
 */
export function syscallRows(
  target: SyscallTable,
  reference: SyscallTable,
  options: SyscallRowsOptions = {},
): SyscallRow[] {
  return rowsOf(target, reference, options, (name, number, since, inTarget, inReference) =>
    since === undefined ? { name, number, inTarget, inReference } : { name, number, since, inTarget, inReference },
  );
}

/** A row as syscalls.json spells it: every key, `since` null when unknown, in this order. */
interface JsonRow {
  readonly name: string;
  readonly number: number;
  readonly since: string | null;
  readonly inTarget: boolean;
  readonly inReference: boolean;
}

/**
 * The rows of {@link syscallRows}, each made by `make` (syscalls.json makes its own shape at once
 * instead of copying ~7,600 rows of gen --arch all), sorted by number.
 */
function rowsOf<Row extends { readonly name: string; readonly number: number }>(
  target: SyscallTable,
  reference: SyscallTable,
  options: SyscallRowsOptions,
  make: (name: string, number: number, since: string | undefined, inTarget: boolean, inReference: boolean) => Row,
): Row[] {
  const have = cNames(target);
  const want = cNames(reference);
  const rows: Row[] = [];
  const row = (name: string, t: number | undefined, r: number | undefined): void => {
    let number = (r ?? t) as number;
    if (t !== undefined && r !== undefined && t !== r) {
      if (options.prefer === undefined) throw conflict(name, target, t, reference, r);
      number = options.prefer === "target" ? t : r;
    }
    rows.push(make(name, number, options.sinceOf?.(name), t !== undefined, r !== undefined));
  };
  // The reference's names, then the target's others (forEach: see names.ts on for…of).
  want.forEach((r, name) => row(name, have.get(name), r));
  have.forEach((t, name) => {
    if (!want.has(name)) row(name, t, undefined);
  });
  return rows.sort(byNumber);
}

/** `syscalls.json`: per arch, every syscall's name, number, first kernel and whether the target has it. */
export function renderSyscallsJson(input: SyscallsJsonInput): string {
  const seen = new Set<TargetName>();
  for (const arch of input.arches) {
    if (seen.has(arch.target)) throw new UsageError(`syscalls.json: target ${arch.target} given twice`);
    seen.add(arch.target);
  }
  const arches = [...input.arches].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  const doc = {
    ...(input.command === undefined ? {} : { command: input.command }),
    target: input.targetLabel,
    reference: input.referenceLabel,
    arches: Object.fromEntries(
      arches.map((arch) => {
        const prefer = arch.prefer ?? input.prefer;
        const options = {
          ...(prefer === undefined ? {} : { prefer }),
          ...(arch.sinceOf === undefined ? {} : { sinceOf: arch.sinceOf }),
        };
        const rows = rowsOf(
          arch.table,
          arch.reference,
          options,
          (name, number, since, inTarget, inReference): JsonRow => ({
            name,
            number,
            since: since ?? null,
            inTarget,
            inReference,
          }),
        );
        return [arch.target, rows];
      }),
    ),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
