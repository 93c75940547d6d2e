/**
 * `pnpm regen:registry --check-upstream` on real registry data: each part is given what the registry's own
 * inputs table pins minus its newest rows, and must find those packages again, as the rows to add, from
 * real index data (the trixie-backports Packages index; a `go list -m -versions` listing of golang.org/x/sys,
 * whose new versions are downloaded for their Dockerfile and go.sum hash; the pinned PyPI wheels). The last
 * test asks the registries themselves; a registry that cannot be reached (exit 2) skips it rather than
 * failing, since CI's network is not the code under test.
 *
 * @module-tag network
 * @module-tag go
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SuiteApt } from "../lib/apt.ts";
import { inputRows, parseInputTable } from "../registry/input-table.ts";
import { registryCache, repoRoot } from "../registry/inputs.ts";
import {
  bringsNewRelease,
  compareRelease,
  debianRelease,
  debianUpstream,
  pypiUpstream,
  renderUpstream,
  rowOf,
  upstreamExitCode,
  xsysUpstream,
  type UpstreamPackage,
} from "../registry/upstream.ts";
import { allSeries } from "../../packages/kernels/src/series.ts";

const rows = inputRows();
const without = (drop: (r: (typeof rows)[number]) => boolean) => rows.filter((r) => !drop(r));

describe("versions and releases", () => {
  test("kernel releases order as Linux numbers them, an -rc before its release", () => {
    expect(compareRelease("7.10", "7.9")).toBe(1);
    expect(compareRelease("7.3-rc7", "7.3")).toBe(-1);
    expect(compareRelease("2.6.39", "3.0")).toBe(-1);
    expect(compareRelease("6.1", "6.1")).toBe(0);
  });
  test("Debian versions name their kernel release", () => {
    expect(debianRelease("7.3.4-1~bpo13+1")).toBe("7.3");
    expect(debianRelease("7.3~rc7-1~exp1")).toBe("7.3-rc7");
    expect(debianRelease("6.1.4-1cross1")).toBe("6.1");
  });
});

/** The rows of a kind whose series is the newest among that kind's (the last release added). */
function newestRows(kind: string): typeof rows {
  const own = rows.filter((r) => r.kind === kind && r.series !== undefined && !/-rc/.test(r.series));
  const newest = own.map((r) => r.series as string).reduce((a, b) => (compareRelease(b, a) > 0 ? b : a));
  return own.filter((r) => r.series === newest);
}

test("without its newest Debian row, the suite's index says the registry is behind, with that row to add", () => {
  const pinned = newestRows("debian")[0] as (typeof rows)[number];
  const suite = pinned.name.split("/")[0] as string;
  const apt = new SuiteApt(suite, join(registryCache, "debian", `${suite}-apt`));
  const found = debianUpstream(
    without((r) => r === pinned),
    (s, names) => (s === suite ? apt.available(names) : new Map()),
  );
  const back = found.find((p) => p.name === pinned.name) as UpstreamPackage;
  expect(back.release).toBe(pinned.series);
  // The index lists the pinned .deb (and may list newer uploads of that release since): the newest is not older.
  execFileSync("dpkg", ["--compare-versions", back.version, "ge", pinned.version]);
  if (back.version === pinned.version)
    expect(rowOf(back)).toBe(rowOf({ ...pinned, release: pinned.series, pinned: undefined }));
  expect(parseInputTable(rowOf(back))).toHaveLength(1);
  const before = allSeries[allSeries.indexOf(pinned.series as string) - 1] as string;
  const report = { packages: found, errors: [] };
  expect(bringsNewRelease(back, before)).toBe(true);
  expect(upstreamExitCode(report, before)).toBe(1);
  expect(renderUpstream(report, before)).toMatch(
    new RegExp(`\\nbehind: \\d+ input\\(s\\) of releases past ${before}; add`),
  );
  // With the row, its release is no release past the registry's newest.
  expect(upstreamExitCode(report, pinned.series as string)).toBe(0);
});

test("without its newest x/sys rows, the version list gives them back with Linux and go.sum", () => {
  const dropped = newestRows("go");
  // The listing `go list -m -versions golang.org/x/sys` prints, of the pinned versions (each downloaded,
  // from the proxy or the module cache, to read its Dockerfile and go.sum hash).
  const versions = rows.filter((r) => r.kind === "go").map((r) => r.version);
  const found = xsysUpstream(
    without((r) => dropped.includes(r)),
    `golang.org/x/sys ${versions.join(" ")}`,
  );
  for (const r of dropped) expect(found.map(rowOf)).toContain([r.kind, r.name, r.version, r.series, r.pin].join("\t"));
});

test("without its newest PyPI rows, system-calls finds them again with their linux_version.py and wheel sha256", () => {
  const dropped = newestRows("pypi");
  const versions = rows.filter((r) => r.kind === "pypi").map((r) => r.version);
  const found = pypiUpstream(
    without((r) => dropped.includes(r)),
    `system-calls\nAvailable versions: ${versions.reverse().join(", ")}\n`,
  );
  expect(found.map(rowOf)).toEqual(dropped.map((r) => [r.kind, r.name, r.version, r.series, r.pin].join("\t")));
});

test("pnpm regen:registry --check-upstream asks the registries: up to date or behind, one verdict line", (ctx) => {
  const r = spawnSync("node", ["--import", "tsx", join(repoRoot, "scripts", "build-registry.ts"), "--check-upstream"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (r.status === 2)
    ctx.skip(`a registry could not be reached: ${r.stdout.split("\n").find((l) => l.startsWith("error:"))}`);
  expect([0, 1], r.stderr).toContain(r.status);
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  expect(last).toMatch(r.status === 0 ? /^up to date: / : /^behind: /);
}, 300_000);
