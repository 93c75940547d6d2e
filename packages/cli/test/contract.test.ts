/**
 * Issue 14, the command line's contract, through the real `xsysgen` process (most argument mistakes
 * in-process, through the same runCli, and three of them as processes too): what users type is
 * understood or refused in one line naming the flag or value; exit codes are exactly 0, 1 and 2;
 * --version and per-verb --help; arch aliases wherever an arch is taken; a note for x.y.z
 * kernels the registry answers with its x.y table; paths printed as given or absolute.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { targets } from "@xsysgen/core";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { renderSynopsis } from "../src/help.ts";
import { verbs } from "../src/verbs.ts";
import { stderrLines, withoutStatus, xsysgen, xsysgenProcess } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const version = (JSON.parse(readFileSync(join(repoRoot, "packages/cli/package.json"), "utf8")) as { version: string })
  .version;

function expectOneLineError(
  r: { status?: number | null; code?: number; stdout: string; stderr: string },
  ...mentions: string[]
): void {
  expect(r.status ?? r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  const lines = stderrLines(r);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^xsysgen: /);
  expect(lines[0]).not.toMatch(/internal error|\bat .+:\d+:\d+\)?$/);
  for (const m of mentions) expect(lines[0]).toContain(m);
}

/** Every file under `dir`, relative, with its content. */
function tree(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name))
      .sort()
      .map((abs) => [abs.slice(dir.length + 1), readFileSync(abs, "utf8")] as const),
  );
}

/** Mistakes also run as a real `xsysgen` process: a verb's option, an unknown command, a missing file. */
const throughProcess = new Set(
  [["gen", "-x", "3.10"], ["frob"], ["diff", "no-such.tar.gz", "3.10"]].map((argv) => JSON.stringify(argv)),
);

describe.concurrent("mistakes users type end in one line naming the flag or value, exit 2", () => {
  it.each([
    [["gen", "-x", "3.10"], ["gen: unknown option -x"]],
    [["gen", "--kernel", "3.10", "--frob"], ["gen: unknown option --frob"]],
    [["gen", "--kernel"], ["gen: option --kernel needs a value"]],
    [["gen", "--kernel", "--arch", "amd64"], ["gen: option --kernel needs a value"]],
    [["gen", "-k"], ["gen: option -k (--kernel) needs a value"]],
    [
      ["gen", "--kernel", "3.10", "--json=yes"],
      ["gen: option --json takes no value", "yes"],
    ],
    [["gen", "-k", "3.10", "-k", "4.18"], ["gen: option -k (--kernel) given twice"]],
    [["gen", "--kernel", "3.10", "stray"], ['gen: unexpected argument "stray"']],
    [
      ["gen", "--kernel", "3.10", "--arch", "vax"],
      ['unknown arch "vax"', "amd64"],
    ],
    [["gen", "--kernel", "3.10", "--arch", ","], ["--arch needs at least one arch"]],
    [["gen", "--kernel", "3.10", "--headers", "x"], ["gen: give --kernel or --headers, not both"]],
    [["gen", "--arch", "amd64"], ["gen: --kernel <version|alias> or --headers <path> is required"]],
    [["gen", "--kernel", "3.10", "--prefer", "newest"], ['--prefer takes "target" or "reference", not "newest"']],
    [["diff", "3.10", "--format", "yaml"], ['--format takes text|markdown|json|html, not "yaml"']],
    [["show", "statx", "extra"], ['show: unexpected argument "extra"']],
    [["kernels", "-o", "x"], ["kernels: unknown option -o"]],
    [["frob"], ['unknown command "frob"', "gen, diff"]],
    [["--frob"], ["unknown option --frob before the command"]],
    [["-k", "3.10"], ["unknown option -k before the command"]],
    [["help", "frob"], ['help: unknown command "frob"']],
    [["diff", "3.10", "./no-such-dir"], ["./no-such-dir: no such file or directory"]],
    [["diff", "no-such.tar.gz", "3.10"], ["no-such.tar.gz: no such file or directory"]],
    [["--version", "extra"], ['--version takes no arguments, got "extra"']],
  ])("%j", async (argv, mentions) => {
    // A few through the real process (its exit code and stderr); the rest in-process, the same runCli.
    const real = throughProcess.has(JSON.stringify(argv));
    expectOneLineError(real ? await xsysgenProcess(argv) : await xsysgen(...argv), ...mentions);
  });
});

describe.concurrent("--version, usage and --help", () => {
  it.each([["--version"], ["-V"], ["-v"], ["version"]])(
    "%s prints the package version on stdout, exit 0",
    async (flag) => {
      const r = await xsysgenProcess([flag]);
      expect(r).toEqual({ status: 0, stdout: `xsysgen ${version}\n`, stderr: "" });
    },
  );

  it("no arguments: the usage on stderr, nothing on stdout, exit 2", async () => {
    const r = await xsysgenProcess([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage:\n  xsysgen gen ");
  });

  it.each([["--help"], ["-h"], ["help"]])(
    "%s: the usage on stdout, exit 0, every verb and every arch alias listed",
    async (flag) => {
      const r = await xsysgenProcess([flag]);
      expect(r.status).toBe(0);
      expect(withoutStatus(r.stderr)).toBe("");
      for (const verb of verbs) expect(r.stdout).toContain(`xsysgen ${verb.name} `);
      for (const t of targets)
        expect(r.stdout).toContain(t.aliases.length === 0 ? t.name : `${t.name} (${t.aliases.join(", ")})`);
    },
  );

  it.each(verbs.map((v) => [v.name, v] as const))(
    "%s --help, -h and `help %s` print that verb's usage from its definition",
    async (name, verb) => {
      const runs = await Promise.all([
        xsysgenProcess([name, "--help"]),
        xsysgenProcess([name, "-h"]),
        xsysgenProcess(["help", name]),
      ]);
      for (const r of runs) {
        expect(r.status).toBe(0);
        expect(withoutStatus(r.stderr)).toBe("");
        expect(r.stdout).toBe(runs[0]?.stdout);
      }
      const text = runs[0]?.stdout ?? "";
      expect(text.startsWith(`xsysgen ${name} — ${verb.summary}\n`)).toBe(true);
      for (const [flag, def] of Object.entries(verb.flags)) {
        expect(text).toContain(`--${flag}${def.value === undefined ? "" : ` ${def.value}`}`);
        expect(text).toContain(def.description);
        if (def.short !== undefined) expect(text).toContain(`-${def.short}, --${flag}`);
      }
      if ("arch" in verb.flags) expect(text).toContain("amd64 (x86_64, x86-64, x64)");
    },
  );

  it("the README's Commands block is the verbs' synopsis", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Commands"));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(renderSynopsis());
  });
});

describe.concurrent("short flags", () => {
  it("gen -k -a -o writes what the long flags write", async () => {
    const dir = scratchDir();
    const [short, long] = await Promise.all([
      xsysgenProcess(["gen", "-k", "3.10.0", "-a", "amd64", "-o", join(dir, "short")]),
      xsysgenProcess(["gen", "--kernel", "3.10.0", "--arch", "amd64", "--out", join(dir, "long")]),
    ]);
    expect(stderrLines(short)).toEqual([]);
    expect(short.status).toBe(0);
    expect(long.status).toBe(0);
    expect(tree(join(dir, "short"))).toEqual(tree(join(dir, "long")));
    // Four outputs and gen's record of them (.xsysgen-files).
    expect(tree(join(dir, "short")).size).toBe(5);
  });

  it("diff -a -f -o writes the file", async () => {
    const dir = scratchDir();
    const r = await xsysgenProcess([
      "diff",
      "3.10.0-1160.el7",
      "4.18.0",
      "-a",
      "amd64",
      "-f",
      "json",
      "-o",
      join(dir, "d.json"),
    ]);
    expect(stderrLines(r)).toEqual([]);
    expect(r.status).toBe(0);
    const diff = JSON.parse(readFileSync(join(dir, "d.json"), "utf8")) as {
      arches: { amd64: { added: { number: number }[] } };
    };
    expect(diff.arches.amd64.added.map((a) => a.number)).toEqual([322, 327, 328, 332, 333, 334]);
  });
});

describe.concurrent("short flags and --json errors", () => {
  it("diff -f json: an error is also a JSON document on stdout, as with --format json", async () => {
    const [short, long] = await Promise.all([
      xsysgenProcess(["diff", "3.10", "nope", "-f", "json"]),
      xsysgenProcess(["diff", "3.10", "nope", "--format", "json"]),
    ]);
    expect(short.status).toBe(2);
    expect(short).toEqual(long);
    expect(JSON.parse(short.stdout)).toMatchObject({ error: { code: "E_UNKNOWN_KERNEL" } });
  });
});

describe("arch aliases, in any case, wherever an arch is taken", () => {
  // In-process: one run per spelling (the real process is exercised below).
  const spellings = targets.flatMap((t) =>
    [t.name, ...t.aliases].flatMap(
      (word) =>
        [
          [word, t.name],
          [word.toUpperCase(), t.name],
        ] as const,
    ),
  );

  it.each(spellings)("show read --arch %s is %s", async (word, name) => {
    const r = await xsysgen("show", "read", "--arch", word, "--json");
    expect(stderrLines(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { arches: { target: string }[] }).arches.map((a) => a.target)).toEqual([name]);
  });

  it("the issue's spellings: x86_64, aarch64, AMD64, ppc64el, i686, mips64el, loongarch64, powerpc64le", async () => {
    const r = await xsysgen(
      "show",
      "read",
      "--arch",
      "x86_64,aarch64,AMD64,ppc64el,i686,mips64el,loongarch64,powerpc64le,i386",
      "--json",
    );
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { arches: { target: string }[] }).arches.map((a) => a.target).sort()).toEqual(
      ["386", "amd64", "arm64", "loong64", "mips64le", "ppc64le"].sort(),
    );
  });

  it("gen -a X86_64,AArch64 (real process): amd64's and arm64's Go files, regenerate line in Go names", async () => {
    const out = join(scratchDir(), "out");
    const r = await xsysgenProcess(["gen", "-k", "4.18", "-a", "X86_64,AArch64", "-o", out]);
    expect(stderrLines(r)).toEqual([]);
    expect(r.status).toBe(0);
    expect([...tree(out).keys()].filter((f) => f.endsWith(".go"))).toEqual([
      "zsysnum_linux_amd64.go",
      "zsysnum_linux_arm64.go",
    ]);
    expect(readFileSync(join(out, "zsysnum_linux_amd64.go"), "utf8").split("\n")[0]).toBe(
      "// xsysgen gen --kernel 4.18 --arch amd64,arm64",
    );
  });

  it("diff and check take aliases too", async () => {
    const diff = await xsysgen("diff", "3.10", "4.18", "--arch", "x86_64", "--format", "json");
    expect(diff.code).toBe(0);
    expect(Object.keys((JSON.parse(diff.stdout) as { arches: object }).arches)).toEqual(["amd64"]);
    const module = scratchDir();
    writeFileSync(join(module, "go.mod"), "module example.com/m\n\ngo 1.20\n");
    writeFileSync(join(module, "main.go"), "package main\n\nfunc main() {}\n");
    const check = await xsysgen("check", "--kernel", "3.10", "--module", module, "--arch", "AARCH64", "--json");
    expect(stderrLines(check)).toEqual([]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('"findings": []');
  });
});

describe.concurrent("kernel versions that name a stable update", () => {
  it("--kernel 3.10.99: one note naming the table used; the output is 3.10's", async () => {
    const dir = scratchDir();
    const [odd, base] = await Promise.all([
      xsysgenProcess(["gen", "-k", "3.10.99", "-a", "amd64", "--exact", "-o", join(dir, "odd")]),
      xsysgenProcess(["gen", "-k", "3.10", "-a", "amd64", "--exact", "-o", join(dir, "base")]),
    ]);
    expect(odd.status).toBe(0);
    expect(base.status).toBe(0);
    // Exactly one line more than the 3.10 run prints (the registry may add notes of its own to both).
    const lines = (r: { stderr: string }) => withoutStatus(r.stderr).split("\n");
    const added = lines(odd).filter((l) => !lines(base).includes(l));
    expect(added).toEqual([
      "xsysgen: note: kernel 3.10.99 uses the registry's 3.10 table " +
        "(one table per series; stable updates add no syscalls)",
    ]);
    const strip = (m: Map<string, string>) => [...m.values()].map((text) => text.slice(text.indexOf("\n")));
    expect(strip(tree(join(dir, "odd")))).toEqual(strip(tree(join(dir, "base"))));
  });

  it.each([["3.10.0"], ["3.10"], ["2.6.32"], ["3.10.0-1160.el7"], ["centos7"]])(
    "--kernel %s: no note",
    async (kernel) => {
      const r = await xsysgen("diff", kernel, "4.18", "--arch", "amd64");
      expect(r.code).toBe(0);
      expect(r.stderr).not.toContain("uses the registry's");
    },
  );

  it.each([
    ["6.1.20", "6.1"],
    ["2.6.32.5", "2.6.32"],
  ])("diff %s names the %s table on stderr, once", async (kernel, series) => {
    const r = await xsysgen("diff", kernel, kernel, "--arch", "amd64", "--exit-code");
    expect(r.code).toBe(0);
    const notes = r.stderr.split("\n").filter((l) => l.includes("uses the registry's"));
    expect(notes).toEqual([
      `xsysgen: note: kernel ${kernel} uses the registry's ${series} table ` +
        "(one table per series; stable updates add no syscalls)",
    ]);
  });
});

describe.concurrent("paths in messages and JSON: as given, or absolute", () => {
  it("--out outside the working directory: messages as typed, JSON absolute, CGO_CFLAGS from $PWD", async () => {
    const sandbox = scratchDir();
    mkdirSync(join(sandbox, "cwd"));
    const text = await xsysgenProcess(["gen", "-k", "3.10", "-a", "amd64", "-o", "../e_out1"], {
      cwd: join(sandbox, "cwd"),
    });
    expect(text.status).toBe(0);
    // What it wrote is status, on stderr; the line to use is the result, on stdout.
    expect(text.stderr.split("\n")).toEqual([
      "wrote ../e_out1/zsysnum_linux_amd64.go",
      "wrote ../e_out1/syscall_fallback.h",
      "wrote ../e_out1/include/asm/unistd.h",
      "wrote ../e_out1/syscalls.json",
      "",
    ]);
    expect(text.stdout).toBe('export CGO_CFLAGS="-I$PWD/../e_out1/include $CGO_CFLAGS"\n');
    const json = await xsysgenProcess(["gen", "-k", "3.10", "-a", "amd64", "-o", "../e_out2", "--json"], {
      cwd: join(sandbox, "cwd"),
    });
    const doc = JSON.parse(json.stdout) as { out: string; cgoCflags: string };
    expect(doc.out).toBe(resolve(sandbox, "e_out2"));
    // Either form names the right directory: relative to the working directory, or absolute.
    expect(["-I$PWD/../e_out2/include", `-I${resolve(sandbox, "e_out2", "include")}`]).toContain(doc.cgoCflags);
  });

  it("--out absolute: printed as given", async () => {
    const out = join(scratchDir(), "abs");
    const r = await xsysgenProcess(["gen", "-k", "3.10", "-a", "amd64", "-o", out], { cwd: scratchDir() });
    expect(r.stderr).toContain(`wrote ${out}/syscalls.json\n`);
    expect(r.stdout).toBe(`export CGO_CFLAGS="-I${out}/include $CGO_CFLAGS"\n`);
  });

  it("diff --out: the file as given", async () => {
    const sandbox = scratchDir();
    mkdirSync(join(sandbox, "cwd"));
    const r = await xsysgenProcess(["diff", "3.10", "4.18", "-a", "amd64", "-o", "../sub/d.txt"], {
      cwd: join(sandbox, "cwd"),
    });
    expect(stderrLines(r)).toEqual([]);
    expect(r.stderr).toBe("wrote ../sub/d.txt\n");
    expect(r.stdout).toBe("");
    expect(readFileSync(join(sandbox, "sub", "d.txt"), "utf8")).toContain("statx");
  });

  it("an input error names the --headers path as typed", async () => {
    const sandbox = scratchDir();
    mkdirSync(join(sandbox, "cwd"));
    writeFileSync(join(sandbox, "README"), "not a header\n");
    const r = await xsysgenProcess(["gen", "--headers", "../README", "-o", "../out"], { cwd: join(sandbox, "cwd") });
    expectOneLineError(r, "xsysgen: ../README: ");
  });
});
