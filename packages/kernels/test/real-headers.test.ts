/**
 * The registry against the real installed headers Debian serves for its three kernel eras:
 * bullseye (5.10), bookworm (6.1) and trixie (6.12) linux-libc-dev and every -cross package, as
 * scripts/registry/debian-sources.ts pins them (fetched into .cache/debian by scripts/lib/debian.ts,
 * sha256-checked against the suite's Packages index). Each .deb is read by the project's reader, as
 * `gen --headers <.deb>` would; for every target it serves, getTable(series, target) must equal the
 * parser's reading (entries, order and aliases). The syscall files of Debian's linux-source-6.1
 * (.cache/linux-source-6.1) are a real kernel tree to check getTable("6.1") against as well.
 *
 * @module-tag network
 */
import { parseBundle } from "@xsysgen/parser";
import { expect, test } from "vitest";
import { suiteDebs } from "../../../scripts/lib/debian.ts";
import { linuxSource61 } from "../../../scripts/lib/linux-source.ts";
import { readHeaderBundle } from "../../reader/src/index.ts";
import { getTable } from "../src/index.ts";

const debs = (["bullseye", "bookworm", "trixie"] as const).flatMap((s) => suiteDebs(s));

test(
  "getTable equals the parser's reading of every Debian 5.10, 6.1 and 6.12 header package",
  { timeout: 180_000 },
  async () => {
    let compared = 0;
    for (const { series, pkg, deb } of debs) {
      const parsed = await parseBundle(await readHeaderBundle(deb));
      expect(parsed.served, deb).toEqual(expect.arrayContaining([...pkg.targets]));
      expect(parsed.kernelVersion?.split(".").slice(0, 2).join("."), deb).toBe(series);
      for (const real of parsed.tables) {
        const fromRegistry = getTable(series, real.target);
        expect(fromRegistry.kernelVersion).toBe(series);
        const what = `${series} ${real.target} (${pkg.name} ${pkg.version})`;
        expect({ what, entries: fromRegistry.entries, aliases: fromRegistry.aliases }).toEqual({
          what,
          entries: real.entries,
          aliases: real.aliases,
        });
        compared++;
      }
    }
    // At least each package's own targets: bullseye and bookworm, 15 packages of one target each;
    // trixie, 15 -cross packages (loong64 included) and linux-libc-dev (Architecture: all), which
    // serves 16 targets. (An amd64 linux-libc-dev's asm/ also holds the 386 and x32 tables.)
    expect(compared).toBeGreaterThanOrEqual(15 + 15 + 15 + 16);
  },
);

test("getTable(6.1) is the parser's reading of linux-source-6.1 where tree and installed headers agree", async () => {
  const parsed = await parseBundle(await readHeaderBundle(linuxSource61()));
  expect(parsed.kernelVersion).toMatch(/^6\.1\.\d+$/);
  // Not compared (see packages/cli/test/gen-source-tree.test.ts): arm (uapi __NR_SYSCALL_MASK is
  // no .tbl row), loong64 (Debian's 6.1.y tree adds fstatat/fstat back).
  const skip = new Set(["arm", "loong64"]);
  const compared = parsed.tables.filter((t) => !skip.has(t.target));
  expect(compared.map((t) => t.target)).toEqual([
    "386",
    "amd64",
    "x32",
    "arm64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv64",
    "s390x",
    "sparc64",
  ]);
  for (const real of compared) {
    const fromRegistry = getTable("6.1", real.target);
    expect({ what: real.target, entries: fromRegistry.entries }).toEqual({ what: real.target, entries: real.entries });
  }
});
