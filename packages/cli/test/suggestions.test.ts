/**
 * Issue 25: the command line names the likely word for a typo (verbs, flags, arches, syscalls),
 * `show` takes a syscall as C and Go spell it, and `diff` says which arches one side lacks and
 * picks its format from `--json` or the `--out` extension; `gen --arch x32` says why it writes no Go file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listKernels } from "@xsysgen/kernels";
import { describe, expect, it } from "vitest";
import { withoutStatus, xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

describe.concurrent("did you mean …", () => {
  it.each([
    [["gne", "--kernel", "3.10"], 'unknown command "gne"; did you mean "gen"?'],
    [["help", "chek"], 'help: unknown command "chek"; did you mean "check"?'],
    [["gen", "--kernal", "3.10"], 'gen: unknown option --kernal; did you mean "--kernel"?'],
    [["diff", "3.10", "4.18", "--exit-cod"], 'diff: unknown option --exit-cod; did you mean "--exit-code"?'],
    [["gen", "--kernel", "3.10", "--arch", "amd46"], 'unknown arch "amd46"; did you mean "amd64"?'],
    [["show", "--arch", "aarch46", "statx"], 'unknown arch "aarch46"; did you mean "aarch64"?'],
    [
      ["show", "statxx"],
      'unknown syscall statxx: no syscall of that name on any arch in the registry; did you mean "statx"?',
    ],
    [["show", "opnat2", "--arch", "amd64"], 'did you mean "openat2"?'],
  ])("%j", async (argv, message) => {
    const r = await xsysgen(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`xsysgen: ${r.stderr.slice(9).split("\n")[0]}\n`);
    expect(r.stderr).toContain(message);
  });

  it.each([[["frobnicate"]], [["show", "qqqqqqq"]], [["gen", "--kernel", "3.10", "--arch", "vax"]]])(
    "%j: nothing close, no guess",
    async (argv) => {
      const r = await xsysgen(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain("did you mean");
    },
  );
});

describe.concurrent("show takes a syscall as the kernel, glibc and golang.org/x/sys spell it, in any case", () => {
  it.each([["SYS_STATX"], ["__NR_statx"], ["STATX"], ["Statx"], ["sys_statx"]])("%s is statx", async (word) => {
    const [plain, spelled] = await Promise.all([xsysgen("show", "statx", "--json"), xsysgen("show", word, "--json")]);
    expect(spelled.code, spelled.stderr).toBe(0);
    const a = JSON.parse(plain.stdout) as { arches: unknown[]; distros: unknown[] };
    const b = JSON.parse(spelled.stdout) as { arches: unknown[]; distros: unknown[] };
    expect(b.arches).toEqual(a.arches);
    expect(b.distros).toEqual(a.distros);
  });
});

describe.concurrent("diff: one-sided arches, --json and the format of --out", () => {
  const has = (series: string) => listKernels().vanilla.find((v) => v.series === series)?.targets ?? [];

  it("names the arches only one side has, in text and JSON", async () => {
    const onlyNew = has("6.1").filter((t) => !has("3.10").includes(t));
    expect(onlyNew.length).toBeGreaterThan(0);
    const text = await xsysgen("diff", "3.10", "6.1");
    expect(text.stdout.split("\n")[1]).toBe(`only in 6.1 (not compared): ${onlyNew.join(", ")}`);
    const json = await xsysgen("diff", "3.10", "6.1", "--json");
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { onlyIn: { from: string[]; to: string[] }; arches: object };
    expect(doc.onlyIn).toEqual({ from: [], to: onlyNew });
    for (const t of onlyNew) expect(Object.keys(doc.arches)).not.toContain(t);
    const reversed = JSON.parse((await xsysgen("diff", "6.1", "3.10", "--json")).stdout) as typeof doc;
    expect(reversed.onlyIn).toEqual({ from: onlyNew, to: [] });
  });

  it("--json is --format json", async () => {
    const [a, b] = await Promise.all([
      xsysgen("diff", "3.10", "4.18", "--json"),
      xsysgen("diff", "3.10", "4.18", "--format", "json"),
    ]);
    expect(a).toEqual(b);
  });

  it.each([
    ["d.html", /^<!DOCTYPE html>/],
    ["d.HTM", /^<!DOCTYPE html>/],
    ["d.md", /^# Syscall changes: /],
    ["d.json", /^\{\n {2}"schemaVersion": 1,/],
    ["d.txt", /^3\.10 -> 4\.18\n/],
    ["d.out", /^3\.10 -> 4\.18\n/],
  ])("--out %s writes that format", async (name, head) => {
    const file = join(scratchDir("diff-out"), name);
    const r = await xsysgen("diff", "3.10", "4.18", "--out", file);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(head);
  });

  it.each([
    [["--format", "text", "--out", "d.html"], "--format text and --out"],
    [["--json", "--format", "markdown"], "--format markdown and --json"],
    [["--json", "--out", "d.md"], "ask for different formats (json, markdown)"],
  ])("%j: formats that disagree are refused", async (flags, message) => {
    const dir = scratchDir("diff-out");
    const r = await xsysgen("diff", "3.10", "4.18", ...flags.map((f) => (f.startsWith("d.") ? join(dir, f) : f)));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe.concurrent("gen --arch x32", () => {
  it("says why it writes no Go file", async () => {
    const out = scratchDir("x32");
    const r = await xsysgen("gen", "--kernel", "3.10", "--arch", "x32", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(withoutStatus(r.stderr)).toBe(
      "xsysgen: note: x32 has no zsysnum file: golang.org/x/sys has no x32 port; " +
        "syscall_fallback.h and syscalls.json cover it\n",
    );
    expect(r.stderr).not.toContain(".go");
    expect(r.stderr).toContain("syscall_fallback.h");
  });
});
