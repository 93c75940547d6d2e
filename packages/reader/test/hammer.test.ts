/**
 * Every archive form of the reader's fixture (fixtures.ts) cut or bit-flipped at random, with the system
 * decompressors and the in-process libraries: a clean read or an InputError, never another exception, and
 * no decompressor left running; and Debian's version strings to upstream versions.
 *
 * @module-tag network
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@xsysgen/core";
import { debianUpstreamVersion, readHeaderBundle, type DecompressorChoice } from "@xsysgen/reader";
import { buildVariants, type Variants } from "./fixtures.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let variants: Variants;
let dir: string;

beforeAll(async () => {
  variants = await buildVariants();
  dir = scratchDir("hammer");
});

function children(): string[] {
  const out = execFileSync("ps", ["-o", "comm=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter((c) => c !== "" && c !== "ps");
}

const targets = [
  "tree-gnu.tar",
  "tree.tar.gz",
  "tree.tar.xz",
  "tree.tar.bz2",
  "tree.tar.zst",
  "deb-xz",
  "deb-zstd",
  "rpm-xz",
  "rpm-none",
];

describe("damaged archives fail as InputError or read cleanly, never anything else", () => {
  for (const mode of ["system", "library"] satisfies DecompressorChoice[]) {
    it.each(targets)(`%s cut or bit-flipped at random (${mode})`, async (name) => {
      const original = readFileSync(variants.archives.get(name) as string);
      const path = join(dir, `${mode}-${name}`);
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: original.length - 1 }),
          fc.boolean(),
          fc.integer({ min: 0, max: 7 }),
          async (at, cut, bit) => {
            const damaged = Buffer.from(cut ? original.subarray(0, at) : original);
            if (!cut) damaged[at] = (damaged[at] ?? 0) ^ (1 << bit);
            writeFileSync(path, damaged);
            const outcome = await readHeaderBundle(path, { decompressors: mode }).then(
              () => "read",
              (e: unknown) => e,
            );
            if (outcome !== "read") {
              expect(outcome).toBeInstanceOf(InputError);
              expect((outcome as InputError).message).not.toContain("\n");
            }
            expect(children()).toEqual([]);
          },
        ),
        { numRuns: 8, seed: 20240611 },
      );
    });
  }
});

describe("debianUpstreamVersion", () => {
  it.each([
    ["6.1.4-1cross1", "6.1.4"],
    ["6.1.192-2", "6.1.192"],
    ["1:5.10.0-2cross1", "5.10.0"],
    ["5.10.0+-2", "5.10.0+"],
    ["2.0", "2.0"],
    ["1:4.19.0-20+deb10u1", "4.19.0"],
  ])("%s -> %s", (version, upstream) => {
    expect(debianUpstreamVersion(version)).toBe(upstream);
  });
});
