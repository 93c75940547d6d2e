/** A whole HeaderBundle → the syscall table of every target it can serve. */
import type { Parser } from "web-tree-sitter";
import type { HeaderBundle } from "./bundle.ts";
import { NeedsTreeSitter, parserNotLoaded, treeSitterEngine, type CEngine } from "./c/engine.ts";
import { EvalError } from "./c/expr.ts";
import { lineEngine } from "./c/line-engine.ts";
import { treeSitterParser } from "./tree-sitter.ts";
import { ConflictError, InputError, ParseError, XsysgenError, targets } from "@xsysgen/core";
import { detectLayout } from "./layout.ts";
import type { Job } from "./layout.ts";
import type { SyscallTable, TargetName } from "@xsysgen/core";
import { tblTable } from "./tbl.ts";
import { evaluateHeaderWith } from "./unistd.ts";
import { detectKernelVersion } from "./version.ts";

/** What {@link parseBundle} found in a header bundle: the kernel version and one table per served target. */
export interface ParsedBundle {
  readonly kernelVersion?: string;
  /** Targets with a non-empty table, in targets.ts order. */
  readonly served: TargetName[];
  /** Tables of the requested (default: all served) targets, in targets.ts order. */
  readonly tables: SyscallTable[];
}

/** Which targets {@link parseBundle} should return (default: every target the bundle serves). */
export interface ParseBundleOptions {
  readonly targets?: readonly TargetName[];
  /**
   * The targets to look at at all (default: every target): the others are neither evaluated nor
   * counted in `served` (x32 when only Go files are wanted: it has no Go port).
   */
  readonly only?: readonly TargetName[];
}

/** Whether version `a` ("3.10.0-1160.el7") is older than `b` ("3.7"), by numeric parts. */
function olderThan(a: string, b: string): boolean {
  const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < pb.length; i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    if (x !== y) return x < y;
  }
  return false;
}

function runJob(engine: CEngine, bundle: HeaderBundle, job: Job, kernelVersion: string | undefined): SyscallTable {
  const source = `${bundle.origin}:${job.kind === "tbl" ? job.path : job.entry}`;
  if (job.kind === "tbl") {
    return tblTable(bundle.files.get(job.path) as string, source, job.target.name, job, kernelVersion);
  }
  try {
    const { table } = evaluateHeaderWith(engine, { files: bundle.files, ...job }, source, kernelVersion);
    return table;
  } catch (e) {
    throw withOrigin(bundle.origin, e);
  }
}

/**
 * The preprocessor names files by their path inside the bundle; a message must also name what
 * the user passed (a header passed alone is keyed by its base name: the origin replaces it).
 */
function withOrigin(origin: string, e: unknown): unknown {
  if (e instanceof ParseError) {
    if (e.file === origin || e.file.startsWith(`${origin}:`)) return e;
    return new ParseError(origin.endsWith(`/${e.file}`) ? origin : `${origin}: ${e.file}`, e.line, e.reason);
  }
  if (e instanceof ConflictError)
    return e.message.startsWith(origin) ? e : new ConflictError(`${origin}: ${e.message}`);
  return e;
}

/**
 * Every table of the bundle. The line engine (c/engine.ts) does the whole bundle first; when any
 * header in it is not plain, or anything fails, the bundle is redone with tree-sitter, which
 * then has the last word (results and error messages alike).
 */
export async function parseBundle(bundle: HeaderBundle, options: ParseBundleOptions = {}): Promise<ParsedBundle> {
  try {
    return parseBundleWith(lineEngine, parserNotLoaded, bundle, options);
  } catch (e) {
    if (!(e instanceof NeedsTreeSitter) && !(e instanceof XsysgenError) && !(e instanceof EvalError)) throw e;
  }
  const parser = await treeSitterParser("c");
  return parseBundleWith(treeSitterEngine(parser), parser, bundle, options);
}

/** parseBundle with one engine; `parser` is what layout detection scans non-plain headers with. */
export function parseBundleWith(
  engine: CEngine,
  parser: Parser,
  bundle: HeaderBundle,
  options: ParseBundleOptions = {},
): ParsedBundle {
  const kernelVersion = detectKernelVersion(engine, bundle);
  const jobs = detectLayout(parser, bundle.files, options.targets);
  const tables: SyscallTable[] = [];
  const tooOld: string[] = [];
  for (const target of targets) {
    if (options.only !== undefined && !options.only.includes(target.name)) continue;
    // Kernels older than the port have no such ABI (e.g. asm-generic in 2.6.32 is not arm64).
    if (kernelVersion !== undefined && olderThan(kernelVersion, target.firstKernel)) {
      if (jobs.has(target.name)) tooOld.push(`${target.name} began in Linux ${target.firstKernel}`);
      continue;
    }
    for (const job of jobs.get(target.name) ?? []) {
      const table = runJob(engine, bundle, job, kernelVersion);
      if (table.entries.length > 0) {
        tables.push(table);
        break;
      }
    }
  }
  const served = tables.map((t) => t.target);
  const wanted = options.targets;
  if (wanted) {
    const missing = wanted.filter((t) => !served.includes(t));
    if (missing.length > 0) {
      const why = tooOld.filter((t) => missing.some((m) => t.startsWith(`${m} `)));
      throw new InputError(
        bundle.origin,
        `no headers for ${missing.join(", ")}` +
          (why.length === 0 ? "" : ` (these are Linux ${kernelVersion} headers; ${why.join(", ")})`) +
          `; this input serves: ${served.join(", ") || "nothing"}`,
      );
    }
  }
  const result = { served, tables: wanted ? tables.filter((t) => wanted.includes(t.target)) : tables };
  return kernelVersion === undefined ? result : { kernelVersion, ...result };
}
