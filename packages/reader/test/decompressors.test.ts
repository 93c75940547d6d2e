/**
 * The system decompressors (`xz`, `zstd`, `bzip2`, `gzip` as child processes on another core)
 * and the in-process libraries (lzma-native, fzstd, unbzip2-stream, node:zlib) give the same
 * bundle, byte for byte, on real packages; "auto" (what the CLI uses) is one of the two.
 * variants.test.ts does the same for every archive form of the fixture tree. Inputs of 16 MiB and
 * more run xz's threaded decoder (decompress.ts), covered here by a multi-block tarball.
 *
 * @module-tag network
 */
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHeaderBundle } from "@xsysgen/reader";
import { debianPackage } from "../../../scripts/lib/debian.ts";
import { linuxSource61 } from "../../../scripts/lib/linux-source.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

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

it("a big multi-block .tar.xz: threaded system xz = library", async () => {
  const dir = scratchDir("bigxz");
  // linux-source-6.1's syscall files plus 20 MiB of incompressible filler, in 4 MiB xz blocks.
  execFileSync("sh", [
    "-ec",
    'head -c 20M /dev/urandom > "$1/filler.bin" && ' +
      'tar -C "$2/.." -cf "$1/big.tar" linux-source-6.1 -C "$1" filler.bin && ' +
      'xz -0 -T2 --block-size=4MiB "$1/big.tar"',
    "sh",
    dir,
    linuxSource61(),
  ]);
  const path = join(dir, "big.tar.xz");
  expect(statSync(path).size).toBeGreaterThan(16 * 1024 * 1024);
  const viaSystem = await readHeaderBundle(path, { decompressors: "system" });
  const viaLibrary = await readHeaderBundle(path, { decompressors: "library" });
  expect(viaSystem.files.size).toBeGreaterThan(30);
  expect([...viaLibrary.files]).toEqual([...viaSystem.files]);
});
