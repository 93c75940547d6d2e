/**
 * `check`: what in a Go module fails on the target kernel, in two kinds.
 *
 * - compile: a syscall-number name the build lacks — `unix.SYS_X` where the module's own
 *   golang.org/x/sys has no `SYS_X` for that GOARCH (`apply` adds it), `syscall.SYS_X` where the
 *   toolchain's frozen `syscall` has none, `__NR_x`/`SYS_x` in cgo and C, which the target's
 *   headers lack (the fallback header defines it).
 * - runtime: a call whose syscall the target kernel lacks, so it returns ENOSYS there: a number the
 *   build has (`unix.Syscall(unix.SYS_PIDFD_OPEN, …)` with an x/sys that defines it), or a wrapper
 *   (`unix.Openat2`, `syscall.Renameat` on riscv64) whose syscalls wrappers.ts reads from the
 *   package's sources. The fix is a fallback code path; a finding whose function already compares
 *   the error with ENOSYS (enosys.ts), or whose wrapper does, is marked handled rather than dropped.
 *
 * vendor/ and third_party/ are dependencies, read only with includeDeps (deps.ts: vendor/ when it
 * is complete, else the module cache as `go list -deps` resolves it); like the go command,
 * directories starting with "." or "_" and testdata/ are never read. A file counts for the arches
 * its name and build lines let it build for (constraints.ts); x32, with no Go port, is never one.
 */
import { promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import { findTarget, goTargets, ModuleError, type TargetName } from "@xsysgen/core";
import { treeSitterParser } from "@xsysgen/parser/tree-sitter";
import type { GoEnv } from "../go.ts";
import { exists, listFiles } from "../io.ts";
import { goFileAllows } from "./constraints.ts";
import { dependencyFiles } from "./deps.ts";
import { readModuleXsys, readStdSyscall, type SyscallPackage } from "./packages.ts";
import { renderAdvice } from "./render.ts";
import { goScanQuery, scanC, scanGo, type Api, type MemberUse, type SymbolUse } from "./scan.ts";

/** What the target lacks: the first kernel that has the syscall and its number there (reference). */
export interface Lack {
  readonly since?: string;
  readonly number?: number;
}

/** Options of {@link checkModule}: the module, the arches, and what the target lacks. */
export interface CheckOptions {
  readonly moduleDir: string;
  readonly includeDeps?: boolean;
  /**
   * Arches to check (default: every arch with a Go port); each finding names the arches that lack
   * the syscall. Arches without a Go port (x32) build nothing of a Go module and are skipped.
   */
  readonly arches?: readonly TargetName[];
  /** The target's answer for one syscall and arch: undefined when it has it (or the name is not a syscall). */
  readonly lacks: (syscall: string, arch: TargetName) => Lack | undefined;
  /**
   * The environment the go commands check runs (`go list`, `go env`) see: the caller's, passed down
   * (the writer reads no environment itself; the CLI passes its own).
   */
  readonly env: GoEnv;
}

/**
 * What to do about a finding. compile: `apply` patches golang.org/x/sys; the standard library's
 * syscall package is frozen (its package doc: "this package is locked down … use the corresponding
 * package in the golang.org/x/sys repository"), so Go code needs x/sys or a local constant; C
 * needs the fallback header (`apply`'s include/, or `gen`'s). runtime: a code path for ENOSYS.
 */
export type Fix = "apply" | "x/sys-or-constant" | "fallback-header" | "enosys-fallback";

/** When the finding fails: the build (a name it lacks) or the call on the target kernel (ENOSYS). */
export type FailsAt = "compile" | "runtime";

/** One use of a syscall the target lacks: where, which symbol, when it fails and how to fix it. */
export interface Finding {
  /** Module-relative, '/'-separated; a dependency from the module cache is `<module>@<version>/<path>`. */
  readonly file: string;
  /** 1-based line and byte column, as go and gcc report them. */
  readonly line: number;
  readonly column: number;
  /** `SYS_OPENAT2`, `__NR_preadv2`, or the wrapper called (`Openat2`). */
  readonly symbol: string;
  readonly syscall: string;
  /** The language of the use. */
  readonly kind: "go" | "c";
  readonly api: Api;
  readonly failsAt: FailsAt;
  /** For a wrapper: the functions from it to the one making the syscall (["Renameat", "Renameat2"]); else []. */
  readonly via: readonly string[];
  /**
   * A runtime finding whose ENOSYS is handled: by the calling function ("caller") or inside the
   * wrapper ("wrapper", on every arch listed). Undefined: not handled (compile findings never are).
   */
  readonly handledBy: "caller" | "wrapper" | undefined;
  /** The arches checked that lack it, in the order asked, each with its first kernel and number. */
  readonly missing: readonly {
    readonly arch: TargetName;
    readonly since: string | undefined;
    readonly number: number | undefined;
  }[];
  readonly fix: Fix;
  /** One sentence, true for this module: what fixes it (or why it is handled). */
  readonly advice: string;
}

/** What {@link checkModule} found, and what it read. */
export interface CheckResult {
  readonly findings: readonly Finding[];
  /** The arches checked: those asked for that have a Go port. */
  readonly arches: readonly TargetName[];
  /** Files scanned: module-relative, then dependencies from the module cache (`<module>@<version>/<path>`). */
  readonly files: readonly string[];
  /** The module's golang.org/x/sys as its build sees it ("golang.org/x/sys v0.3.0"), when go.mod requires it. */
  readonly xsys: string | undefined;
  /** The toolchain's syscall package ("Go go1.26.8's syscall"), when Go code was checked. */
  readonly std: string | undefined;
}

/**
 * Go files, and those cgo hands to the C or C++ compiler with the preprocessor (`go doc cmd/cgo`:
 * .c, .S and .sx with the C compiler, .cc/.cpp/.cxx with the C++ one, and their headers .h,
 * .hh/.hpp/.hxx). Plain .s files are assembled without the preprocessor: no `__NR_` there.
 */
const SOURCE = /\.(go|c|cc|cpp|cxx|h|hh|hpp|hxx|S|sx)$/;

/** A Go file worth parsing: it imports unix, syscall or C, or names a syscall number. */
const GO_RELEVANT = /"golang\.org\/x\/sys\/unix"|"syscall"|"C"|SYS_|__NR_/;

type Missing = Finding["missing"][number];

/** Draft findings of one use, keyed by what makes them differ (kind, syscall), with arches accumulated. */
interface Draft {
  readonly base: Omit<Finding, "missing" | "handledBy" | "advice">;
  readonly missing: Missing[];
  readonly callerHandles: boolean;
  wrapperHandles: boolean;
  /** The wrapper function that compares the error with ENOSYS, for the advice. */
  handledIn?: string;
}

/** A file check read and what it uses. */
interface Scanned {
  readonly file: string;
  /** The arches checked that its name and build lines let it build for. */
  readonly builds: readonly TargetName[];
  readonly uses: readonly SymbolUse[];
  readonly members: readonly MemberUse[];
}

/** The findings of every use on every arch its file builds for, before advice. */
function draftsOf(
  scanned: readonly Scanned[],
  lacks: CheckOptions["lacks"],
  xsys: SyscallPackage | undefined,
  std: SyscallPackage | undefined,
): Draft[] {
  const pkg = (api: Api): SyscallPackage | undefined => (api === "x/sys" ? xsys : api === "syscall" ? std : undefined);
  const drafts: Draft[] = [];
  for (const s of scanned) {
    const byKey = new Map<string, Draft>();
    const note = (key: string, make: () => Omit<Draft, "missing">, missing: Missing) => {
      let d = byKey.get(key);
      if (d === undefined) byKey.set(key, (d = { ...make(), missing: [] }));
      d.missing.push(missing);
      return d;
    };
    for (const u of s.uses) {
      for (const arch of s.builds) {
        const lack = lacks(u.syscall, arch);
        if (lack === undefined) continue;
        const p = pkg(u.api);
        const failsAt: FailsAt = p?.constants(findTarget(arch)!.goarch!).has(u.symbol) === true ? "runtime" : "compile";
        const fix: Fix =
          failsAt === "runtime"
            ? "enosys-fallback"
            : u.api === "c"
              ? "fallback-header"
              : u.api === "x/sys" && xsys !== undefined
                ? "apply"
                : "x/sys-or-constant";
        note(
          `${u.line}:${u.column}:${failsAt}`,
          () => ({
            base: {
              file: s.file,
              line: u.line,
              column: u.column,
              symbol: u.symbol,
              syscall: u.syscall,
              kind: u.kind,
              api: u.api,
              failsAt,
              via: [],
              fix,
            },
            callerHandles: failsAt === "runtime" && u.handled,
            wrapperHandles: false,
          }),
          { arch, since: lack.since, number: lack.number },
        );
      }
    }
    for (const m of s.members) {
      for (const arch of s.builds) {
        for (const call of pkg(m.api)?.wrappers(findTarget(arch)!.goarch!).get(m.name) ?? []) {
          const lack = lacks(call.syscall, arch);
          if (lack === undefined) continue;
          const d = note(
            `${m.line}:${m.column}:${call.syscall}`,
            () => ({
              base: {
                file: s.file,
                line: m.line,
                column: m.column,
                symbol: m.name,
                syscall: call.syscall,
                kind: "go",
                api: m.api,
                failsAt: "runtime",
                via: call.via,
                fix: "enosys-fallback",
              },
              callerHandles: m.handled,
              wrapperHandles: true,
            }),
            { arch, since: lack.since, number: lack.number },
          );
          d.wrapperHandles &&= call.handled;
          d.handledIn ??= call.handledIn;
        }
      }
    }
    drafts.push(...byKey.values());
  }

  return drafts;
}

/**
 * Lists what in a Go module (Go, cgo and C files) fails on the target kernel: names the build
 * lacks (compile) and calls whose syscall the kernel lacks (runtime), with file, line, column, the
 * arches and first kernels, and advice true for the module. Reads files and runs `go` (to find the
 * module's golang.org/x/sys and the toolchain's syscall package, and with includeDeps to list
 * dependencies).
 */
export async function checkModule(options: CheckOptions): Promise<CheckResult> {
  const root = resolve(options.moduleDir);
  if (!(await exists(join(root, "go.mod"))))
    throw new ModuleError(`${root}: no go.mod (expected the root of a Go module)`);
  const env = options.env;
  const arches = (options.arches ?? goTargets.map((t) => t.name)).filter((a) => findTarget(a)?.goarch !== undefined);
  const skip = (rel: string) => {
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    if (base.startsWith(".") || base.startsWith("_") || base === "testdata") return true;
    return rel === "vendor" || (options.includeDeps !== true && rel === "third_party");
  };
  const files = (await listFiles(root, skip))
    .filter((f) => SOURCE.test(f))
    .map((name) => ({ name, path: join(root, name) }));
  if (options.includeDeps === true) {
    const goarches = [...new Set(arches.map((a) => findTarget(a)!.goarch!))];
    files.push(...(await dependencyFiles(root, goarches, SOURCE, env)));
  }

  const [go, query] = await Promise.all([treeSitterParser("go"), goScanQuery()]);
  const scanned: Scanned[] = [];
  for (const { name, path } of files) {
    const text = await fs.readFile(path, "utf8");
    const isGo = name.endsWith(".go");
    if (isGo ? !GO_RELEVANT.test(text) : !text.includes("SYS_") && !text.includes("__NR_")) continue;
    const { uses, members } = isGo ? scanGo(text, go, query) : { uses: scanC(text), members: [] };
    if (uses.length === 0 && members.length === 0) continue;
    // The go command applies the _GOOS/_GOARCH file-name rule and //go:build lines to every file it
    // hands the compilers, C and assembly included (go/build's shouldBuild), not only to .go files.
    const base = name.slice(name.lastIndexOf("/") + 1);
    const goName = isGo ? base : base.replace(/\.[^.]+$/, ".go");
    const builds = arches.filter((arch) => goFileAllows(goName, text, findTarget(arch)?.goarch));
    scanned.push({ file: name, builds, uses, members });
  }

  const needStd = scanned.some((s) => [...s.uses, ...s.members].some((u) => u.api === "syscall"));
  const needXsys = scanned.some((s) => s.members.length > 0 || s.uses.some((u) => u.api !== "c"));
  let std = needStd ? await readStdSyscall(root, env) : undefined;
  let stdAsked = false;
  const stdIfRead = () => {
    stdAsked ||= std === undefined;
    return std;
  };
  let xsys = scanned.length > 0 ? await readModuleXsys(root, env, stdIfRead, !needXsys) : undefined;
  let drafts = draftsOf(scanned, options.lacks, xsys, std);
  if (stdAsked) {
    // A wrapper the module calls forwards to the standard library (x/sys `Setuid` → `syscall.Setuid`).
    std = await readStdSyscall(root, env);
    xsys = await readModuleXsys(root, env, () => std);
    drafts = draftsOf(scanned, options.lacks, xsys, std);
  }

  const findings = drafts.map((d): Finding => {
    const handledBy: Finding["handledBy"] = d.callerHandles
      ? "caller"
      : d.base.failsAt === "runtime" && d.wrapperHandles
        ? "wrapper"
        : undefined;
    const finding = { ...d.base, handledBy, missing: d.missing };
    return { ...finding, advice: renderAdvice({ ...finding, handledIn: d.handledIn }, { xsys, std }) };
  });
  findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.failsAt < b.failsAt ? -1 : a.failsAt > b.failsAt ? 1 : 0) ||
      (a.syscall < b.syscall ? -1 : a.syscall > b.syscall ? 1 : 0),
  );
  return { findings, arches, files: files.map((f) => f.name), xsys: xsys?.label, std: std?.label };
}
