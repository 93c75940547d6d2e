/**
 * Issue 25: `show` and `kernels` fit the screen (120 columns when stdout is no terminal, its width when
 * it is one), with `show`'s evidence behind `--evidence`; `kernels` narrows to a release, a kernel as
 * --kernel takes it, a distro family or --arch. Expectations come from the registry's listing.
 */
import { listKernels, resolveKernel, showSyscall } from "@xsysgen/kernels";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/run.ts";
import { xsysgen } from "./_support.ts";

const widest = (text: string) => Math.max(...text.split("\n").map((l) => l.length));

/** The CLI with stdout a terminal of `columns` columns. */
async function onTerminal(columns: number, ...argv: string[]): Promise<string> {
  let out = "";
  const stdout = { isTTY: true, columns, write: (t: string) => (out += t) };
  const code = await runCli(argv, { stdout, stderr: { write: () => true }, env: process.env });
  expect(code).toBe(0);
  return out;
}

describe.concurrent("show fits the screen", () => {
  it.each([["statx"], ["openat2"], ["memfd_secret"], ["arm_fadvise64_64"], ["332"]])("show %s", async (name) => {
    const plain = await xsysgen("show", name);
    expect(plain.code, plain.stderr).toBe(0);
    expect(widest(plain.stdout)).toBeLessThanOrEqual(120);
    const withEvidence = await xsysgen("show", name, "--evidence");
    expect(widest(withEvidence.stdout)).toBeLessThanOrEqual(120);
    // Evidence only when asked: each arch's lacking/having tables appear under it then.
    const result = showSyscall(name);
    for (const a of result.arches) {
      const having = a.evidence.having?.series;
      if (having !== undefined) expect(withEvidence.stdout.replace(/\s+/g, " ")).toContain(`in ${having} (`);
    }
    expect(plain.stdout).not.toMatch(/\bnot in \d/);
    expect(withEvidence.stdout.length).toBeGreaterThan(plain.stdout.length);
    for (const width of [60, 80, 200]) {
      const text = await onTerminal(width, "show", name, "--evidence");
      // A word longer than the room stays whole (a source path); everything else wraps.
      for (const line of text.split("\n")) if (line.length > width) expect(line.trim()).not.toContain(" ");
    }
  });

  it("groups the RHEL builds by whether they have it (memfd_secret: s390x only from 9.6)", async () => {
    const r = await xsysgen("show", "memfd_secret", "--arch", "amd64,s390x");
    const rhel = r.stdout.slice(r.stdout.indexOf("RHEL builds:"));
    const listed = showSyscall("memfd_secret", ["amd64", "s390x"]).distros.filter((d) => Object.keys(d.has).length > 0);
    const mixed = listed.filter((d) => d.has.amd64 === true && d.has.s390x !== true).map((d) => d.release);
    expect(mixed.length).toBeGreaterThan(2);
    expect(rhel).toContain(`on amd64, not on s390x: ${mixed[0]} … ${mixed.at(-1)?.replace("RHEL ", "")}`);
  });
});

describe.concurrent("kernels fits the screen and filters", () => {
  it("whole listing: every release and build, no line over 120 columns", async () => {
    const r = await xsysgen("kernels");
    expect(widest(r.stdout)).toBeLessThanOrEqual(120);
    const listing = listKernels();
    for (const v of listing.vanilla) expect(r.stdout).toMatch(new RegExp(`^  ${v.series.replace(/\./g, "\\.")} `, "m"));
    for (const d of listing.distros) expect(r.stdout).toContain(d.name);
    const narrow = await onTerminal(72, "kernels");
    expect(widest(narrow)).toBeLessThanOrEqual(72);
  });

  it("a release: its row, what its derived cells leave out, the RHEL builds on it", async () => {
    const listing = listKernels();
    const v = listing.vanilla.find((x) => x.uncertain.length > 0 && listing.distros.some((d) => d.base === x.series));
    const series = v?.series ?? "4.18";
    const r = await xsysgen("kernels", series, "--json");
    const doc = JSON.parse(r.stdout) as typeof listing;
    expect(doc.vanilla.map((x) => x.series)).toEqual([series]);
    expect(doc.distros.map((d) => d.name)).toEqual(listing.distros.filter((d) => d.base === series).map((d) => d.name));
    const text = (await xsysgen("kernels", series)).stdout;
    for (const u of v?.uncertain ?? [])
      for (const e of u.entries) expect(text).toContain(`${e.name} (first ${e.first})`);
  });

  it.each([["5.14.0-427.13.1.el9_4.x86_64"], ["3.10.0-1160.99.1.el7.ppc64le"], ["6.1.0-13-arm64"], ["rhel8.10"]])(
    "%s: what it resolves to, on the arches it names",
    async (spec) => {
      const ref = resolveKernel(spec);
      const doc = JSON.parse((await xsysgen("kernels", spec, "--json")).stdout) as ReturnType<typeof listKernels>;
      const arches = [...doc.vanilla.flatMap((v) => v.targets), ...doc.distros.flatMap((d) => d.targets)];
      if (ref.machineTargets !== undefined) for (const t of arches) expect(ref.machineTargets).toContain(t);
      if (ref.kind === "distro") expect(doc.distros.map((d) => d.name)).toEqual([ref.name]);
      else expect(doc.vanilla.map((v) => v.series)).toEqual([ref.series]);
      const text = (await xsysgen("kernels", spec)).stdout;
      if (ref.note !== undefined) expect(text.replace(/\s+/g, " ")).toContain(ref.note);
    },
  );

  it("a family or a major: its builds only; --arch keeps what covers it", async () => {
    const listing = listKernels();
    const rhel9 = JSON.parse((await xsysgen("kernels", "centos-stream9", "--json")).stdout) as typeof listing;
    expect(rhel9.vanilla).toEqual([]);
    expect(rhel9.distros.map((d) => d.name)).toEqual(
      listing.distros.filter((d) => d.minor.startsWith("9.")).map((d) => d.name),
    );
    const loong = JSON.parse((await xsysgen("kernels", "--arch", "loong64", "--json")).stdout) as typeof listing;
    expect(loong.vanilla.map((v) => v.series)).toEqual(
      listing.vanilla.filter((v) => v.targets.includes("loong64")).map((v) => v.series),
    );
    expect(loong.distros).toEqual([]);
    for (const v of loong.vanilla) expect(v.targets).toEqual(["loong64"]);
  });

  it("a word that names nothing is refused in one line", async () => {
    const r = await xsysgen("kernels", "frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("kernels: frobnicate names no kernel or distro the registry knows");
  });
});
