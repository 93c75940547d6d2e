/**
 * The registry against the real installed headers Debian serves for its three kernel eras:
 * bullseye (5.10), bookworm (6.1) and trixie (6.12) linux-libc-dev and every -cross package, as
 * scripts/registry/debian-sources.ts pins them (fetched into .cache/debian by scripts/lib/debian.ts,
 * sha256-checked against the suite's Packages index). Each .deb is read by the project's reader, as
 * `gen --headers <.deb>` would; for every target it serves, getTable(series, target) must equal the
 * parser's reading (entries, order and aliases).
 */
import { parseBundle } from "@xsysgen/parser";
import { expect, test } from "vitest";
import { suiteDebs } from "../../../scripts/lib/debian.ts";
import { readHeaderBundle } from "../../reader/src/index.ts";
import { getTable } from "../src/index.ts";

const debs = (["bullseye", "bookworm", "trixie"] as const).flatMap((s) => suiteDebs(s));

test("getTable equals the parser's reading of every Debian 5.10, 6.1 and 6.12 header package", { timeout: 180_000 }, async () => {
  let compared = 0;
  for (const { series, pkg, deb } of debs) {
    const parsed = await parseBundle(await readHeaderBundle(deb));
    expect(parsed.served, deb).toEqual(expect.arrayContaining([...pkg.targets]));
    expect(parsed.kernelVersion?.split(".").slice(0, 2).join("."), deb).toBe(series);
    for (const real of parsed.tables) {
      const fromRegistry = getTable(series, real.target);
      expect(fromRegistry.kernelVersion).toBe(series);
      const what = `${series} ${real.target} (${pkg.name} ${pkg.version})`;
      expect({ what, entries: fromRegistry.entries, aliases: fromRegistry.aliases }).toEqual({ what, entries: real.entries, aliases: real.aliases });
      compared++;
    }
  }
  // At least each package's own targets: bullseye and bookworm, 15 packages of one target each;
  // trixie, 15 -cross packages (loong64 included) and linux-libc-dev (Architecture: all), which
  // serves 16 targets. (An amd64 linux-libc-dev's asm/ also holds the 386 and x32 tables.)
  expect(compared).toBeGreaterThanOrEqual(15 + 15 + 15 + 16);
});
