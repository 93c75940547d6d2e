/**
 * An independent reading of a Go syscall package, for the tests to compare check's tree-sitter
 * reading with: the real `go list` chooses the files for linux/<goarch> (GOPATH mode, so any
 * directory lists), and plain text rules find the rest — a top-level `func Name(` runs to the
 * next line that is `}`; a syscall is `<…Syscall…>(SYS_X` or `(uintptr(SYS_X)`, or a constant
 * defined as a SYS_ name; a bare `name(` is a call; `syscall.Name(` a call into the standard
 * library; ENOSYS is handled where `== ENOSYS`, `!= ENOSYS`, `case … ENOSYS` or `Is(…ENOSYS…)`
 * appears in the body.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { goEnv } from "./helpers.ts";

/** Exported name → syscall → handled, for one GOARCH. */
export type OracleMap = Map<string, Map<string, boolean>>;

/** The files `go list` builds for linux/`goarch` in `dir` (GOPATH mode; `pkg` for the standard library). */
export function goListPackageFiles(dir: string, goarch: string, pkg = "."): { dir: string; files: string[] } {
  const r = spawnSync("go", ["list", "-e", "-f", '{{.Dir}}{{"\\n"}}{{join .GoFiles "\\n"}}', pkg], {
    cwd: dir,
    env: { ...goEnv, GO111MODULE: "off", GOOS: "linux", GOARCH: goarch, CGO_ENABLED: "1", GOFLAGS: "" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`go list in ${dir}: ${r.stderr}`);
  const [listed, ...files] = r.stdout.trim().split("\n");
  return { dir: listed!, files: files.filter((f) => f !== "") };
}

interface Fn {
  traps: string[];
  calls: string[];
  enosys: boolean;
}

/** Comments out: `// …` to the line's end (enough for syscall packages, whose strings hold no `//`). */
const code = (line: string) => line.replace(/\/\/.*$/, "");

/** Whether a function's text compares an error with ENOSYS (the rule check documents). */
function textComparesEnosys(body: string, enosys = "ENOSYS"): boolean {
  const e = enosys.replace(".", "\\.");
  const name = `(?<![\\w.])${e}\\b`;
  return new RegExp(`(==|!=)\\s*${e}\\b|${name}\\s*(==|!=)|\\bcase\\s[^:\\n]*${name}|\\bIs\\([^)\\n]*${name}`).test(
    body,
  );
}

/** Top-level functions of a Go file: name, body text, first and last line (1-based). */
function topLevelFunctions(text: string): { name: string; body: string; first: number; last: number }[] {
  const lines = text.split("\n");
  const out: { name: string; body: string; first: number; last: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^func (?:\([^)]*\)\s*)?(\w+)\s*[[(]/.exec(lines[i]!);
    if (m === null) continue;
    if (!lines[i]!.trimEnd().endsWith("{") && !/\{.*\}\s*$/.test(lines[i]!)) continue;
    let end = i;
    if (lines[i]!.trimEnd().endsWith("{")) while (end < lines.length && lines[end] !== "}") end++;
    out.push({
      name: m[1]!,
      body: lines
        .slice(i, end + 1)
        .map(code)
        .join("\n"),
      first: i + 1,
      last: end + 1,
    });
  }
  return out;
}

const KEYWORDS = new Set(["if", "for", "switch", "func", "return", "go", "defer", "select", "case", "range"]);

/** The oracle's wrapper map of a syscall package's files for `goarch` (std answers `syscall.X` calls). */
function wrapperOracle(dir: string, files: readonly string[], std?: OracleMap): OracleMap {
  const fns = new Map<string, Fn>();
  const aliases = new Map<string, string>();
  const assignments = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    // Declarations (`const x = SYS_Y`, `var x uintptr = SYS_Y`, alone or in a group) and assignments
    // inside function bodies (an init's `x = SYS_Y`), which win.
    let block: "group" | "func" | undefined;
    for (const line of text.split("\n")) {
      if (/^(const|var) \($/.test(line)) block = "group";
      else if (/^func /.test(line) && line.trimEnd().endsWith("{")) block = "func";
      else if (line === ")" || line === "}") block = undefined;
      const one = /^(?:const|var)\s+(\w+)(?:\s+\w+)?\s*=\s*(SYS_[A-Z0-9_]+)\s*$/.exec(line);
      const inner = /^\s+(\w+)(?:\s+\w+)?\s*=\s*(SYS_[A-Z0-9_]+)\s*$/.exec(line);
      if (one !== null) aliases.set(one[1]!, one[2]!);
      else if (inner !== null && block === "group") aliases.set(inner[1]!, inner[2]!);
      else if (inner !== null && block === "func") assignments.set(inner[1]!, inner[2]!);
    }
    // Top-level declarations only: methods are not package functions.
    for (const f of topLevelFunctions(text)) {
      if (/^func \(/.test(f.body)) continue;
      const body = f.body.slice(f.body.indexOf("{") + 1);
      const fn = fns.get(f.name) ?? { traps: [], calls: [], enosys: false };
      for (const m of body.matchAll(/\b\w*[Ss]yscall\w*\(\s*(?:uintptr\(\s*)?(\w+)/g)) fn.traps.push(m[1]!);
      for (const m of body.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*\(/g))
        if (!KEYWORDS.has(m[1]!) && m[1] !== f.name) fn.calls.push(m[1]!);
      for (const m of body.matchAll(/\bsyscall\.([A-Z]\w*)\s*\(/g)) fn.calls.push(`syscall.${m[1]!}`);
      fn.enosys ||= textComparesEnosys(body);
      fns.set(f.name, fn);
    }
  }
  for (const [k, v] of assignments) aliases.set(k, v);
  const memo = new Map<string, Map<string, boolean>>();
  const visiting = new Set<string>();
  const visit = (name: string): Map<string, boolean> => {
    const done = memo.get(name);
    if (done !== undefined) return done;
    const out = new Map<string, boolean>();
    const fn = fns.get(name);
    if (fn === undefined || visiting.has(name)) return out;
    visiting.add(name);
    const add = (syscall: string, handled: boolean) => out.set(syscall, (out.get(syscall) ?? true) && handled);
    for (const t of fn.traps) {
      const c = /^SYS_/.test(t) ? t : aliases.get(t);
      if (c !== undefined) add(c.slice(4).toLowerCase(), fn.enosys);
    }
    for (const callee of new Set(fn.calls)) {
      const sub = callee.startsWith("syscall.") ? std?.get(callee.slice(8)) : visit(callee);
      for (const [s, h] of sub ?? []) add(s, fn.enosys || h);
    }
    visiting.delete(name);
    memo.set(name, out);
    return out;
  };
  const result: OracleMap = new Map();
  for (const name of [...fns.keys()].sort()) {
    if (!/^[A-Z]/.test(name)) continue;
    const calls = visit(name);
    if (calls.size > 0) result.set(name, calls);
  }
  return result;
}

/** The SYS_ names a package's zsysnum file for `goarch` defines (none without one). */
export function oracleConstants(dir: string, goarch: string): Set<string> {
  try {
    const text = readFileSync(join(dir, `zsysnum_linux_${goarch}.go`), "utf8");
    return new Set([...text.matchAll(/^\s*(SYS_[A-Z0-9_]+)\s*=/gm)].map((m) => m[1]!));
  } catch {
    return new Set();
  }
}

/** The oracle maps of the toolchain's syscall and of an x/sys unix directory, for `goarch`. */
export function oracleMaps(xsysUnix: string | undefined, goarch: string): { std: OracleMap; xsys: OracleMap } {
  const std = goListPackageFiles(".", goarch, "syscall");
  const stdMap = wrapperOracle(std.dir, std.files);
  if (xsysUnix === undefined) return { std: stdMap, xsys: new Map() };
  return { std: stdMap, xsys: wrapperOracle(xsysUnix, goListPackageFiles(xsysUnix, goarch).files, stdMap) };
}

/**
 * Go text with comments, string, raw-string and rune literals blanked (newlines kept), so that
 * positions stay and only code is searched.
 */
function blankGo(text: string): string {
  const out = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "`") {
      const end = text.indexOf("`", i + 1);
      i = end < 0 ? text.length : end + 1;
    } else {
      i++;
      continue;
    }
    blank(start, i);
  }
  return out.join("");
}

/** The GOOS and GOARCH names this toolchain knows (`go tool dist list`). */
function knownPlatformNames(): Set<string> {
  const r = spawnSync("go", ["tool", "dist", "list"], { env: goEnv, encoding: "utf8" });
  return new Set(r.stdout.split(/[\n/]/).filter((x) => x !== ""));
}

/** Build tags a module's files test that are no GOOS, GOARCH or toolchain tag: the build may set them. */
function customTags(dir: string, files: readonly string[]): string[] {
  const known = knownPlatformNames();
  const tags = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(join(dir, file), "utf8").matchAll(/^\/\/(?:go:build| \+build) (.*)$/gm))
      for (const t of m[1]!.match(/[A-Za-z0-9_.]+/g) ?? [])
        if (!known.has(t) && !/^(cgo|gc|gccgo|ignore|unix|go1\.\d+|ppc)$/.test(t)) tags.add(t);
  }
  return [...tags].sort();
}

/**
 * The Go and C files of `./...` the go command builds for linux/`goarch` (module-relative), with
 * no tags and with every custom tag set — a file counts when some choice of tags builds it.
 */
export function moduleFiles(dir: string, goarch: string, tags: readonly string[]): { go: Set<string>; c: Set<string> } {
  const go = new Set<string>();
  const c = new Set<string>();
  const format =
    '{{.Dir}}|{{join .GoFiles " "}} {{join .CgoFiles " "}} {{join .TestGoFiles " "}} {{join .XTestGoFiles " "}}' +
    '|{{join .CFiles " "}} {{join .CXXFiles " "}} {{join .HFiles " "}} {{join .SFiles " "}}';
  for (const t of tags.length === 0 ? [[]] : [[], ["-tags", tags.join(",")]]) {
    const r = spawnSync("go", ["list", "-e", ...t, "-f", format, "./..."], {
      cwd: dir,
      env: { ...goEnv, GOOS: "linux", GOARCH: goarch, CGO_ENABLED: "1", GOFLAGS: "-mod=mod" },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`go list in ${dir}: ${r.stderr}`);
    for (const line of r.stdout.trim().split("\n")) {
      const [pkgDir, goFiles, cFiles] = line.split("|");
      const rel = pkgDir === dir ? "" : `${pkgDir!.slice(dir.length + 1)}/`;
      for (const f of goFiles!.split(" ").filter((x) => x !== "")) go.add(`${rel}${f}`);
      for (const f of cFiles!.split(" ").filter((x) => x !== "")) c.add(`${rel}${f}`);
    }
  }
  return { go, c };
}

/** What the oracle expects check to find in a module's Go code, one key per finding. */
export interface OracleTarget {
  /** Target name (what check reports) and GOARCH of every arch checked. */
  readonly arches: readonly { readonly name: string; readonly goarch: string }[];
  /** Whether the target kernel lacks a syscall on an arch that the reference has. */
  readonly lacks: (syscall: string, arch: string) => boolean;
  /** The module's golang.org/x/sys unix directory, if it has one. */
  readonly xsysUnix: string | undefined;
}

/**
 * Every Go finding the oracle expects, as `file:line:column:symbol:syscall:failsAt:handled:arches`
 * keys, sorted as check sorts: module files by `go list` per arch, import names and uses by text
 * (comments and literals blanked), wrapper syscalls and SYS_ names by {@link oracleMaps} and the
 * zsysnum files, "handled" by the ENOSYS rule on the enclosing top-level function's text.
 */
export function expectedGoFindings(dir: string, target: OracleTarget): string[] {
  const goFilesEverywhere = (() => {
    const r = spawnSync("find", [".", "-name", "*.go", "-not", "-path", "./vendor/*"], { cwd: dir, encoding: "utf8" });
    return r.stdout
      .split("\n")
      .filter((f) => f !== "")
      .map((f) => f.slice(2));
  })();
  const tags = customTags(dir, goFilesEverywhere);
  const stdDir = goListPackageFiles(".", "amd64", "syscall").dir;
  const found = new Map<string, { arches: string[]; handled: boolean[] }>();
  for (const arch of target.arches) {
    const maps = oracleMaps(target.xsysUnix, arch.goarch);
    const constants = {
      "x/sys": target.xsysUnix === undefined ? new Set<string>() : oracleConstants(target.xsysUnix, arch.goarch),
      syscall: oracleConstants(stdDir, arch.goarch),
    };
    for (const file of moduleFiles(dir, arch.goarch, tags).go) {
      const text = readFileSync(join(dir, file), "utf8");
      const aliases = new Map<string, "x/sys" | "syscall">();
      for (const m of text.matchAll(/^\s*(?:import\s+)?(\w+\s+|\.\s+)?"(golang\.org\/x\/sys\/unix|syscall)"/gm)) {
        const name = m[1]?.trim() ?? (m[2] === "syscall" ? "syscall" : "unix");
        if (name === ".") throw new Error(`${file}: a dot import (the oracle does not read those)`);
        if (name !== "_") aliases.set(name, m[2] === "syscall" ? "syscall" : "x/sys");
      }
      if (aliases.size === 0) continue;
      const blanked = blankGo(text);
      const lines = blanked.split("\n");
      const fns = topLevelFunctions(text);
      const handledAt = (line: number) => {
        const fn = fns.find((f) => f.first <= line && line <= f.last);
        return fn !== undefined && [...aliases.keys()].some((a) => textComparesEnosys(fn.body, `${a}.ENOSYS`));
      };
      for (const [i, line] of lines.entries()) {
        for (const m of line.matchAll(/(?<![\w.])(\w+)\.([A-Z]\w*)\b/g)) {
          const api = aliases.get(m[1]!);
          if (api === undefined) continue;
          const symbol = m[2]!;
          const column = Buffer.byteLength(text.split("\n")[i]!.slice(0, m.index + m[1]!.length + 1)) + 1;
          const note = (syscall: string, failsAt: string, handled: boolean) => {
            if (!target.lacks(syscall, arch.name)) return;
            const key = `${file}:${i + 1}:${column}:${symbol}:${syscall}:${failsAt}`;
            const f = found.get(key) ?? { arches: [], handled: [] };
            f.arches.push(arch.name);
            f.handled.push(handled);
            found.set(key, f);
          };
          const caller = handledAt(i + 1);
          if (/^SYS_[A-Z0-9_]+$/.test(symbol)) {
            const failsAt = constants[api].has(symbol) ? "runtime" : "compile";
            note(symbol.slice(4).toLowerCase(), failsAt, failsAt === "runtime" && caller);
          } else {
            for (const [syscall, inWrapper] of (api === "x/sys" ? maps.xsys : maps.std).get(symbol) ?? [])
              note(syscall, "runtime", caller || inWrapper);
          }
        }
      }
    }
  }
  const order = (key: string) => {
    const [file, line, column, , syscall, failsAt] = key.split(":");
    return [file!, Number(line), Number(column), failsAt!, syscall!] as const;
  };
  return [...found]
    .map(([key, f]) => `${key}:${f.handled.every(Boolean)}:${f.arches.join(",")}`)
    .sort((a, b) => {
      const [fa, la, ca, ka, sa] = order(a);
      const [fb, lb, cb, kb, sb] = order(b);
      return (
        (fa < fb ? -1 : fa > fb ? 1 : 0) ||
        la - lb ||
        ca - cb ||
        (ka < kb ? -1 : ka > kb ? 1 : 0) ||
        (sa < sb ? -1 : sa > sb ? 1 : 0)
      );
    });
}
