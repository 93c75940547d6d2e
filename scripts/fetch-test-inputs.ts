/**
 * Downloads, one after another, the real inputs the tests read, so parallel test workers never race
 * to fetch the same file: Debian bookworm's packages (linux-libc-dev 6.1 for 15 targets, x/sys
 * v0.3.0) into .cache/debian, the pinned bullseye (5.10), bookworm (6.1) and trixie (6.12) header packages into
 * .cache/debian/<suite> (scripts/lib/debian.ts, sha256-checked against the Packages index), each
 * unpacked once as the tests read it into .cache/debian-unpacked (scripts/lib/debian-unpacked.ts), the
 * syscall files of Debian's linux-source-6.1 into .cache/linux-source-6.1 (scripts/lib/linux-source.ts)
 * the golang.org/x/sys releases the registry pins (scripts/registry/inputs.tsv) and the Go modules the
 * tests read, the check corpus's with their dependencies (scripts/lib/test-modules.ts), into
 * .cache/gomod, a node binary of each Node line the package supports (scripts/lib/node-lines.ts) into
 * .cache/node, and, where kernel-data lies beside the clone (the reproduction test runs only there),
 * every registry input into .cache/registry. Run by scripts/install.sh; the tests still fetch anything
 * missing themselves.
 */
import { existsSync } from "node:fs";
import { debianCrossPackage, findTarget } from "../packages/core/src/index.ts";
import { crossPackages, debianPackage, suiteDeb, suiteDebs } from "./lib/debian.ts";
import { unpackedDeb } from "./lib/debian-unpacked.ts";
import { corpusModules, testXsysVersions } from "./lib/test-modules.ts";
import { downloadModuleAndDependencies, xsysUnixDir } from "./lib/gomod.ts";
import { linuxSource61 } from "./lib/linux-source.ts";
import { nodeBinary, nodeLines } from "./lib/node-lines.ts";
import { fetchRegistryInputs } from "./registry/fetch-inputs.ts";
import { kernelDataRoot } from "./registry/inputs.ts";
import { xsysSources } from "./registry/xsys-sources.ts";

const names = ["linux-libc-dev", ...crossPackages, "golang-golang-x-sys-dev"];
const debs = names.map((name) => debianPackage(name));
const suiteSets = (["bullseye", "bookworm", "trixie"] as const).map((s) => suiteDebs(s));
const suites = suiteSets.map((set) => set.length);
// Unpacked as the tests read them: the bookworm packages whole (parser/test/engines.test.ts, the
// generator's fallback and zsysnum tests, the CLI's gen tests), every suite's header packages
// headers-only (parser/test/helpers.ts realHeaderRoots, headers.test.ts, tables.test.ts), and trixie's
// x32 -cross package whole (generator/test/fallback-arches.test.ts).
for (const deb of debs) unpackedDeb(deb, "whole");
for (const { deb } of suiteSets.flat()) unpackedDeb(deb, "headers");
unpackedDeb(suiteDeb("trixie", debianCrossPackage(findTarget("x32")!)), "whole");
linuxSource61();
for (const version of new Set([...xsysSources.map((s) => s.version), ...testXsysVersions])) xsysUnixDir(version);
for (const pin of corpusModules) downloadModuleAndDependencies(pin);
// The registry's own inputs only matter where its reproduction test runs: beside kernel-data.
const registryRows = existsSync(kernelDataRoot()) ? await fetchRegistryInputs() : 0;
const nodes = nodeLines.map((line) => `${line.major}: ${nodeBinary(line)}`);
process.stdout.write(
  `${names.length} bookworm (machine's apt), ${suites[0]} bullseye, ${suites[1]} bookworm and ${suites[2]} ` +
    "trixie (pinned) Debian packages ready in .cache/debian, unpacked in .cache/debian-unpacked; " +
    "linux-source-6.1's syscall files in .cache/linux-source-6.1; " +
    `${xsysSources.length} golang.org/x/sys releases of the registry, ${testXsysVersions.length} of the tests ` +
    `and ${corpusModules.length} corpus modules with their dependencies in .cache/gomod; ` +
    (registryRows > 0 ? `the registry's ${registryRows} pinned inputs in .cache/registry; ` : "") +
    `Node ${nodes.join(", ")}\n`,
);
