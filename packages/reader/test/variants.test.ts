/**
 * Every archive form of the reader's fixture tree (fixtures.ts: tar with each compression, .deb, .rpm) gives
 * the same files as the tree itself, with the system decompressors and with the in-process libraries, and
 * no decompressor is left running.
 *
 * @module-tag network
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readHeaderBundle, type DecompressorChoice } from "@xsysgen/reader";
import { buildVariants, debVersion, expectedFiles, rpmRelease, rpmVersion, tree, type Variants } from "./fixtures.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let variants: Variants;
const expected = expectedFiles();

beforeAll(async () => {
  variants = await buildVariants();
});

function childrenOfThisProcess(): string[] {
  const out = execFileSync("ps", ["-o", "comm=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter((c) => c !== "" && c !== "ps");
}

describe("every archive form of the fixture tree yields the same files", () => {
  it("keeps exactly the relevant files, dropping the rest", () => {
    expect(expected.has("usr/include/x86_64-linux-gnu/asm/unistd_64.h")).toBe(true);
    expect(expected.has("usr/include/linux/unistd.h")).toBe(false);
  });

  it("reads the directory itself", async () => {
    const bundle = await readHeaderBundle(tree);
    expect(bundle.origin).toBe(tree);
    expect(bundle.files).toEqual(expected);
    expect(bundle.packageVersion).toBeUndefined();
  });

  for (const mode of ["system", "library"] satisfies DecompressorChoice[]) {
    it(`reads every tar, deb and rpm variant with ${mode} decompressors`, async () => {
      for (const [name, path] of variants.archives) {
        const bundle = await readHeaderBundle(path, { decompressors: mode });
        expect(bundle.files, name).toEqual(expected);
        expect(bundle.origin).toBe(path);
        if (name.startsWith("deb-")) expect(bundle.packageVersion, name).toBe("5.10.0");
        else if (name.startsWith("rpm-")) expect(bundle.packageVersion, name).toBe(`${rpmVersion}-${rpmRelease}`);
        else expect(bundle.packageVersion, name).toBeUndefined();
      }
      expect(childrenOfThisProcess()).toEqual([]);
    });
  }

  it("finds the system tools on the `env` option's PATH; without them there, auto reads in-process", async () => {
    const xz = variants.archives.get("tree.tar.xz") as string;
    // An `xz` that leaves a mark and runs the real one: the reader ran what that PATH holds.
    const bin = scratchDir("path");
    const mark = join(bin, "ran");
    const realXz = execFileSync("sh", ["-c", "command -v xz"], { encoding: "utf8" }).trim();
    writeFileSync(join(bin, "xz"), `#!/bin/sh\n: > '${mark}'\nexec '${realXz}' "$@"\n`);
    chmodSync(join(bin, "xz"), 0o755);
    const viaPath = await readHeaderBundle(xz, { env: { PATH: bin } });
    expect(viaPath.files).toEqual(expected);
    expect(existsSync(mark)).toBe(true);

    const empty = { PATH: join(bin, "nothing-here") };
    expect((await readHeaderBundle(xz, { env: empty })).files).toEqual(expected);
    await expect(readHeaderBundle(xz, { env: empty, decompressors: "system" })).rejects.toThrow(
      `${xz}: xz data needs \`xz\`, which is not on PATH`,
    );
    expect(childrenOfThisProcess()).toEqual([]);
  });

  it("the deb fixture carries the version dpkg-deb reports", () => {
    const deb = variants.archives.get("deb-xz") as string;
    expect(execFileSync("dpkg-deb", ["-f", deb, "Version"], { encoding: "utf8" }).trim()).toBe(debVersion);
  });
});
