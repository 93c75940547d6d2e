/**
 * Test helpers: HeaderBundles from directories, real header sets from Debian packages, and an
 * independent oracle that asks the host gcc what every `__NR_` macro of a header evaluates to.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { suiteDebs } from "../../../scripts/lib/debian.ts";
import { unpackedDeb } from "../../../scripts/lib/debian-unpacked.ts";
import { linuxSource61 } from "../../../scripts/lib/linux-source.ts";
import type { HeaderBundle } from "../src/bundle.ts";
import { isRelevantPath } from "../src/bundle.ts";
import type { Target } from "@xsysgen/core";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

/** Fixtures written for the parser's tests: minimal kernel Makefiles. */
export const testdata = fileURLToPath(new URL("../../../testdata/kernel/", import.meta.url));

/**
 * Real header sets from registries, for corpus-style tests: every Debian bullseye (5.10), bookworm
 * (6.1) and trixie (6.12) header package, its asm/, asm-generic/ and linux/version.h unpacked once
 * into .cache/debian-unpacked (one root each), and the syscall files of Debian's linux-source-6.1 (a
 * kernel source tree root, in .cache). All are shared caches: read them, never modify or remove them.
 */
export function realHeaderRoots(): { debs: string[]; sourceTree: string } {
  const debs = (["bullseye", "bookworm", "trixie"] as const).flatMap((s) =>
    suiteDebs(s).map((d) => unpackedDeb(d.deb, "headers")),
  );
  return { debs, sourceTree: linuxSource61() };
}

export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** A bundle of the files under `dir` that a reader would keep, keyed `prefix + relative path`. */
export function bundleFromDir(dir: string, origin: string, prefix = "", relevantOnly = true): HeaderBundle {
  const files = new Map<string, string>();
  for (const path of walk(dir)) {
    const key = prefix + relative(dir, path).split("\\").join("/");
    if (!relevantOnly || isRelevantPath(key)) files.set(key, readFileSync(path, "utf8"));
  }
  return { origin, files };
}

export interface OracleCase {
  readonly id: string;
  readonly file: string;
  readonly includeDirs: readonly string[];
  readonly target: Target;
  readonly extraDefines?: Readonly<Record<string, string>>;
}

function defineFlags(c: OracleCase): string[] {
  const defs = { ...c.extraDefines, ...c.target.macros };
  return [
    "-undef",
    "-nostdinc",
    ...Object.entries(defs).map(([k, v]) => `-D${k}=${v}`),
    ...c.includeDirs.map((d) => `-I${d}`),
  ];
}

/**
 * `name without __NR_/__NR3264_ prefix -> number` per case, computed by gcc: `gcc -E -dM` lists
 * the macros, a second `gcc -E` expands each one after including the header, and one native
 * program prints the values of every case.
 */
export function gccSyscallNumbers(cases: readonly OracleCase[]): Map<string, Map<string, number>> {
  const dir = scratchDir("gcc");
  const lines: string[] = [];
  cases.forEach((c, i) => {
    const dm = execFileSync("gcc", ["-E", "-dM", ...defineFlags(c), c.file], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const names = dm.split("\n").flatMap((l) => {
      const m = /^#define (__NR(?:3264)?_\w+) (.+)$/.exec(l);
      return m ? [m[1] as string] : [];
    });
    const marks = join(dir, `marks${i}.c`);
    writeFileSync(marks, names.map((n) => `XSYS_MARK ${i} "${n}" (${n})\n`).join(""));
    const expanded = execFileSync("gcc", ["-E", "-P", ...defineFlags(c), "-include", c.file, marks], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const l of expanded.split("\n")) {
      const m = /^XSYS_MARK (\d+) "(\w+)" (.*)$/.exec(l);
      if (m) lines.push(`  XSYS(${m[1]}, "${m[2]}", ${m[3]});`);
    }
  });
  const program = join(dir, "oracle.c");
  writeFileSync(
    program,
    [
      "#include <stdio.h>",
      '#define XSYS(i, n, v) printf("%d %s %lld\\n", i, n, (long long)(v))',
      "int main(void) {",
      ...lines,
      "  return 0;",
      "}",
      "",
    ].join("\n"),
  );
  execFileSync("gcc", ["-w", "-o", join(dir, "oracle"), program]);
  const out = execFileSync(join(dir, "oracle"), { encoding: "utf8", maxBuffer: 64 << 20 });
  const result = new Map(cases.map((c) => [c.id, new Map<string, number>()]));
  for (const l of out.trim().split("\n")) {
    const [i, macro, value] = l.split(" ");
    const name = (macro as string).replace(/^__NR(3264)?_/, "");
    const map = result.get((cases[Number(i)] as OracleCase).id) as Map<string, number>;
    const prior = map.get(name);
    if (prior !== undefined && prior !== Number(value)) throw new Error(`oracle: ${name} is ${prior} and ${value}`);
    map.set(name, Number(value));
  }
  return result;
}
