/**
 * `generate`: what `xsysgen gen` writes, as files in memory — golang.org/x/sys `zsysnum_linux_<goarch>.go`
 * exactly as mksysnum prints them (`exact`), or patched (the target plus every syscall the reference
 * adds, annotated) with `syscall_fallback.h`, `include/asm/unistd.h` and `syscalls.json`. With `out`,
 * the files are also written there, all or nothing, and files an earlier run wrote there and this one
 * does not are removed (output.ts).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError, UsageError, findTarget, renderErrno, type TargetName } from "@xsysgen/core";
import { detectHeaderEra, modernEra, readZsysnumGo, type HeaderEra } from "@xsysgen/generator";
import { kernelJson, type KernelJson } from "./kernel-json.ts";
import { Notes } from "./notes.ts";
import { preferOf, resolveArches, targetSpecOf, type TargetOptions } from "./options.ts";
import { writeOutputFiles } from "./output.ts";
import { portablePath, renderRegenerateCommand, sourceWords } from "./regenerate.ts";
import { renderExactFiles } from "./render-exact.ts";
import type { LikeFile } from "./render-outputs.ts";
import { SCHEMA_VERSION } from "./schema-version.ts";
import { loadReference, loadSource, recordedKernel } from "./sources.ts";

/** Options of {@link generate}: `xsysgen gen`'s flags. */
export interface GenerateOptions extends TargetOptions {
  /** Exactly what golang.org/x/sys's mksysnum prints for these headers (Go files only). */
  readonly exact?: boolean;
  /** What the patch adds syscalls from (a kernel or a headers path); default the registry's newest table per arch. */
  readonly reference?: string;
  /** Which number wins where target and reference disagree. */
  readonly prefer?: "target" | "reference";
  /** An existing zsysnum file whose header era to match and whose every constant to keep. */
  readonly like?: string;
  /**
   * Write the files into this directory as well (all at once or not at all; an earlier gen's files it
   * no longer writes are removed). Without it nothing is written.
   */
  readonly out?: string;
}

/** One generated file: its path relative to the output directory, and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

/** What {@link generate} returns: `gen --json`'s document, with the files themselves. */
export interface GenerateResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  /** The target's kernel (a registry name or the headers' version), null when the headers say none. */
  readonly kernelVersion: string | null;
  /** How `kernel` resolved (null with `headers`). */
  readonly kernel: KernelJson | null;
  /** The arches generated. */
  readonly arches: readonly TargetName[];
  readonly files: readonly GeneratedFile[];
  /** With `out`: the directory, absolute. */
  readonly out?: string;
  /** With `out`: files an earlier gen wrote there that this one does not, removed (relative paths). */
  readonly removed?: readonly string[];
  /** With `out`, patched output only: `-I<out>/include`, for CGO_CFLAGS. */
  readonly cgoCflags?: string;
  /** One-line notes: substitutions, derived tables leaving entries out, x32's missing Go file. */
  readonly notes: readonly string[];
}

/** `xsysgen gen` as one call: the files for a target kernel or headers, written to `out` when given. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const notes = new Notes();
  const exact = options.exact === true;
  const prefer = preferOf(options.prefer, "gen");
  if (exact && (options.reference !== undefined || prefer !== undefined))
    throw new UsageError("gen: --reference and --prefer apply to the patched output, not --exact");
  const arches = resolveArches(options.arch);
  const spec = targetSpecOf(options, "gen");
  const context = { read: options.read ?? {}, notes, host: options.host };
  const like = options.like === undefined ? undefined : await readLike(options.like);
  // --exact writes Go files only: x32's table (no Go port) would be read for nothing.
  const target = await loadSource(spec, arches, context, { goPortsOnly: exact });

  const recorded = recordedKernel(options.kernel, arches, target);
  const command = renderRegenerateCommand([
    "gen",
    ...sourceWords({ ...recorded, headers: options.headers, reference: options.reference, prefer }),
    ...(options.like === undefined ? [] : ["--like", portablePath(options.like)]),
    exact ? "--exact" : undefined,
  ]);

  let files: Map<string, string>;
  if (exact) {
    files = renderExactFiles(target, { command, era: like?.era ?? modernEra });
  } else {
    // The patched files' "since" comments come from the registry, which --exact never loads.
    const [reference, { renderPatchedFiles }] = await Promise.all([
      loadReference(options.reference, target.served, context),
      import("./render-outputs.ts"),
    ]);
    files = renderPatchedFiles(target, reference, { command, like, prefer });
  }
  // Asked for by name, x32 gets no Go file: say why rather than leave it out without a word.
  if (!exact && Array.isArray(arches) && arches.includes("x32"))
    notes.add(
      "x32 has no zsysnum file: golang.org/x/sys has no x32 port; syscall_fallback.h and syscalls.json cover it",
    );

  const base = {
    schemaVersion: SCHEMA_VERSION,
    kernelVersion: target.kernelVersion ?? null,
    kernel: kernelJson(target),
    arches: target.served,
    files: [...files].map(([path, contents]) => ({ path, contents })),
  };
  if (options.out === undefined) return { ...base, notes: notes.list() };
  const { removed } = writeOutputFiles(options.out, files);
  const out = resolve(options.out);
  return {
    ...base,
    out,
    removed,
    ...(exact ? {} : { cgoCflags: `-I${join(out, "include")}` }),
    notes: notes.list(),
  };
}

async function readLike(path: string): Promise<LikeFile> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(path, `cannot read --like file: ${renderErrno(error)}`);
  }
  const era: HeaderEra = detectHeaderEra(text, path);
  const parsed = await readZsysnumGo(text, path);
  const goTarget = findTarget(parsed.goarch);
  if (goTarget === undefined) throw new InputError(path, `--like: unknown GOARCH "${parsed.goarch}"`);
  return { era, goarch: goTarget.name as TargetName, constants: parsed.constants };
}
