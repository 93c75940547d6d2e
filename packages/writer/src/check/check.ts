/**
 * `check`: every use in a module's own Go, cgo and C sources of a syscall number the target
 * kernel lacks, per target arch. vendor/ and third_party/ are dependencies (skipped unless
 * includeDeps); like the go command, directories starting with "." or "_" and testdata/ are
 * never scanned. A Go file is checked only for the arches its file name and `//go:build` line let
 * it build for on Linux; C files for every arch.
 */
import { promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import { findTarget, ModuleError, type TargetName } from "@xsysgen/parser";
import { exists, listFiles } from "../io.ts";
import { goFileAllows } from "./constraints.ts";
import { parsers } from "./grammars.ts";
import { scanC, scanGo, type SymbolUse } from "./scan.ts";

export interface CheckOptions {
  readonly moduleDir: string;
  readonly includeDeps?: boolean;
  /** Arches to check (default ["amd64"]); each finding names its arch. */
  readonly arches?: readonly TargetName[];
  /** The target's answer for one syscall and arch: undefined when it has it (or the name is not a syscall). */
  readonly lacks: (syscall: string, arch: TargetName) => { readonly since?: string } | undefined;
}

export interface Finding {
  /** Module-relative, '/'-separated. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly symbol: string;
  readonly syscall: string;
  readonly arch: TargetName;
  readonly since: string | undefined;
  readonly kind: "go" | "c";
}

export interface CheckResult {
  readonly findings: readonly Finding[];
  /** Files scanned, module-relative. */
  readonly files: readonly string[];
}

export async function checkModule(options: CheckOptions): Promise<CheckResult> {
  const root = resolve(options.moduleDir);
  if (!(await exists(join(root, "go.mod")))) throw new ModuleError(`${root}: no go.mod (expected the root of a Go module)`);
  const arches = options.arches ?? ["amd64"];
  const skip = (rel: string) => {
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    if (base.startsWith(".") || base.startsWith("_") || base === "testdata") return true;
    return options.includeDeps !== true && (rel === "vendor" || rel === "third_party");
  };
  const files = (await listFiles(root, skip)).filter((f) => /\.(go|c|h)$/.test(f));
  const { go, c } = await parsers();
  const findings: Finding[] = [];
  for (const file of files) {
    const text = await fs.readFile(join(root, file), "utf8");
    const isGo = file.endsWith(".go");
    if (isGo && !text.includes("SYS_") && !text.includes("__NR_")) continue;
    const uses: SymbolUse[] = isGo ? scanGo(text, go, c) : scanC(text, c);
    for (const arch of arches) {
      if (isGo && !goFileAllows(file.slice(file.lastIndexOf("/") + 1), text, findTarget(arch)?.goarch)) continue;
      for (const u of uses) {
        const lack = options.lacks(u.syscall, arch);
        if (lack !== undefined) findings.push({ file, line: u.line, column: u.column, symbol: u.symbol, syscall: u.syscall, arch, since: lack.since, kind: u.kind });
      }
    }
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.arch < b.arch ? -1 : 1)));
  return { findings, files };
}
