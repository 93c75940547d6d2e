/**
 * `apply`: writes a patched copy of the module's golang.org/x/sys, points go.mod at it with
 * `replace golang.org/x/sys => ./<dest>`, mirrors the patched files into vendor/ the way
 * `go mod vendor` would, all in one transaction under the module lock. It builds before it
 * writes: a module that does not build is refused (nothing written) unless the only errors are
 * names the patch adds or the caller allows it. After writing it builds and vets again; an error
 * or vet diagnostic the run before did not print undoes the whole change (byte for byte,
 * directories included). Every path it will touch is checked to stay inside the module before the
 * first write.
 */
import { join, resolve } from "node:path";
import { ModuleError } from "@xsysgen/core";
import { cgoCflags, DEFAULT_DEST, replaceTarget, resolveDest } from "./dest.ts";
import { renderUnifiedDiff } from "./diff.ts";
import { runGo, type GoEnv } from "./go.ts";
import { assertInside } from "./inside.ts";
import { exists } from "./io.ts";
import { findXsys, type XsysLocation } from "./locate.ts";
import { LOCK_NAME, withModuleLock } from "./lock.ts";
import type { ManifestInfo } from "./manifest.ts";
import { planApply } from "./plan.ts";
import { JOURNAL_NAME, opPaths, recoverTransaction, runTransaction, STAGE_NAME, undoOps } from "./txn.ts";
import { XSYS } from "./vendor.ts";
import { compareVet, runVet, vetChecks, xsysImporters, type VetReport } from "./vet.ts";

/** Options of {@link applyPatch}: the module, the files to write into its x/sys copy, the manifest's record. */
export interface ApplyOptions {
  readonly moduleDir: string;
  /** The copy, relative to the module (default third_party/golang.org/x/sys, or the existing copy). */
  readonly dest?: string;
  /** New or changed files, by path inside x/sys (e.g. "unix/zsysnum_linux_amd64.go", "include/asm/unistd.h"). */
  readonly files: (xsys: XsysLocation) => Promise<ReadonlyMap<string, string>> | ReadonlyMap<string, string>;
  readonly manifestInfo: ManifestInfo;
  readonly dryRun?: boolean;
  /** Run `go build` before writing (refusing a module that does not build) and after (default true). */
  readonly verify?: boolean;
  /** Run `go vet` before and after on the packages importing x/sys (default: same as verify). */
  readonly vet?: boolean;
  /**
   * Write even when the module does not build before (default false: apply then refuses, writing
   * nothing, unless every build error is a name the patch adds, such as `undefined: unix.SYS_OPENAT2`).
   */
  readonly allowBrokenBuild?: boolean;
  /**
   * The environment every go command runs in (a program passes its own). Required: the writer reads
   * no environment itself; it reads GOFLAGS from this one and adds the copy's include/ to its
   * CGO_CFLAGS for the build and vet.
   */
  readonly env: GoEnv;
  /** How long to wait for another apply or revert holding the module lock, in seconds (default 600). */
  readonly lockWaitSeconds?: number;
}

/** A `go build` of the module: the command and its outcome. */
export interface BuildReport {
  readonly ok: boolean;
  readonly command: string;
  readonly output: string;
}

/** The verification build after apply, compared with the one before it wrote. */
export interface VerifiedBuild extends BuildReport {
  /** The build before apply wrote (null when nothing was written: a re-apply that changes nothing). */
  readonly before: BuildReport | null;
  /** Lines of the build's errors that the build before did not print: a failure this apply caused. */
  readonly new: readonly string[];
}

/** What {@link applyPatch} did: the copy, the replace directive, the files changed and the build report. */
export interface ApplyResult {
  /** The module path from go.mod. */
  readonly module: string;
  readonly moduleDir: string;
  readonly xsysVersion: string;
  /** The copy, relative to the module root. */
  readonly dest: string;
  /** The go.mod directive, e.g. "golang.org/x/sys => ./third_party/golang.org/x/sys". */
  readonly replace: string;
  readonly vendored: boolean;
  /** Module-relative paths whose bytes this run changed (or would change, on a dry run). */
  readonly changedFiles: readonly string[];
  /** `-I…/include` in a form the build host's shell evaluates (no absolute path). */
  readonly cgoCflags: string;
  /** The same for this host, absolute. */
  readonly cgoCflagsHost: string;
  /** The copy's include/ directory: absolute on this host, and relative to the module root. */
  readonly include: { readonly absolute: string; readonly moduleRelative: string };
  /** `export CGO_CFLAGS="<cgoCflags> $CGO_CFLAGS"`. */
  readonly exportLine: string;
  /** What an interrupted earlier run left and this one completed or discarded. */
  readonly recovered: "finished" | "discarded" | undefined;
  /** Unified diff of every change (dry run only). */
  readonly diff: string | undefined;
  /** null when not verified (dry run, verify: false). */
  readonly build: VerifiedBuild | null;
  /** null when not vetted (dry run, vet: false, or the build failed anew). */
  readonly vet: VetReport | null;
  /**
   * The build or vet failed anew after writing, so the change was undone: the module is byte for
   * byte as before (changedFiles lists what was written and then put back).
   */
  readonly rolledBack: boolean;
}

/** `go build ./...` the way the module builds, with the copy's include/ first on the C include path. */
export async function verifyBuild(
  moduleDir: string,
  vendored: boolean,
  cflags: string,
  env: GoEnv,
): Promise<BuildReport> {
  const args = ["build", vendored ? "-mod=vendor" : "-mod=readonly", "-o", "/dev/null", "./..."];
  const r = await runGo(args, moduleDir, { ...env, CGO_CFLAGS: `${cflags} ${env.CGO_CFLAGS ?? ""}`.trim() });
  return { ok: r.code === 0, command: `go ${args.join(" ")}`, output: (r.stdout + r.stderr).trim() };
}

/**
 * Patches a Go module's golang.org/x/sys for a target kernel: writes the patched copy (default
 * `third_party/golang.org/x/sys`), points go.mod at it with a `replace`, keeps `vendor/` consistent,
 * records everything for {@link revertPatch}, and verifies with `go build`. Transactional and idempotent.
 */
export async function applyPatch(options: ApplyOptions): Promise<ApplyResult> {
  const root = resolve(options.moduleDir);
  if (options.dest !== undefined) resolveDest(root, options.dest);
  if (!(await exists(join(root, "go.mod"))))
    throw new ModuleError(`${root}: no go.mod (expected the root of a Go module)`);
  await assertInside(root, [LOCK_NAME, JOURNAL_NAME, STAGE_NAME, "go.mod", "go.sum"]);
  // A dry run writes nothing, not even the lock.
  if (options.dryRun === true) return applyLocked(root, options);
  return withModuleLock(root, "apply", options.lockWaitSeconds, () => applyLocked(root, options));
}

async function applyLocked(root: string, options: ApplyOptions): Promise<ApplyResult> {
  let recovered: ApplyResult["recovered"];
  if (options.dryRun === true) {
    if ((await exists(join(root, JOURNAL_NAME))) || (await exists(join(root, STAGE_NAME)))) {
      throw new ModuleError(
        `${root}: an interrupted xsysgen run is pending (${JOURNAL_NAME}); run apply or revert first`,
      );
    }
  } else {
    recovered = await recoverTransaction(root);
  }
  const loc = await findXsys(root, { env: options.env });
  const destRel = resolveDest(root, options.dest ?? loc.patched?.dest ?? DEFAULT_DEST);
  if (loc.patched !== undefined && loc.patched.dest !== destRel) {
    throw new ModuleError(
      `--dest ${destRel}: the module is already patched at ${loc.patched.dest} (revert first or use that --dest)`,
    );
  }
  const replace = replaceTarget(destRel);
  const newFiles = await options.files(loc);
  const plan = await planApply(loc, destRel, replace, newFiles, options.manifestInfo, options.env);
  await assertInside(root, [destRel, ...(loc.vendored ? ["vendor"] : []), ...plan.ops.flatMap(opPaths)]);
  const flags = cgoCflags(loc.moduleDir, destRel);
  const base = {
    module: loc.modulePath,
    moduleDir: loc.moduleDir,
    xsysVersion: loc.xsysVersion,
    dest: destRel,
    replace: `${XSYS} => ${replace}`,
    vendored: loc.vendored,
    changedFiles: plan.changedFiles,
    cgoCflags: flags.portable,
    cgoCflagsHost: flags.host,
    include: flags.include,
    exportLine: flags.exportLine,
    recovered,
  };
  if (options.dryRun === true) {
    const parts: string[] = [];
    if (plan.ops.some((op) => op.op === "tree") && loc.patched === undefined) {
      parts.push(`xsysgen: copy ${XSYS}@${loc.xsysVersion} (${loc.files.length} files) to ${destRel}\n`);
    }
    for (const [path, ch] of plan.textChanges) {
      parts.push(renderUnifiedDiff(ch.original ?? path, path, ch.before?.toString("utf8"), ch.after?.toString("utf8")));
    }
    return { ...base, diff: parts.join(""), build: null, vet: null, rolledBack: false };
  }
  const env = options.env;
  const verifying = options.verify !== false;
  const vetting = options.vet ?? verifying;
  const vetEnv = { ...env, CGO_CFLAGS: `${flags.host} ${env.CGO_CFLAGS ?? ""}`.trim() };
  const writing = plan.ops.length > 0;
  // The "before" build sees the module as it is: before any xsysgen patch, or on a re-apply the
  // current patch (the comparison is then patch vs patch, and says nothing new unless it changed).
  const before = verifying && writing ? await verifyBuild(loc.moduleDir, loc.vendored, flags.host, env) : null;
  if (before !== null && !before.ok && options.allowBrokenBuild !== true && !curedBy(before.output, newFiles)) {
    throw new ModuleError(
      `${root}: does not build before apply (${before.command}: ${firstError(before.output)}); ` +
        "nothing written (--allow-broken-build applies anyway, and then fails only on new errors)",
    );
  }
  const undo = writing ? await undoOps(loc.moduleDir, plan.ops) : [];
  if (writing) await runTransaction(loc.moduleDir, "apply", plan.ops);
  const after = verifying ? await verifyBuild(loc.moduleDir, loc.vendored, flags.host, env) : null;
  const build: VerifiedBuild | null =
    after === null ? null : { ...after, before, new: before === null ? [] : newErrors(before, after) };
  let rolledBack = writing && build !== null && build.new.length > 0;
  if (rolledBack) await runTransaction(loc.moduleDir, "apply rollback", undo);
  let vet: VetReport | null = null;
  if (vetting && !rolledBack) {
    const now = await vetNow(loc.moduleDir, loc.vendored, vetEnv);
    if (!writing) vet = compareVet(now.run, now.run, now.packages, now.checks);
    else if (now.run.diagnostics.length === 0) vet = compareVet(null, now.run, now.packages, now.checks);
    else {
      // Only what vet says after apply can be new, so the run before is needed only now: on the
      // module as it was (the change undone), then the change made again unless something is new.
      await runTransaction(loc.moduleDir, "apply rollback", undo);
      const vetBefore = await runVet(loc.moduleDir, loc.vendored, now.packages, vetEnv);
      vet = compareVet(vetBefore, now.run, now.packages, now.checks);
      rolledBack = !vet.ok;
      if (!rolledBack) await runTransaction(loc.moduleDir, "apply", plan.ops);
    }
  }
  return { ...base, diff: undefined, build, vet, rolledBack };
}

/** A build's error lines, as a set to compare: `# package` headers and blank lines left out. */
function errorLines(output: string): string[] {
  return output
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l !== "" && !l.startsWith("# "));
}

function newErrors(before: BuildReport, after: BuildReport): string[] {
  if (after.ok) return [];
  const seen = new Set(errorLines(before.output));
  return errorLines(after.output).filter((l) => !seen.has(l));
}

/** `file:line[:column]: message` lines of go and gcc, without gcc's notes and go's "too many errors". */
function diagnostics(output: string): string[] {
  return errorLines(output)
    .map((l) => /^\S+?:\d+(?::\d+)?: (.*)$/.exec(l)?.[1])
    .filter((m): m is string => m !== undefined && !/^(note|warning):/.test(m) && m !== "too many errors");
}

function firstError(output: string): string {
  return diagnostics(output)[0] ?? errorLines(output)[0] ?? "no output";
}

/**
 * Whether every error of a failed build is a syscall name the patched files define (go's
 * `undefined: unix.SYS_OPENAT2`, gcc's `'__NR_preadv2' undeclared`, cgo's `could not determine
 * kind of name for C.SYS_statx`): the failure apply is there to cure, not a broken module.
 */
function curedBy(output: string, files: ReadonlyMap<string, string>): boolean {
  const defined = new Set<string>();
  for (const text of files.values()) for (const m of text.matchAll(/\b(?:SYS|__NR)_\w+/g)) defined.add(m[0]);
  const errors = diagnostics(output);
  return (
    errors.length > 0 &&
    errors.every(
      (e) =>
        /undefined|undeclared|could not determine kind of name/.test(e) &&
        [...e.matchAll(/\b(?:SYS|__NR)_\w+/g)].some((m) => defined.has(m[0])),
    )
  );
}

async function vetNow(moduleDir: string, vendored: boolean, env: GoEnv) {
  const packages = await xsysImporters(moduleDir, vendored, env);
  return { packages, checks: await vetChecks(moduleDir, env), run: await runVet(moduleDir, vendored, packages, env) };
}
