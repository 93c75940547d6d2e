/**
 * Every (release, arch) cell from each arch's first kernel to the newest release — as many as
 * `listKernels()` counts and the README states — comes out of
 * `gen --kernel <series>` offline, and without --arch gen writes every arch the release has: the
 * x/sys file of each GOARCH and every ABI (x32 included) in syscalls.json and the fallback header.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { allSeries, compareSeries, listKernels, sinceOf } from "@xsysgen/kernels";
import { goTargets, targets } from "@xsysgen/core";
import { expect, test } from "vitest";
import { xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

test("gen --kernel <series> writes every arch the release has, for every series 2.6.32 to the newest", async () => {
  let cells = 0;
  for (const series of allSeries) {
    const out = scratchDir();
    const r = await xsysgen("gen", "--kernel", series, "--out", out, "--json");
    expect(r.code, `${series}: ${r.stderr}`).toBe(0);
    const had = targets.filter((t) => compareSeries(series, t.firstKernel) >= 0).map((t) => t.name);
    const json = JSON.parse(readFileSync(join(out, "syscalls.json"), "utf8")) as { arches: Record<string, unknown[]> };
    expect(Object.keys(json.arches).sort(), series).toEqual([...had].sort());
    const goFiles = readdirSync(out)
      .filter((f) => f.endsWith(".go"))
      .sort();
    const expected = goTargets
      .filter((t) => had.includes(t.name))
      .map((t) => `zsysnum_linux_${t.goarch}.go`)
      .sort();
    expect(goFiles, series).toEqual(expected);
    cells += had.length;
  }
  expect(cells).toBe(listKernels().vanilla.reduce((n, v) => n + v.targets.length, 0));
  expect(cells).toBeGreaterThanOrEqual(1329);
}, 600_000);

test("gen --kernel centos7 writes the arches RHEL 7.9 is built for, ppc64le and s390x included", async () => {
  const out = scratchDir();
  const r = await xsysgen("gen", "--kernel", "centos7", "--out", out);
  expect(r.code, r.stderr).toBe(0);
  const goFiles = readdirSync(out)
    .filter((f) => f.endsWith(".go"))
    .sort();
  // No arm64: Red Hat built no 3.10 kernel for aarch64 (RHEL 7's aarch64 ran the 4.x kernel-alt).
  expect(goFiles).toEqual(["386", "amd64", "ppc64", "ppc64le", "s390x"].map((g) => `zsysnum_linux_${g}.go`));
  // statx (ppc64 383, s390x 379) is not in RHEL 7.9: the patched files say so, with the registry's first kernel.
  for (const [goarch, nr] of [
    ["ppc64le", 383],
    ["s390x", 379],
  ] as const) {
    const text = readFileSync(join(out, `zsysnum_linux_${goarch}.go`), "utf8");
    const since = sinceOf("statx", goarch)?.text ?? "?";
    expect(text).toContain(`= ${nr} // not in 3.10.0-1160.el7 headers; Linux ${since}`);
  }
});
