/**
 * `apply` and `revert`: a patched golang.org/x/sys copy in a Go module for a target kernel (every
 * zsysnum file the target serves, each in the header era of the file it replaces, plus the C fallback
 * headers), go.mod pointed at it, vendor/ kept consistent, verified by `go build` and `go vet` against
 * the module as it was; and undoing that byte for byte.
 */
import { findTarget, goarchOfZsysnumFile, type TargetName } from "@xsysgen/core";
import { detectHeaderEra, readZsysnumGo, type HeaderEra } from "@xsysgen/generator";
import { applyPatch, revertPatch, zsysnumFiles, type GoEnv, type XsysLocation } from "@xsysgen/writer";
import { kernelJson, type KernelJson } from "./kernel-json.ts";
import { Notes } from "./notes.ts";
import { preferOf, resolveArches, targetSpecOf, type TargetOptions } from "./options.ts";
import { portablePath, renderRegenerateCommand, sourceWords } from "./regenerate.ts";
import { renderPatchedFiles } from "./render-outputs.ts";
import { SCHEMA_VERSION } from "./schema-version.ts";
import { loadReference, loadSource, recordedKernel, type LoadedSource } from "./sources.ts";

/** Options of {@link apply}: `xsysgen apply`'s flags. */
export interface ApplyOptions extends TargetOptions {
  /** The Go module's root (default: the current directory). */
  readonly module?: string;
  /** Where the patched copy goes, module-relative (default `third_party/golang.org/x/sys`). */
  readonly dest?: string;
  /** What the patch adds syscalls from (default: the registry's newest table per arch). */
  readonly reference?: string;
  /** Which number wins where target and reference disagree. */
  readonly prefer?: "target" | "reference";
  /** Change nothing: the result carries the unified diff of what would change. */
  readonly dryRun?: boolean;
  /** Write even when the module does not build before (then only new errors fail it). */
  readonly allowBrokenBuild?: boolean;
  /** The environment the `go` commands run in (the CLI passes its own). */
  readonly env: GoEnv;
  /** How long to wait for another apply or revert holding the module's lock, in seconds (default 600). */
  readonly lockWaitSeconds?: number;
}

/** A `go build` of the module after apply, with the one before it. */
export interface ApplyBuild {
  readonly ok: boolean;
  readonly command: string;
  readonly output: string;
  readonly before: { readonly ok: boolean } | null;
  /** Error lines the build before did not have. */
  readonly new: readonly string[];
}

/** `go vet` on the packages importing golang.org/x/sys, before and after apply. */
export interface ApplyVet {
  readonly ok: boolean;
  readonly command: string;
  readonly packages: readonly string[];
  readonly checks: readonly string[];
  readonly new: readonly string[];
  /**
   * How many diagnostics vet gave before apply; null when it was not run: vet said nothing after
   * apply, so nothing could be new (the run before is made only when the run after says something).
   */
  readonly before: number | null;
  readonly after: number;
}

/** What {@link apply} returns: `apply --json`'s document. */
export interface ApplyDocument {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly command: "apply";
  readonly dryRun: boolean;
  /** The module path from go.mod. */
  readonly module: string;
  /** The module root, absolute. */
  readonly moduleDir: string;
  readonly target: string;
  readonly kernel: KernelJson | null;
  readonly reference: string;
  readonly xsysVersion: string;
  /** The copy, module-relative. */
  readonly dest: string;
  /** The `go.mod` replace line. */
  readonly replace: string;
  readonly vendored: boolean;
  readonly changedFiles: readonly string[];
  /** The copy's include/ directory, absolute and module-relative. */
  readonly include: { readonly absolute: string; readonly moduleRelative: string };
  /** `-I<absolute include>`. */
  readonly cgoCflags: string;
  /** The line to use on the build host: `export CGO_CFLAGS="-I$PWD/… $CGO_CFLAGS"`. */
  readonly exportLine: string;
  /** An interrupted earlier run this one finished or rolled back first. */
  readonly recovered: string | null;
  readonly build: ApplyBuild | null;
  readonly vet: ApplyVet | null;
  /** New build errors or vet diagnostics undid the change: the module is byte for byte as before. */
  readonly rolledBack: boolean;
  /** With `dryRun`: the unified diff of what would change. */
  readonly diff?: string;
  readonly notes: readonly string[];
}

/** `xsysgen apply` as one call. Writes inside the module only, and runs `go`. */
export async function apply(options: ApplyOptions): Promise<ApplyDocument> {
  const notes = new Notes();
  const prefer = preferOf(options.prefer, "apply");
  const arches = resolveArches(options.arch);
  const context = { read: options.read ?? {}, notes, host: options.host };
  const target = await loadSource(targetSpecOf(options, "apply"), arches, context);
  const reference = await loadReference(options.reference, target.served, context);
  const dest = options.dest;
  const command = renderRegenerateCommand([
    "apply",
    ...sourceWords({
      ...recordedKernel(options.kernel, arches, target),
      headers: options.headers,
      reference: options.reference,
      prefer,
    }),
    ...(dest === undefined ? [] : ["--dest", portablePath(dest)]),
  ]);
  const result = await applyPatch({
    moduleDir: options.module ?? ".",
    ...(dest === undefined ? {} : { dest }),
    files: (xsys) => patchedXsysFiles(xsys, target, reference, command, prefer),
    manifestInfo: { target: target.label, reference: reference.label, command },
    dryRun: options.dryRun === true,
    allowBrokenBuild: options.allowBrokenBuild === true,
    env: options.env,
    ...(options.lockWaitSeconds === undefined ? {} : { lockWaitSeconds: options.lockWaitSeconds }),
  });
  const vet = result.vet;
  return {
    schemaVersion: SCHEMA_VERSION,
    command: "apply",
    dryRun: options.dryRun === true,
    module: result.module,
    moduleDir: result.moduleDir,
    target: target.label,
    kernel: kernelJson(target),
    reference: reference.label,
    xsysVersion: result.xsysVersion,
    dest: result.dest,
    replace: result.replace,
    vendored: result.vendored,
    changedFiles: result.changedFiles,
    // Concrete paths only: the include directory on this host and inside the module, and the flag.
    include: result.include,
    cgoCflags: result.cgoCflagsHost,
    exportLine: result.exportLine,
    recovered: result.recovered ?? null,
    build:
      result.build === null
        ? null
        : {
            ok: result.build.ok,
            command: result.build.command,
            output: result.build.output,
            before: result.build.before === null ? null : { ok: result.build.before.ok },
            new: result.build.new,
          },
    vet:
      vet === null
        ? null
        : {
            ok: vet.ok,
            command: vet.command,
            packages: vet.packages,
            checks: vet.checks,
            new: vet.new,
            before: vet.before === null ? null : vet.before.length,
            after: vet.after.length,
          },
    rolledBack: result.rolledBack,
    ...(result.diff === undefined ? {} : { diff: result.diff }),
    notes: notes.list(),
  };
}

/** Options of {@link revert}. */
export interface RevertOptions {
  /** The Go module's root (default: the current directory). */
  readonly module?: string;
  /** The environment the `go` commands run in (default: inherited). */
  readonly env?: GoEnv;
  /** How long to wait for another apply or revert holding the module's lock, in seconds (default 600). */
  readonly lockWaitSeconds?: number;
}

/** What {@link revert} returns: `apply --revert --json`'s document. */
export interface RevertDocument {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly command: "apply --revert";
  /** The module root, absolute. */
  readonly moduleDir: string;
  /** The copy removed, module-relative. */
  readonly dest: string;
  readonly changedFiles: readonly string[];
  readonly recovered: string | null;
}

/** `xsysgen apply --revert` as one call: every byte the last apply changed, restored; its directories removed. */
export async function revert(options: RevertOptions = {}): Promise<RevertDocument> {
  const result = await revertPatch(options.module ?? ".", {
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.lockWaitSeconds === undefined ? {} : { lockWaitSeconds: options.lockWaitSeconds }),
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    command: "apply --revert",
    moduleDir: result.moduleDir,
    dest: result.dest,
    changedFiles: result.changedFiles,
    recovered: result.recovered ?? null,
  };
}

/** The x/sys files apply writes: patched zsysnum files (era of the file replaced) and the C fallbacks. */
async function patchedXsysFiles(
  xsys: XsysLocation,
  target: LoadedSource,
  reference: LoadedSource,
  command: string,
  prefer: "target" | "reference" | undefined,
): Promise<Map<string, string>> {
  const present = zsysnumFiles(xsys);
  const replaced = new Map<string, { era: HeaderEra; constants: { name: string; number: number }[] }>();
  for (const [goarch, rel] of present) {
    const row = findTarget(goarch);
    if (row === undefined || !target.tables.has(row.name as TargetName)) continue;
    const text = (await xsys.readFile(rel)).toString("utf8");
    replaced.set(goarch, { era: detectHeaderEra(text, rel), constants: (await readZsysnumGo(text, rel)).constants });
  }
  // Only arches this x/sys version has a file for get a Go file; the C headers cover every served ABI.
  const tables = new Map(
    [...target.tables].filter(([name]) => {
      const goarch = findTarget(name)?.goarch;
      return goarch === undefined || present.has(goarch);
    }),
  );
  const rendered = renderPatchedFiles({ ...target, tables }, reference, { command, like: undefined, prefer, replaced });
  const files = new Map<string, string>();
  for (const [name, content] of rendered) {
    files.set(goarchOfZsysnumFile(name) !== undefined ? `unix/${name}` : name, content);
  }
  return files;
}
