/**
 * Regenerate-and-diff: `pnpm regen:registry` reproduces every committed registry file byte for byte
 * from its inputs — kernel-data (../shared/kernel-data beside the clone, as CI lays it out) and the
 * Debian packages, golang.org/x/sys modules and PyPI system-calls wheel it downloads into
 * .cache/registry. And every RHEL build the registry serves gives, through `gen --exact --kernel`, what
 * `gen --exact --headers` gives on that build's own tree. These are the tests that read kernel-data; a
 * clone without it skips them.
 *
 * @module-tag network
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseBundle } from "@xsysgen/parser";
import { goTargets, type TargetName } from "@xsysgen/core";
import { describe, expect, test } from "vitest";
import { buildRegistryFiles } from "../../../scripts/build-registry.ts";
import { kernelDataHas, kernelDataRoot, readKernelData, repoRoot } from "../../../scripts/registry/inputs.ts";
import { rhelTreeBundle } from "../../../scripts/registry/rhel.ts";
import { kernelTreeBundle } from "../../../scripts/registry/snapshots.ts";
import { fromLine2, xsysgen } from "../../cli/test/_support.ts";
import { getTable, listKernels } from "../src/index.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const haveKernelData = existsSync(kernelDataRoot());

/** A table's entries as `name number`, sorted: numbers and presence, whatever the order. */
const numbered = (t: { entries: readonly { name: string; number: number }[] } | undefined) =>
  (t?.entries ?? []).map((e) => `${e.name} ${e.number}`).sort();

test.skipIf(!haveKernelData)(
  "registry files regenerate from their pinned inputs without a difference",
  async () => {
    const files = await buildRegistryFiles();
    expect([...files.keys()].map((p) => relative(repoRoot, p))).toEqual([
      "packages/kernels/data/registry.json",
      "packages/kernels/data/registry/renames.tsv",
      "packages/kernels/data/registry/pins.tsv",
      "README.md",
      "packages/kernels/README.md",
    ]);
    for (const [path, text] of files) {
      expect(readFileSync(path, "utf8"), `${path} is stale: run pnpm regen:registry`).toBe(text);
    }
  },
  1_200_000,
);

/** The arches Red Hat builds each RHEL major for (FACTS.md "Which ABIs a RHEL 8/9/10 kernel runs"). */
const redHatArches: Readonly<Record<string, readonly TargetName[]>> = {
  "6": ["386", "amd64", "ppc64", "s390x"],
  "7": ["386", "amd64", "ppc64", "ppc64le", "s390x"],
  "8": ["386", "amd64", "arm64", "ppc64le", "s390x"],
  "9": ["386", "amd64", "arm64", "ppc64le", "s390x"],
  "10": ["386", "amd64", "arm64", "ppc64le", "s390x"],
};

/** kernel-data's directory holding each arch's files of a saved tree. */
const dataDir: Readonly<Partial<Record<TargetName, string>>> = {
  "386": "i386",
  amd64: "x86_64",
  arm64: "arm64",
  ppc64: "powerpc",
  ppc64le: "powerpc",
  s390x: "s390",
};

/** The GA build of every minor: the trees saved before AlmaLinux's list, then each listed minor's saved one. */
function gaBuilds(): Array<{ minor: string; build: string }> {
  const older = [
    { minor: "6.8", build: "2.6.32-642.6.2.el6" },
    { minor: "7.3", build: "3.10.0-514.el7" },
    { minor: "7.7", build: "3.10.0-1062.el7" },
    { minor: "7.8", build: "3.10.0-1127.el7" },
    { minor: "7.9", build: "3.10.0-1160.el7" },
  ];
  const rows = readKernelData("rhel-builds/almalinux-kernel-builds.tsv")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t") as [string, string]);
  const listed = rows
    .filter(([build]) => kernelDataHas(`tables/x86_64/${build}`))
    .map(([build, minor]) => ({ minor, build }));
  return [...older, ...listed];
}

describe.skipIf(!haveKernelData)("every RHEL minor's GA build equals its own tree's table", () => {
  const builds = haveKernelData ? gaBuilds() : [];

  test("the registry serves one build per minor, 6.8, 7.3, 7.7-7.9 and every minor 8.3-10.0", () => {
    const minors = builds.map((b) => b.minor);
    expect(minors).toEqual(expect.arrayContaining(["8.3", "8.10", "9.0", "9.6", "10.0"]));
    expect(minors).toHaveLength(5 + 8 + 7 + 1);
    expect(listKernels().distros.map((d) => ({ minor: d.minor, build: d.name }))).toEqual(builds);
  });

  test.each(haveKernelData ? gaBuilds() : [])(
    "RHEL $minor ($build): gen --exact --kernel = gen --exact --headers <its tree>, every arch",
    async ({ minor, build }) => {
      // Every arch Red Hat builds the major for, whose files kernel-data saved for this build.
      const arches = (redHatArches[minor.split(".")[0] as string] ?? []).filter((t) =>
        kernelDataHas(`tables/${dataDir[t]}/${build}`),
      );
      expect(listKernels().distros.find((d) => d.name === build)?.targets).toEqual(arches);
      const tree = scratchDir("rhel-tree");
      for (const [path, text] of rhelTreeBundle(build).bundle.files) {
        mkdirSync(dirname(join(tree, path)), { recursive: true });
        writeFileSync(join(tree, path), text);
      }
      // Numbers and presence: the registry's table is the parser's reading of the tree.
      const parsed = await parseBundle(rhelTreeBundle(build).bundle, { only: arches });
      for (const target of arches) {
        const real = parsed.tables.find((t) => t.target === target);
        expect({ target, entries: numbered(getTable(build, target)) }).toEqual({ target, entries: numbered(real) });
      }
      // And what build tooling gets: the x/sys files both ways, byte for byte after line 1 (the command).
      const goArches = arches.filter((t) => goTargets.some((g) => g.name === t)).join(",");
      const fromKernel = scratchDir("rhel-kernel");
      const fromHeaders = scratchDir("rhel-headers");
      const k = await xsysgen("gen", "--exact", "--kernel", build, "--arch", goArches, "--out", fromKernel);
      const h = await xsysgen("gen", "--exact", "--headers", tree, "--arch", goArches, "--out", fromHeaders);
      expect(k.code, k.stderr).toBe(0);
      expect(h.code, h.stderr).toBe(0);
      // The Go files, one per arch (beside them gen's record of what it wrote, .xsysgen-files).
      const goFiles = (dir: string) =>
        readdirSync(dir)
          .filter((f) => f.endsWith(".go"))
          .sort();
      const written = goFiles(fromKernel);
      expect(written).toEqual(goFiles(fromHeaders));
      expect(written).toHaveLength(arches.length);
      for (const file of written)
        expect(fromLine2(readFileSync(join(fromKernel, file), "utf8")), `${build} ${file}`).toBe(
          fromLine2(readFileSync(join(fromHeaders, file), "utf8")),
        );
    },
    120_000,
  );

  test("wulmx's 4.18.0-348.2.1.el8 tree (the RHEL 8.5 tables used before) equals AlmaLinux's 8.5", async () => {
    const el85 = listKernels().distros.find((d) => d.minor === "8.5");
    expect(el85?.name).toBe("4.18.0-348.el8");
    expect(el85?.sameAs).toContain("4.18.0-348.2.1.el8");
    // Its x86 tables and asm-generic/unistd.h, the latter read through AlmaLinux 8.5's own arm64 wrapper.
    const files = new Map(rhelTreeBundle("4.18.0-348.el8").bundle.files);
    for (const [path, text] of kernelTreeBundle("4.18.0-348.2.1.el8", ["x86_64", "i386", "generic"]).files)
      files.set(path, text);
    const parsed = await parseBundle(
      { origin: "wulmx 4.18.0-348.2.1.el8", files },
      { only: ["amd64", "386", "arm64"] },
    );
    expect(parsed.tables.map((t) => t.target)).toEqual(["386", "amd64", "arm64"]);
    for (const real of parsed.tables)
      expect({ target: real.target, entries: numbered(getTable("4.18.0-348.el8", real.target)) }).toEqual({
        target: real.target,
        entries: numbered(real),
      });
  });
});

describe.skipIf(!haveKernelData)("arm's #undef'd OABI calls (2.6.32-4.9) come back as the headers give them", () => {
  test.each(["2.6.32", "3.10", "4.9"])(
    "gen --exact --kernel %s --arch arm = gen --exact --headers <its whole tree>",
    async (version) => {
      const tree = scratchDir("arm-tree");
      for (const [path, text] of kernelTreeBundle(version, ["arm"]).files) {
        mkdirSync(dirname(join(tree, path)), { recursive: true });
        writeFileSync(join(tree, path), text);
      }
      const [fromKernel, fromHeaders] = [scratchDir("arm-k"), scratchDir("arm-h")];
      const k = await xsysgen("gen", "--exact", "--kernel", version, "--arch", "arm", "--out", fromKernel);
      const h = await xsysgen("gen", "--exact", "--headers", tree, "--arch", "arm", "--out", fromHeaders);
      expect([k.code, h.code], `${k.stderr}${h.stderr}`).toEqual([0, 0]);
      const ours = readFileSync(join(fromKernel, "zsysnum_linux_arm.go"), "utf8");
      expect(fromLine2(ours)).toBe(fromLine2(readFileSync(join(fromHeaders, "zsysnum_linux_arm.go"), "utf8")));
      expect(ours).toMatch(/^\tSYS_TIME += 13$/m);
      expect(getTable(version, "arm").undefEntries?.map((u) => u.name)).toHaveLength(12);
    },
    120_000,
  );
});
