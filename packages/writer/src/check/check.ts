/**
 * `check`: every use in a module's own Go, cgo and C sources of a syscall number the target
 * kernel lacks, one finding per use with the arches that lack it. vendor/ and third_party/ are
 * dependencies (skipped unless includeDeps); like the go command, directories starting with "."
 * or "_" and testdata/ are never scanned. A file is checked only for the arches its file name and
 * `//go:build` line let it build for on Linux.
 */
import { promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import { findTarget, ModuleError, type TargetName } from "@xsysgen/core";
import { treeSitterParser } from "@xsysgen/parser/tree-sitter";
import { exists, listFiles } from "../io.ts";
import { goFileAllows } from "./constraints.ts";
import { scanC, scanGo, type SymbolUse } from "./scan.ts";

/** What the target lacks: the first kernel that has the syscall and its number there (reference). */
export interface Lack {
  readonly since?: string;
  readonly number?: number;
}

/** Options of {@link checkModule}: the module, the arches, and what the target lacks. */
export interface CheckOptions {
  readonly moduleDir: string;
  readonly includeDeps?: boolean;
  /** Arches to check (default ["amd64"]); each finding names the arches that lack the syscall. */
  readonly arches?: readonly TargetName[];
  /** The target's answer for one syscall and arch: undefined when it has it (or the name is not a syscall). */
  readonly lacks: (syscall: string, arch: TargetName) => Lack | undefined;
}

/**
 * What makes the use build: `apply` patches golang.org/x/sys; the standard library's syscall
 * package is frozen (its package doc: "this package is locked down … use the corresponding
 * package in the golang.org/x/sys repository"), so Go code needs x/sys or a local constant;
 * C needs the fallback header (`apply`'s include/, or `gen`'s).
 */
export type Fix = "apply" | "x/sys-or-constant" | "fallback-header";

/** One use of a syscall the target lacks: where, which symbol, and how to fix it. */
export interface Finding {
  /** Module-relative, '/'-separated. */
  readonly file: string;
  /** 1-based line and byte column, as go and gcc report them. */
  readonly line: number;
  readonly column: number;
  readonly symbol: string;
  readonly syscall: string;
  readonly kind: "go" | "c";
  readonly api: SymbolUse["api"];
  /** The arches checked that lack it, in the order asked, each with its first kernel and number. */
  readonly missing: readonly {
    readonly arch: TargetName;
    readonly since: string | undefined;
    readonly number: number | undefined;
  }[];
  readonly fix: Fix;
}

/** What {@link checkModule} found, and the files it scanned. */
export interface CheckResult {
  readonly findings: readonly Finding[];
  /** Files scanned, module-relative. */
  readonly files: readonly string[];
}

/**
 * Go files, and those cgo hands to the C or C++ compiler with the preprocessor (`go doc cmd/cgo`:
 * .c, .S and .sx with the C compiler, .cc/.cpp/.cxx with the C++ one, and their headers .h,
 * .hh/.hpp/.hxx). Plain .s files are assembled without the preprocessor: no `__NR_` there.
 */
const SOURCE = /\.(go|c|cc|cpp|cxx|h|hh|hpp|hxx|S|sx)$/;

const FIX: Record<SymbolUse["api"], Fix> = { "x/sys": "apply", syscall: "x/sys-or-constant", c: "fallback-header" };

/**
 * Lists every use in a Go module (Go, cgo and C files) of a syscall the target kernel lacks, with
 * file, line, column and the first kernel that has it. Reads files; runs `go` only with `includeDeps`.
 */
export async function checkModule(options: CheckOptions): Promise<CheckResult> {
  const root = resolve(options.moduleDir);
  if (!(await exists(join(root, "go.mod"))))
    throw new ModuleError(`${root}: no go.mod (expected the root of a Go module)`);
  const arches = options.arches ?? ["amd64"];
  const skip = (rel: string) => {
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    if (base.startsWith(".") || base.startsWith("_") || base === "testdata") return true;
    return options.includeDeps !== true && (rel === "vendor" || rel === "third_party");
  };
  const files = (await listFiles(root, skip)).filter((f) => SOURCE.test(f));
  const go = await treeSitterParser("go");
  const findings: Finding[] = [];
  for (const file of files) {
    const text = await fs.readFile(join(root, file), "utf8");
    const isGo = file.endsWith(".go");
    if (!text.includes("SYS_") && !text.includes("__NR_")) continue;
    const uses: SymbolUse[] = isGo ? scanGo(text, go) : scanC(text);
    // The go command applies the _GOOS/_GOARCH file-name rule and //go:build lines to every file it
    // hands the compilers, C and assembly included (go/build's shouldBuild), not only to .go files.
    const base = file.slice(file.lastIndexOf("/") + 1);
    const asGo = isGo ? base : base.replace(/\.[^.]+$/, ".go");
    const builds = arches.filter((arch) => goFileAllows(asGo, text, findTarget(arch)?.goarch));
    for (const u of uses) {
      const missing = builds.flatMap((arch) => {
        const lack = options.lacks(u.syscall, arch);
        return lack === undefined ? [] : [{ arch, since: lack.since, number: lack.number }];
      });
      if (missing.length > 0)
        findings.push({
          file,
          line: u.line,
          column: u.column,
          symbol: u.symbol,
          syscall: u.syscall,
          kind: u.kind,
          api: u.api,
          missing,
          fix: FIX[u.api],
        });
    }
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return { findings, files };
}
