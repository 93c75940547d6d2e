/**
 * check on the cgoapp module and a few variations: which uses of syscall numbers and wrappers a
 * target lacks, where (line and column found by plain text search in the sources), through which
 * import name, in which language, whether the build or only the call fails (from the sources of
 * golang.org/x/sys v0.3.0 and of this toolchain's syscall package), whether the calling function
 * handles ENOSYS, and which files are dependencies.
 *
 * @module-tag network
 * @module-tag go
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TargetName } from "@xsysgen/core";
import { checkModule, lacksFromTables, renderArchGroups, type CheckOptions, type Finding } from "./shim.ts";
import { goEnv, linux612, modulesData, rhel } from "./helpers.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";
import { goListPackageFiles, oracleConstants } from "./oracle.ts";
import { xsysUnixDir } from "../../../scripts/lib/gomod.ts";

const have = new Set(rhel().entries.map((e) => e.name));
const reference = new Set(linux612().entries.map((e) => e.name));
const lacks = (syscall: string) =>
  reference.has(syscall) && !have.has(syscall) ? { since: `after 3.10.0-1160.el7, by 6.12` } : undefined;

const check = (moduleDir: string, options: Partial<CheckOptions> = {}) =>
  checkModule({ moduleDir, lacks, arches: ["amd64"], env: goEnv, ...options });

/** The SYS_ names the build has: x/sys v0.3.0's and the toolchain's syscall zsysnum files. */
const xsysUnix = xsysUnixDir("v0.3.0");
const stdDir = goListPackageFiles(".", "amd64", "syscall").dir;
const buildHas = (api: Finding["api"], symbol: string, goarch: string) =>
  api !== "c" && oracleConstants(api === "x/sys" ? xsysUnix : stdDir, goarch).has(symbol);

/** Where `symbol` occurs in `file` (its `nth` occurrence), by text search. */
function at(dir: string, file: string, symbol: string, nth = 0): { line: number; column: number } {
  const lines = readFileSync(join(dir, file), "utf8").split("\n");
  let seen = 0;
  for (const [i, text] of lines.entries()) {
    for (let col = text.indexOf(symbol); col >= 0; col = text.indexOf(symbol, col + 1)) {
      if (seen++ === nth) return { line: i + 1, column: Buffer.byteLength(text.slice(0, col)) + 1 };
    }
  }
  throw new Error(`${symbol} not in ${file}`);
}

/** The finding a number use should give (advice aside), its kind decided by the packages' own sources. */
function finding(
  dir: string,
  file: string,
  symbol: string,
  syscall: string,
  api: Finding["api"],
  arches: TargetName[] = ["amd64"],
  nth = 0,
): Omit<Finding, "advice"> {
  const failsAt = buildHas(api, symbol, arches[0]!) ? "runtime" : "compile";
  const fix =
    failsAt === "runtime"
      ? "enosys-fallback"
      : api === "x/sys"
        ? "apply"
        : api === "syscall"
          ? "x/sys-or-constant"
          : "fallback-header";
  const missing = arches.map((arch) => ({ arch, since: lacks(syscall)?.since, number: undefined }));
  const kind = api === "c" ? "c" : "go";
  return {
    file,
    ...at(dir, file, symbol, nth),
    symbol,
    syscall,
    kind,
    api,
    failsAt,
    via: [],
    handledBy: undefined,
    missing,
    fix,
  };
}

const strip = ({ advice: _, ...f }: Finding) => f;

function cgoapp(): string {
  const dir = scratchDir("check");
  cpSync(join(modulesData, "src", "cgoapp"), dir, { recursive: true });
  writeFileSync(join(dir, "go.mod"), "module example.com/cgoapp\n\ngo 1.21\n\nrequire golang.org/x/sys v0.3.0\n");
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

describe("checkModule", () => {
  it("RHEL 7.9: openat2 fails at run time (x/sys v0.3.0 has SYS_OPENAT2), C's preadv2 and statx at build", async () => {
    const dir = cgoapp();
    const fromTables = lacksFromTables(
      [rhel()],
      [linux612()],
      (syscall, arch) => `after 3.10.0-1160.el7, by 6.12 (${syscall}/${arch})`,
    );
    const result = await check(dir, { lacks: fromTables });
    const number = (name: string) => linux612().entries.find((e) => e.name === name)!.number;
    expect(result.findings.map((f) => f.missing)).toEqual(
      ["openat2", "preadv2", "statx"].map((s) => [
        { arch: "amd64", since: `after 3.10.0-1160.el7, by 6.12 (${s}/amd64)`, number: number(s) },
      ]),
    );
    const same = (f: Finding) => ({
      ...strip(f),
      missing: f.missing.map((m) => ({ ...m, since: lacks(f.syscall)?.since, number: undefined })),
    });
    expect(result.findings.map(same)).toEqual([
      finding(dir, "main.go", "SYS_OPENAT2", "openat2", "x/sys"),
      finding(dir, "numbers.go", "__NR_preadv2", "preadv2", "c"),
      finding(dir, "numbers.go", "SYS_statx", "statx", "c"),
    ]);
    expect(result.findings.map((f) => f.failsAt)).toEqual(["runtime", "compile", "compile"]);
    expect(result.files).toEqual(["main.go", "numbers.go"]);
    expect(result.xsys).toBe("golang.org/x/sys v0.3.0");
    expect(result.arches).toEqual(["amd64"]);
    // The advice names the module's own x/sys, and never offers `apply` for what already builds.
    expect(result.findings[0]!.advice).toMatch(/^the call returns ENOSYS on the target kernel/);
    expect(result.findings[1]!.advice).toMatch(/C fallback header makes it build: `xsysgen apply`/);
  });

  it("follows import names, C files, file-name arches; skips guarded uses and dependencies unless asked", async () => {
    const dir = cgoapp();
    write(dir, {
      "alias.go": [
        "package main",
        "",
        "import (",
        '\tsc "syscall"',
        '\t. "golang.org/x/sys/unix"',
        '\t_ "golang.org/x/sys/unix"',
        ")",
        "",
        "var a = sc.SYS_STATX",
        "var a2 = sc.SYS_GETRANDOM",
        "var b = []uintptr{SYS_CLONE3, SYS_READ}",
        "",
        "type local struct{ SYS_STATX int }",
        "",
        "var c = local{}.SYS_STATX",
        "",
      ].join("\n"),
      "only_arm64.go": 'package main\n\nimport "golang.org/x/sys/unix"\n\nvar d = unix.SYS_OPENAT2\n',
      "only_linux_amd64.go": 'package main\n\nimport "golang.org/x/sys/unix"\n\nvar e = unix.SYS_PIDFD_OPEN\n',
      "cgo_macro.go":
        'package main\n\n// #include <sys/syscall.h>\nimport "C"\n\nvar g = C.SYS_memfd_secret + C.long(C.__NR_read)\n',
      "darwin.go": '//go:build darwin\n\npackage main\n\nimport "golang.org/x/sys/unix"\n\nvar f = unix.SYS_OPENAT2\n',
      "native/io.c": [
        "#include <sys/syscall.h>",
        "#ifdef __NR_statx",
        "long s(void) { return __NR_statx; }",
        "#endif",
        "#ifndef __NR_rseq",
        "#define __NR_rseq 334",
        "#endif",
        "#define RSEQ_NR SYS_rseq",
        "long r(void) { return syscall(__NR_io_uring_setup); }",
        "",
      ].join("\n"),
      "native/io.h": "static const long k = SYS_memfd_create + SYS_pidfd_open;\n",
      "native/ring.cc": [
        "#include <sys/syscall.h>",
        "// C++ too: SYS_statx in a comment is not a use",
        "long ring() { return syscall(__NR_io_uring_enter, 0); }",
        "",
      ].join("\n"),
      "native/entry.S": "#include <asm/unistd.h>\n\tmov $__NR_clone3, %eax\n",
      "native/plain.s": "\tmov $__NR_clone3, %eax\n",
      "native/only_arm64.c": "long a(void) { return __NR_clone3; }\n",
      "plus_build.go": [
        "// Copyright line",
        "",
        "// +build linux,arm64 linux,386",
        "// +build !nope",
        "",
        "package main",
        "",
        'import "golang.org/x/sys/unix"',
        "",
        "var h = unix.SYS_OPENAT2",
        "",
      ].join("\n"),
      "native/plus.c": "// +build arm64\n\nlong p(void) { return __NR_clone3; }\n",
      "tagged.go":
        '// +build linux,cgo,seccomp\n\npackage main\n\nimport "golang.org/x/sys/unix"\n\nvar i = unix.SYS_OPEN_TREE\n',
      "gen_ignore.go":
        '//go:build ignore\n\npackage main\n\nimport "golang.org/x/sys/unix"\n\nvar j = unix.SYS_OPEN_TREE\n',
      "never.go":
        '//go:build foo && !foo\n\npackage main\n\nimport "golang.org/x/sys/unix"\n\nvar k = unix.SYS_OPEN_TREE\n',
      "third_party/dep/dep.c": "long x(void) { return __NR_statx; }\n",
      // A complete vendor/: every package modules.txt lists is there.
      "vendor/modules.txt": "# example.com/dep v1.0.0\n## explicit\nexample.com/dep\n",
      "vendor/example.com/dep/dep.go": 'package dep\n\nimport "syscall"\n\nvar X = syscall.SYS_STATX\n',
      "testdata/t.go": 'package t\n\nimport "syscall"\n\nvar X = syscall.SYS_STATX\n',
    });
    const own = [
      finding(dir, "alias.go", "SYS_STATX", "statx", "syscall"),
      finding(dir, "alias.go", "SYS_CLONE3", "clone3", "x/sys"),
      finding(dir, "cgo_macro.go", "SYS_memfd_secret", "memfd_secret", "c"),
      finding(dir, "main.go", "SYS_OPENAT2", "openat2", "x/sys"),
      finding(dir, "native/entry.S", "__NR_clone3", "clone3", "c"),
      finding(dir, "native/io.c", "SYS_rseq", "rseq", "c"),
      finding(dir, "native/io.c", "__NR_io_uring_setup", "io_uring_setup", "c"),
      finding(dir, "native/io.h", "SYS_pidfd_open", "pidfd_open", "c"),
      finding(dir, "native/ring.cc", "__NR_io_uring_enter", "io_uring_enter", "c"),
      finding(dir, "numbers.go", "__NR_preadv2", "preadv2", "c"),
      finding(dir, "numbers.go", "SYS_statx", "statx", "c"),
      finding(dir, "only_linux_amd64.go", "SYS_PIDFD_OPEN", "pidfd_open", "x/sys"),
      // A custom tag (runc builds with -tags seccomp) may be set; `ignore` and contradictions never are.
      finding(dir, "tagged.go", "SYS_OPEN_TREE", "open_tree", "x/sys"),
    ];
    // Go's frozen syscall has no SYS_STATX on amd64 (the build fails); x/sys v0.3.0 has SYS_CLONE3.
    expect(own.slice(0, 2).map((f) => f.failsAt)).toEqual(["compile", "runtime"]);
    expect((await check(dir)).findings.map(strip)).toEqual(own);

    const deps = (await check(dir, { includeDeps: true })).findings.map(strip);
    expect(deps).toEqual(
      [
        ...own,
        finding(dir, "third_party/dep/dep.c", "__NR_statx", "statx", "c"),
        finding(dir, "vendor/example.com/dep/dep.go", "SYS_STATX", "statx", "syscall"),
      ].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line)),
    );

    const arm = (await check(dir, { arches: ["amd64", "arm64"] })).findings;
    const archesOf = (file: string) => arm.filter((f) => f.file === file).map((f) => f.missing.map((m) => m.arch));
    expect(archesOf("only_arm64.go")).toEqual([["arm64"]]);
    expect(archesOf("only_linux_amd64.go")).toEqual([["amd64"]]);
    expect(archesOf("native/io.h")).toEqual([["amd64", "arm64"]]);
    expect(archesOf("native/only_arm64.c")).toEqual([["arm64"]]);
    expect(archesOf("plus_build.go")).toEqual([["arm64"]]);
    expect(archesOf("native/plus.c")).toEqual([["arm64"]]);
    // Go's syscall has SYS_GETRANDOM on arm64 but not on amd64 (its tables stopped at older kernels
    // on older ports): for a target without getrandom, one use is a finding of each kind.
    const getrandom = (
      await check(dir, { arches: ["amd64", "arm64"], lacks: (n) => (n === "getrandom" ? {} : undefined) })
    ).findings.filter((f) => f.file === "alias.go");
    expect(getrandom.map((f) => [f.file, f.failsAt, f.missing.map((m) => m.arch)])).toEqual(
      [
        ["compile", ["amd64", "arm64"].filter((a) => !buildHas("syscall", "SYS_GETRANDOM", a))],
        ["runtime", ["amd64", "arm64"].filter((a) => buildHas("syscall", "SYS_GETRANDOM", a))],
      ].map(([kind, arches]) => ["alias.go", kind, arches]),
    );
    expect(getrandom.map((f) => f.fix)).toEqual(["x/sys-or-constant", "enosys-fallback"]);
    // x32 has no Go port: nothing of a Go module builds for it.
    expect((await check(dir, { arches: ["x32", "amd64"] })).arches).toEqual(["amd64"]);
  });

  it("wrapper calls: the syscalls they make, handled where the function compares the error with ENOSYS", async () => {
    const dir = cgoapp();
    const source = [
      "package main",
      "",
      "import (",
      '\t"errors"',
      "",
      '\tu "golang.org/x/sys/unix"',
      ")",
      "",
      "var statx = u.Statx",
      "",
      "func open2() (int, error) {",
      '\tfd, err := u.Openat2(u.AT_FDCWD, "x", &u.OpenHow{})',
      "\tif errors.Is(err, u.ENOSYS) {",
      '\t\treturn u.Open("x", u.O_RDONLY, 0)',
      "\t}",
      "\treturn fd, err",
      "}",
      "",
      "func pidfd() error {",
      "\t_, err := u.PidfdOpen(1, 0)",
      "\treturn err",
      "}",
      "",
      "func closeRange() error {",
      "\tf := func() error { return u.CloseRange(3, 10, 0) }",
      "\tswitch err := f(); err {",
      "\tcase u.ENOSYS:",
      "\t\treturn nil",
      "\tdefault:",
      "\t\treturn err",
      "\t}",
      "}",
      "",
      'func access() error { return u.Faccessat(u.AT_FDCWD, "x", u.X_OK, u.AT_EACCESS) }',
      "",
      "func ret() error { return u.ENOSYS }",
      "",
    ].join("\n");
    write(dir, { "wrappers.go": source });
    const found = (await check(dir)).findings.filter((f) => f.file === "wrappers.go");
    const line = (text: string) => source.split("\n").findIndex((l) => l.includes(text)) + 1;
    expect(found.map((f) => [f.line, f.symbol, f.syscall, f.failsAt, f.via, f.handledBy])).toEqual([
      // A package-level function value: no function compares its error (the rule is syntactic).
      [line("u.Statx"), "Statx", "statx", "runtime", ["Statx"], undefined],
      [line("u.Openat2("), "Openat2", "openat2", "runtime", ["Openat2", "openat2"], "caller"],
      [line("u.PidfdOpen("), "PidfdOpen", "pidfd_open", "runtime", ["PidfdOpen"], undefined],
      // The function literal's enclosing function compares with ENOSYS in a switch.
      [line("u.CloseRange("), "CloseRange", "close_range", "runtime", ["CloseRange"], "caller"],
      // x/sys's own Faccessat falls back when faccessat2 returns ENOSYS.
      [line("u.Faccessat("), "Faccessat", "faccessat2", "runtime", ["Faccessat", "Faccessat2"], "wrapper"],
    ]);
    expect(found.find((f) => f.symbol === "Faccessat")!.advice).toBe(
      "handled: golang.org/x/sys v0.3.0's Faccessat compares the error with ENOSYS and falls back",
    );
    expect(found.find((f) => f.symbol === "PidfdOpen")!.advice).toBe(
      "the call returns ENOSYS on the target kernel: give it a fallback code path (compare the error with unix.ENOSYS)",
    );
  });
});

describe("renderArchGroups", () => {
  it("states each first kernel once, for the arches that share it, in the order asked", () => {
    const m = (arch: TargetName, since: string | undefined) => ({ arch, since, number: undefined });
    expect(renderArchGroups([m("386", "5.5 or 5.6"), m("amd64", "5.6"), m("arm64", "5.6"), m("ppc", undefined)])).toBe(
      "386: Linux 5.5 or 5.6; amd64, arm64: Linux 5.6; ppc",
    );
    expect(renderArchGroups([m("amd64", "3.17"), m("s390x", "3.17")])).toBe("amd64, s390x: Linux 3.17");
  });
});

describe("C as the compiler sees it", () => {
  it("diagnostics, comments, literals, tested names, #if 0 code are no uses; code and #define bodies are", async () => {
    const dir = scratchDir("cview");
    writeFileSync(join(dir, "go.mod"), "module example.com/cview\n\ngo 1.21\n");
    const c = [
      "#include <sys/syscall.h>",
      '#  warning "libc is outdated -- using hard-coded SYS_memfd_create"',
      "#error SYS_statx missing",
      '#pragma message("no __NR_preadv2 here")',
      '_Pragma("message(\\"SYS_openat2\\")")',
      "/* SYS_clone3 in a comment",
      "   spanning lines: __NR_rseq */",
      "// SYS_pidfd_open \\",
      "   spliced into the comment: SYS_pidfd_getfd",
      '#define NAME "SYS_io_uring_setup" /* SYS_io_uring_enter */',
      "#define CALL(SYS_x) syscall(SYS_x)",
      "#if SYS_close_range > 0 || defined(__NR_faccessat2)",
      "#endif",
      "#if defined(SYS_landlock_create_ruleset)",
      "long a(void) { return SYS_landlock_create_ruleset; }",
      "#elif 1",
      "long b(void) { return SYS_landlock_add_rule; }",
      "#endif",
      "#ifndef __NR_memfd_secret",
      "#else",
      "long c(void) { return __NR_memfd_secret; }",
      "#endif",
      "const char *s = \"__NR_process_madvise\"; char q = 'S';",
      "#define SPLIT __NR_epoll_pwait2 + \\",
      "  SYS_mount_setattr",
      "long d(void) { return 0x__NR_statx + CALL(SYS_openat2); }",
      "#if 0",
      "long e(void) { return SYS_cachestat; }",
      "#elif 1",
      "long f(void) { return SYS_fchmodat2; }",
      "#else",
      "long g(void) { return SYS_map_shadow_stack; }",
      "#endif",
      "#if (1)",
      "#else",
      "#  if 1",
      "long h(void) { return SYS_futex_wake; }",
      "#  endif",
      "#endif",
      "",
    ].join("\n");
    writeFileSync(join(dir, "sys.c"), c);
    const found = (await check(dir)).findings.map((f) => `${f.line}:${f.column}:${f.symbol}`);
    const lines = c.split("\n");
    const pos = (symbol: string) => {
      const i = lines.findIndex((l) => new RegExp(`(^|[^\\w"])${symbol}\\b`).test(l) && !l.includes(`"${symbol}`));
      return `${i + 1}:${lines[i]!.search(new RegExp(`(?<![\\w])${symbol}\\b`)) + 1}:${symbol}`;
    };
    expect(found).toEqual(
      [
        pos("SYS_landlock_add_rule"),
        pos("__NR_epoll_pwait2"),
        pos("SYS_mount_setattr"),
        pos("SYS_openat2"),
        pos("SYS_fchmodat2"),
      ].sort((x, y) => Number(x.split(":")[0]) - Number(y.split(":")[0])),
    );
  });
});
