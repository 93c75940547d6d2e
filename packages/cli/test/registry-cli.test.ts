/**
 * Issue 3 through the CLI: diffs and `show` answer the FACTS.md questions from the embedded
 * registry, offline; bad versions and arches end with one line and exit 2.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { machine, release } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withoutStatus, xsysgen, xsysgenProcess } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

interface DiffJson {
  from: string;
  to: string;
  arches: Record<
    string,
    {
      added: { name: string; number: number; since: string | null }[];
      removed: unknown[];
      renumbered: unknown[];
      renamed: unknown[];
    }
  >;
}

describe("diff", () => {
  it("3.10.0 → 3.10.0-1160.el7 on amd64 is exactly RHEL 7.9's 15 backports", async () => {
    const r = await xsysgen("diff", "3.10.0", "3.10.0-1160.el7", "--arch", "amd64", "--format", "json");
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.stdout) as DiffJson;
    expect(Object.keys(diff.arches)).toEqual(["amd64"]);
    expect(diff.arches.amd64?.added.map((a) => a.number)).toEqual([
      314, 315, 316, 317, 318, 319, 320, 321, 323, 324, 325, 326, 329, 330, 331,
    ]);
    expect(diff.arches.amd64?.added.find((a) => a.number === 318)).toMatchObject({ name: "getrandom", since: "3.17" });
    expect(diff.arches.amd64?.removed).toEqual([]);
  });

  it("3.10.0-1160.el7 → 4.18.0 on amd64 adds exactly 322, 327, 328, 332, 333, 334", async () => {
    const r = await xsysgen("diff", "3.10.0-1160.el7", "4.18.0", "--arch", "amd64", "--format", "json");
    const diff = JSON.parse(r.stdout) as DiffJson;
    expect(diff.arches.amd64?.added.map((a) => a.number)).toEqual([322, 327, 328, 332, 333, 334]);
  });

  it("--exit-code reports differences with 1 and none with 0", async () => {
    expect((await xsysgen("diff", "centos7", "3.10.0-1160.el7", "--arch", "amd64", "--exit-code")).code).toBe(0);
    expect((await xsysgen("diff", "3.10", "centos7", "--arch", "amd64", "--exit-code")).code).toBe(1);
  });

  it("prints a readable text diff by default", async () => {
    const r = await xsysgen("diff", "3.10.0-1160.el7", "4.18.0", "--arch", "amd64");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("statx");
    expect(r.stdout).toContain("332");
  });
});

describe("show", () => {
  it("statx: 332 on amd64, 383 on 386, 291 on arm64, first kernel 4.11, absent from el7 builds", async () => {
    const r = await xsysgen("show", "statx", "--json");
    expect(r.code).toBe(0);
    const show = JSON.parse(r.stdout) as {
      arches: { target: string; number: number; since: { text: string } }[];
      distros: { name: string; has: Record<string, boolean> }[];
    };
    const on = (t: string) => show.arches.find((a) => a.target === t);
    expect(on("amd64")).toMatchObject({ number: 332, since: { text: "4.11" } });
    expect(on("386")?.number).toBe(383);
    expect(on("arm64")?.number).toBe(291);
    const el7 = show.distros.filter((d) => d.name.endsWith(".el7"));
    expect(el7.length).toBeGreaterThanOrEqual(3);
    for (const d of el7) expect(d.has.amd64).toBe(false);
  });
});

describe("kernels", () => {
  it("lists vanilla series, distro builds and aliases", async () => {
    const r = await xsysgen("kernels", "--json");
    expect(r.code).toBe(0);
    const listing = JSON.parse(r.stdout) as {
      vanilla: { series: string }[];
      distros: { name: string }[];
      aliases: { alias: string; kernel: string }[];
    };
    expect(listing.vanilla.map((v) => v.series)).toContain("3.10");
    expect(listing.distros.map((d) => d.name)).toContain("3.10.0-1160.el7");
    expect(listing.aliases).toContainEqual({ alias: "centos7", kernel: "3.10.0-1160.el7" });
  });
});

describe("distro kernels as users name them", () => {
  it("--kernel host: this machine's uname -r and uname -m, said in the note, recorded as the release", async () => {
    const out = scratchDir();
    const r = await xsysgenProcess(["gen", "--kernel", "host", "--exact", "--out", out, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { arches: string[]; kernel: { input: string; note: string | null } };
    expect(doc.kernel.input).toBe(release());
    // Whatever this machine runs, the table used and why are said: on stderr and in the document.
    const notes = r.stderr.split("\n").filter((l) => l.includes(`host kernel ${release()} (${machine()})`));
    expect(notes).toEqual([`xsysgen: note: ${doc.kernel.note}`]);
    // The machine limits the arches: an x86_64 host runs amd64 and its 386 compat user space.
    const ownArch = machine() === "x86_64" ? ["386", "amd64"] : undefined;
    if (ownArch !== undefined) expect(doc.arches).toEqual(ownArch);
    // Line 1 records the release and arches, so the command means the same on another machine.
    const go = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith(".go")) as string), "utf8");
    expect(go.split("\n")[0]).toBe(`// xsysgen gen --kernel ${release()} --arch ${doc.arches.join(",")} --exact`);
    const again = scratchDir();
    const rerun = await xsysgen(
      "gen",
      "--kernel",
      release(),
      "--arch",
      doc.arches.join(","),
      "--exact",
      "--out",
      again,
    );
    expect(rerun.code, rerun.stderr).toBe(0);
    for (const f of readdirSync(out))
      expect(readFileSync(join(again, f), "utf8")).toBe(readFileSync(join(out, f), "utf8"));
  });

  it("a uname -r names its table and arches; an arch the build does not run is one line and exit 2", async () => {
    const out = scratchDir();
    const r = await xsysgen("gen", "--kernel", "4.18.0-553.16.1.el8_10.aarch64", "--exact", "--out", out);
    expect([r.code, withoutStatus(r.stderr)]).toEqual([0, ""]);
    expect(readdirSync(out).filter((f) => f !== ".xsysgen-files")).toEqual(["zsysnum_linux_arm64.go"]);
    expect(readFileSync(join(out, "zsysnum_linux_arm64.go"), "utf8")).toMatch(/^\tSYS_OPENAT2 += 437$/m);
    for (const [argv, pattern] of [
      [["gen", "-k", "rhel8", "-a", "x32", "--exact"], /no x32 table .*Red Hat builds RHEL 8 for 386, amd64, arm64/],
      [["gen", "-k", "centos7", "-a", "arm64", "--exact"], /Red Hat built no 3\.10 kernel for aarch64/],
      [["gen", "-k", "6.1.0-13-arm64", "-a", "amd64", "--exact"], /runs arm64 code, not amd64/],
    ] as const) {
      const bad = await xsysgen(...argv, "--out", scratchDir());
      expect(bad.code).toBe(2);
      expect(bad.stderr.split("\n").filter((l) => l.startsWith("xsysgen: ") && !l.includes("note:"))).toHaveLength(1);
      expect(bad.stderr).toMatch(pattern);
    }
  });

  it("kernels lists one line per RHEL minor with its arches", async () => {
    const r = await xsysgen("kernels");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => /^ {2}RHEL \d+\.\d+ /.test(l));
    expect(lines).toHaveLength(21);
    expect(lines.find((l) => l.includes("RHEL 9.4 "))).toMatch(
      /5\.14\.0-427\.13\.1\.el9_4 +386 amd64 arm64 ppc64le s390x$/,
    );
    expect(lines.find((l) => l.includes("RHEL 7.3 "))).toMatch(
      /386 amd64 \(no ppc64, ppc64le, s390x files in the data\)$/,
    );
  });
});

describe("errors", () => {
  it.each([
    [["gen", "--kernel", "9.99", "--exact"], /9\.99/],
    [["gen", "--kernel", "three.ten", "--exact"], /three\.ten/],
    [["gen", "--kernel", "3.10", "--arch", "riscv64", "--exact"], /riscv64/],
    [["gen", "--kernel", "3.10", "--arch", "vax", "--exact"], /vax/],
    [["show", "no_such_syscall"], /no_such_syscall/],
    [["diff", "3.10"], /two sides/],
    [["gen", "--kernel", "3.10", "--bogus"], /--bogus/],
  ])("%j ends with one line and exit 2", async (argv, pattern) => {
    const r = await xsysgen(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });

  it("an --out that is a file is one line and exit 2, and the file is untouched", async () => {
    const file = join(scratchDir(), "not-a-dir");
    writeFileSync(file, "keep");
    const r = await xsysgen("gen", "--kernel", "3.10", "--arch", "amd64", "--out", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not-a-dir: --out exists and is not a directory/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
