/** A whole HeaderBundle → the syscall table of every target it can serve. */
import type { HeaderBundle } from "./bundle.ts";
import { cParserReady } from "./c/load.ts";
import { ConflictError, InputError, ParseError } from "./errors.ts";
import { detectLayout } from "./layout.ts";
import type { Job } from "./layout.ts";
import type { SyscallTable } from "./table.ts";
import { targets } from "./targets.ts";
import type { TargetName } from "./targets.ts";
import { tblTable } from "./tbl.ts";
import { evaluateHeader } from "./unistd.ts";
import { detectKernelVersion } from "./version.ts";

export interface ParsedBundle {
  readonly kernelVersion?: string;
  /** Targets with a non-empty table, in targets.ts order. */
  readonly served: TargetName[];
  /** Tables of the requested (default: all served) targets, in targets.ts order. */
  readonly tables: SyscallTable[];
}

export interface ParseBundleOptions {
  readonly targets?: readonly TargetName[];
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

async function runJob(bundle: HeaderBundle, job: Job, kernelVersion: string | undefined): Promise<SyscallTable> {
  const source = `${bundle.origin}:${job.kind === "tbl" ? job.path : job.entry}`;
  if (job.kind === "tbl") {
    return tblTable(bundle.files.get(job.path) as string, source, job.target.name, job, kernelVersion);
  }
  try {
    const { table } = await evaluateHeader({ files: bundle.files, ...job }, source, kernelVersion);
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
  if (e instanceof ConflictError) return e.message.startsWith(origin) ? e : new ConflictError(`${origin}: ${e.message}`);
  return e;
}

export async function parseBundle(bundle: HeaderBundle, options: ParseBundleOptions = {}): Promise<ParsedBundle> {
  const parser = await cParserReady();
  const kernelVersion = detectKernelVersion(parser, bundle);
  const jobs = detectLayout(parser, bundle.files);
  const tables: SyscallTable[] = [];
  for (const target of targets) {
    // Kernels older than the port have no such ABI (e.g. asm-generic in 2.6.32 is not arm64).
    if (kernelVersion !== undefined && olderThan(kernelVersion, target.firstKernel)) continue;
    for (const job of jobs.get(target.name) ?? []) {
      const table = await runJob(bundle, job, kernelVersion);
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
      throw new InputError(bundle.origin, `no headers for ${missing.join(", ")}; this input serves: ${served.join(", ") || "nothing"}`);
    }
  }
  const result = { served, tables: wanted ? tables.filter((t) => wanted.includes(t.target)) : tables };
  return kernelVersion === undefined ? result : { kernelVersion, ...result };
}
