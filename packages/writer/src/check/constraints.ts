/**
 * Whether the go command could compile a file for linux/<goarch>: its file-name suffix (`_darwin`,
 * `_linux_arm64`, `_test` aside) and its build expression. Tags true on Linux: linux, unix, the
 * GOARCH, cgo, gc and every go1.N; other GOOS and GOARCH names, gccgo and `ignore` are false. Any
 * other tag is the build's choice (`-tags`: runc v1.0.0 builds with `seccomp`, and its
 * libcontainer/seccomp/patchbpf/enosys_linux.go says `// +build linux,cgo,seccomp`), so a file
 * counts when some choice of those tags builds it.
 */

const GOOS = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "js",
  "linux",
  "nacl",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1",
  "windows",
  "zos",
]);
const GOARCH = new Set([
  "386",
  "amd64",
  "amd64p32",
  "arm",
  "armbe",
  "arm64",
  "arm64be",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "mips64p32",
  "mips64p32le",
  "ppc",
  "ppc64",
  "ppc64le",
  "riscv",
  "riscv64",
  "s390",
  "s390x",
  "sparc",
  "sparc64",
  "wasm",
]);

/**
 * Whether a Go file name's `_<goos>`/`_<goarch>` suffixes let it build for linux/`goarch` (any arch
 * when undefined).
 */
export function fileNameAllows(name: string, goarch: string | undefined): boolean {
  const parts = name.replace(/(_test)?\.go$/, "").split("_");
  if (parts.length < 2) return true;
  const last = parts[parts.length - 1]!;
  const prev = parts.length >= 3 ? parts[parts.length - 2] : undefined;
  if (GOARCH.has(last)) {
    if (last !== goarch) return false;
    return prev === undefined || !GOOS.has(prev) || prev === "linux";
  }
  return !GOOS.has(last) || last === "linux";
}

/**
 * Whether some choice of custom tags satisfies a `//go:build` expression; a malformed one counts as
 * satisfied (go would reject the file anyway).
 */
export function buildExprAllows(expr: string, goarch: string | undefined): boolean {
  const tokens = expr.match(/\(|\)|!|&&|\|\||[A-Za-z0-9_.]+/g) ?? [];
  const fixed = (t: string): boolean | undefined => {
    if (t === "linux" || t === "unix" || t === goarch || t === "cgo" || t === "gc" || /^go1\.\d+$/.test(t)) return true;
    if (GOOS.has(t) || GOARCH.has(t) || t === "gccgo" || t === "ignore") return false;
    return undefined;
  };
  const custom = [...new Set(tokens.filter((t) => /^[A-Za-z0-9_.]+$/.test(t) && fixed(t) === undefined))].slice(0, 12);
  const evaluate = (chosen: ReadonlySet<string>): boolean => {
    let i = 0;
    const tag = (t: string) => fixed(t) ?? chosen.has(t);
    const or = (): boolean => {
      let v = and();
      while (tokens[i] === "||") {
        i++;
        v = and() || v;
      }
      return v;
    };
    const and = (): boolean => {
      let v = not();
      while (tokens[i] === "&&") {
        i++;
        v = not() && v;
      }
      return v;
    };
    const not = (): boolean => {
      const t = tokens[i++];
      if (t === "!") return !not();
      if (t === "(") {
        const v = or();
        i++;
        return v;
      }
      return t !== undefined && tag(t);
    };
    return or();
  };
  try {
    for (let mask = 0; mask < 1 << custom.length; mask++) {
      if (evaluate(new Set(custom.filter((_, k) => (mask & (1 << k)) !== 0)))) return true;
    }
    return false;
  } catch {
    return true;
  }
}

/** The `//go:build` line of a Go file's header (before the package clause), if any. */
function goBuildLine(text: string): string | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("package ")) return undefined;
    if (line.startsWith("//go:build ")) return line.slice("//go:build ".length);
  }
  return undefined;
}

/**
 * The `// +build` lines of a file's leading comments (what modules before Go 1.17 wrote, runc
 * v1.0.0's `// +build linux,386 linux,arm` among them) as one `//go:build` expression: spaces OR,
 * commas AND, lines AND (go/build's rule). Undefined when there are none.
 */
function plusBuildExpr(text: string): string | undefined {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t !== "" && !t.startsWith("//")) break;
    const m = /^\/\/\s*\+build\s+(.*)$/.exec(t);
    if (m === null) continue;
    const options = m[1]!
      .trim()
      .split(/\s+/)
      .map((o) => `(${o.split(",").join(" && ")})`);
    lines.push(`(${options.join(" || ")})`);
  }
  return lines.length === 0 ? undefined : lines.join(" && ");
}

/**
 * Whether a file builds for linux/`goarch`: its name suffixes and its `//go:build` line (or, without
 * one, its `// +build` lines) allow it.
 */
export function goFileAllows(name: string, text: string, goarch: string | undefined): boolean {
  const expr = goBuildLine(text) ?? plusBuildExpr(text);
  return fileNameAllows(name, goarch) && (expr === undefined || buildExprAllows(expr, goarch));
}
