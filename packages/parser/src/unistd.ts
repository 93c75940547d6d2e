/** One syscall header evaluated for one target, the way `cc -E -dD` would see it. */
import { NeedsTreeSitter, treeSitterEngine, type CEngine } from "./c/engine.ts";
import { EvalError } from "./c/expr.ts";
import { lineEngine } from "./c/line-engine.ts";
import { treeSitterParser } from "./tree-sitter.ts";
import type { PreprocessResult } from "./c/preprocess.ts";
import { extractEntries } from "./entries.ts";
import type { SyscallTable, Target, TargetName } from "@xsysgen/core";
import { findTarget, UsageError, XsysgenError } from "@xsysgen/core";

function requireTarget(name: TargetName): Target {
  const target = findTarget(name);
  if (!target) throw new UsageError(`unknown target ${name}`);
  return target;
}

/**
 * Macros a per-ABI header needs from its `asm/unistd.h` wrapper when read alone: x86's
 * `__X32_SYSCALL_BIT` and MIPS `__NR_Linux` (the target row's table offset). A wrapper that is
 * present defines them itself and wins.
 */
export function wrapperMacros(target: Target): Record<string, string> {
  const macro = target.tbl?.offsetMacro;
  return macro === undefined ? {} : { [macro]: String(target.tbl?.offset ?? 0) };
}

export interface HeaderJob {
  readonly files: ReadonlyMap<string, string>;
  readonly entry: string;
  readonly target: Target;
  readonly includeDirs?: readonly string[];
  readonly extraMacros?: Readonly<Record<string, string>>;
}

/** Preprocesses a header job with `engine` and returns the table plus what the preprocessor saw. */
export function evaluateHeaderWith(
  engine: CEngine,
  job: HeaderJob,
  source: string,
  kernelVersion?: string,
): { table: SyscallTable; result: PreprocessResult } {
  const result = engine.preprocess(job.entry, {
    files: job.files,
    predefined: { ...job.extraMacros, ...job.target.macros },
    includeDirs: job.includeDirs ?? [],
  });
  const { entries, aliases, undefEntries } = extractEntries(engine, result);
  const base: SyscallTable = {
    target: job.target.name,
    entries,
    aliases,
    ...(undefEntries.length === 0 ? {} : { undefEntries }),
    source,
  };
  return { table: kernelVersion === undefined ? base : { ...base, kernelVersion }, result };
}

/**
 * evaluateHeaderWith the line engine, or with tree-sitter when the header is not plain or does
 * not evaluate (tree-sitter's path words every error).
 */
async function evaluateHeader(
  job: HeaderJob,
  source: string,
  kernelVersion?: string,
): Promise<{ table: SyscallTable; result: PreprocessResult }> {
  try {
    return evaluateHeaderWith(lineEngine, job, source, kernelVersion);
  } catch (e) {
    if (!(e instanceof NeedsTreeSitter) && !(e instanceof XsysgenError) && !(e instanceof EvalError)) throw e;
  }
  return evaluateHeaderWith(treeSitterEngine(await treeSitterParser("c")), job, source, kernelVersion);
}

/** Evaluates one header text (no includes available) for `target`. */
export async function parseUnistdHeader(
  text: string,
  options: { source: string; target: TargetName },
): Promise<SyscallTable> {
  const target = requireTarget(options.target);
  const files = new Map([[options.source, text]]);
  const { table } = await evaluateHeader(
    { files, entry: options.source, target, extraMacros: wrapperMacros(target) },
    options.source,
  );
  return table;
}
