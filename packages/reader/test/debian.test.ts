/**
 * Debian bookworm's linux-libc-dev and its -cross packages (.cache/debian), read by readHeaderBundle: exactly
 * the relevant regular files dpkg-deb lists, with the bytes tar extracts, and the package's upstream version;
 * a Debian package without syscall headers is an input error.
 *
 * @module-tag network
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isRelevantPath } from "@xsysgen/parser";
import { readHeaderBundle } from "@xsysgen/reader";
import { crossArches, debianPackage } from "../../../scripts/lib/debian.ts";

// GNU triplets Debian installs each -cross package's headers under (usr/<triplet>/include).
const triplets: Record<string, string> = {
  i386: "i686-linux-gnu",
  armhf: "arm-linux-gnueabihf",
  arm64: "aarch64-linux-gnu",
  mips: "mips-linux-gnu",
  mipsel: "mipsel-linux-gnu",
  mips64: "mips64-linux-gnuabi64",
  mips64el: "mips64el-linux-gnuabi64",
  powerpc: "powerpc-linux-gnu",
  ppc64: "powerpc64-linux-gnu",
  ppc64el: "powerpc64le-linux-gnu",
  riscv64: "riscv64-linux-gnu",
  s390x: "s390x-linux-gnu",
  sparc64: "sparc64-linux-gnu",
  x32: "x86_64-linux-gnux32",
};

const packages: { name: string; asmDir: string }[] = [
  { name: "linux-libc-dev", asmDir: "usr/include/x86_64-linux-gnu/asm" },
  ...[...crossArches, "x32"].map((arch) => ({
    name: `linux-libc-dev-${arch}-cross`,
    asmDir: `usr/${triplets[arch] ?? "?"}/include/asm`,
  })),
];

function dpkg(...args: string[]): string {
  return execFileSync("dpkg-deb", args, { encoding: "latin1", maxBuffer: 256 * 1024 * 1024 });
}

describe("real Debian linux-libc-dev packages", () => {
  it("covers the 15 header packages", () => {
    expect(packages).toHaveLength(15);
  });

  it.each(packages)("$name", async ({ name, asmDir }) => {
    const deb = debianPackage(name);
    const bundle = await readHeaderBundle(deb);

    // Expected: dpkg-deb's own listing of regular files, filtered by the bundle contract.
    const listed = dpkg("--contents", deb)
      .split("\n")
      .filter((line) => line.startsWith("-"))
      .map((line) => line.split(/\s+/).slice(5).join(" ").replace(/^\.\//, ""))
      .filter(isRelevantPath)
      .sort();
    expect([...bundle.files.keys()]).toEqual(listed);
    const unistd = listed.filter((p) => p.startsWith(`${asmDir}/unistd`) && p.endsWith(".h"));
    expect(unistd.length).toBeGreaterThan(0);

    // Content equals what dpkg-deb + tar extract.
    const sample = unistd[0] as string;
    const tarData = execFileSync("dpkg-deb", ["--fsys-tarfile", deb], { maxBuffer: 256 * 1024 * 1024 });
    const content = execFileSync("tar", ["-xOf", "-", `./${sample}`], { input: tarData, maxBuffer: 64 * 1024 * 1024 });
    expect(bundle.files.get(sample)).toBe(content.toString("latin1"));

    const version = dpkg("-f", deb, "Version").trim();
    expect(bundle.packageVersion).toBe(version.replace(/^\d+:/, "").replace(/-[^-]*$/, ""));
    expect(bundle.packageVersion).toMatch(/^6\.1\.\d+$/);
  });

  it("a Debian package without syscall headers (golang x/sys) is an input error", async () => {
    const deb = debianPackage("golang-golang-x-sys-dev");
    await expect(readHeaderBundle(deb)).rejects.toThrow(/no syscall headers or tables found/);
  });
});
