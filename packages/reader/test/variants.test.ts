import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHeaderBundle, type DecompressorChoice } from "@xsysgen/reader";
import { buildVariants, debVersion, expectedFiles, rpmRelease, rpmVersion, tree, type Variants } from "./fixtures.ts";

let variants: Variants;
const expected = expectedFiles();

beforeAll(async () => {
  variants = await buildVariants();
});
afterAll(() => rmSync(variants.dir, { recursive: true, force: true }));

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

  it("takes the library path from XSYSGEN_DECOMPRESSORS", async () => {
    const saved = process.env["XSYSGEN_DECOMPRESSORS"];
    process.env["XSYSGEN_DECOMPRESSORS"] = "library";
    // With PATH emptied, only the library path can succeed.
    const savedPath = process.env["PATH"];
    process.env["PATH"] = "";
    try {
      const bundle = await readHeaderBundle(variants.archives.get("tree.tar.xz") as string);
      expect(bundle.files).toEqual(expected);
    } finally {
      process.env["PATH"] = savedPath;
      if (saved === undefined) delete process.env["XSYSGEN_DECOMPRESSORS"];
      else process.env["XSYSGEN_DECOMPRESSORS"] = saved;
    }
  });

  it("the deb fixture carries the version dpkg-deb reports", () => {
    const deb = variants.archives.get("deb-xz") as string;
    expect(execFileSync("dpkg-deb", ["-f", deb, "Version"], { encoding: "utf8" }).trim()).toBe(debVersion);
  });
});
