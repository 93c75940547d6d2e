/**
 * The system decompressors (`xz`, `zstd`, `bzip2`, `gzip` as child processes on another core)
 * and the in-process libraries (lzma-native, fzstd, unbzip2-stream, node:zlib) give the same
 * bundle, byte for byte, on real packages; "auto" (what the CLI uses) is one of the two.
 * variants.test.ts does the same for every archive form of the fixture tree.
 */
import { describe, expect, it } from "vitest";
import { readHeaderBundle } from "@xsysgen/reader";
import { debianPackage } from "../../../scripts/lib/debian.ts";

describe("system and library decompressors agree on real packages", () => {
  it.each(["linux-libc-dev", "linux-libc-dev-mips64el-cross", "linux-libc-dev-arm64-cross"])("%s", async (name) => {
    const deb = debianPackage(name);
    const viaSystem = await readHeaderBundle(deb, { decompressors: "system" });
    const viaLibrary = await readHeaderBundle(deb, { decompressors: "library" });
    expect(viaSystem.files.size).toBeGreaterThan(3);
    expect([...viaLibrary.files]).toEqual([...viaSystem.files]);
    expect(viaLibrary.packageVersion).toBe(viaSystem.packageVersion);
    expect([...(await readHeaderBundle(deb)).files]).toEqual([...viaSystem.files]);
  });
});
