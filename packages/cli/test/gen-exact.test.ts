/**
 * Issue 2's acceptance test: the real Debian 6.1 header packages, read directly as .deb files,
 * regenerate golang.org/x/sys v0.3.0's zsysnum files byte for byte from line 2 on (v0.3.0 was
 * generated from 5.19 headers, whose tables equal 6.1's). The same must come out of the embedded
 * registry for `--kernel 6.1`, for all 15 GOARCHes (loong64 has no Debian 12 package).
 *
 * @module-tag network
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { debianPackage } from "../../../scripts/lib/debian.ts";
import { fromLine2, withoutStatus, xsysV030Unix, xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const packages: readonly (readonly [string, string])[] = [
  ["linux-libc-dev", "amd64"],
  ["linux-libc-dev-i386-cross", "386"],
  ["linux-libc-dev-armhf-cross", "arm"],
  ["linux-libc-dev-arm64-cross", "arm64"],
  ["linux-libc-dev-mips-cross", "mips"],
  ["linux-libc-dev-mipsel-cross", "mipsle"],
  ["linux-libc-dev-mips64-cross", "mips64"],
  ["linux-libc-dev-mips64el-cross", "mips64le"],
  ["linux-libc-dev-powerpc-cross", "ppc"],
  ["linux-libc-dev-ppc64-cross", "ppc64"],
  ["linux-libc-dev-ppc64el-cross", "ppc64le"],
  ["linux-libc-dev-riscv64-cross", "riscv64"],
  ["linux-libc-dev-s390x-cross", "s390x"],
  ["linux-libc-dev-sparc64-cross", "sparc64"],
];
const goarches = [...packages.map(([, goarch]) => goarch), "loong64"];

let unix: string;
beforeAll(() => {
  unix = xsysV030Unix();
});

const upstream = (goarch: string) => join(unix, `zsysnum_linux_${goarch}.go`);

describe("gen --headers <real .deb> --exact", () => {
  it.each(packages)("%s → zsysnum_linux_%s.go equals x/sys v0.3.0 from line 2", async (pkg, goarch) => {
    const out = scratchDir();
    const result = await xsysgen(
      "gen",
      "--headers",
      debianPackage(pkg),
      "--arch",
      goarch,
      "--exact",
      "--like",
      upstream(goarch),
      "--out",
      out,
    );
    expect(withoutStatus(result.stderr)).toBe("");
    expect(result.code).toBe(0);
    const ours = readFileSync(join(out, `zsysnum_linux_${goarch}.go`), "utf8");
    expect(ours.split("\n")[0]).toBe(
      `// xsysgen gen --headers ${debianPackage(pkg).split("/").pop()} --arch ${goarch} ` +
        `--like zsysnum_linux_${goarch}.go --exact`,
    );
    expect(fromLine2(ours)).toBe(fromLine2(readFileSync(upstream(goarch), "utf8")));
  });

  // x32 (-mx32) is served too, but has no Go port: --exact leaves it out (gen-amd64-multilib.test.ts).
  it("without --arch, serves the arch owning the package's triplet directory and its -m32 ABI", async () => {
    const out = scratchDir();
    const result = await xsysgen(
      "gen",
      "--headers",
      debianPackage("linux-libc-dev"),
      "--exact",
      "--out",
      out,
      "--json",
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { arches: string[]; kernelVersion: string; files: string[] };
    expect(summary.arches.sort()).toEqual(["386", "amd64"]);
    expect(summary.kernelVersion).toMatch(/^6\.1\.\d+$/);
    expect(summary.files).toEqual(["zsysnum_linux_386.go", "zsysnum_linux_amd64.go"]);
  });
});

describe("gen --kernel 6.1 --exact (embedded registry)", () => {
  it.each(goarches)("zsysnum_linux_%s.go equals x/sys v0.3.0 from line 2", async (goarch) => {
    const out = scratchDir();
    const result = await xsysgen(
      "gen",
      "--kernel",
      "6.1",
      "--arch",
      goarch,
      "--exact",
      "--like",
      upstream(goarch),
      "--out",
      out,
    );
    expect(withoutStatus(result.stderr)).toBe("");
    expect(result.code).toBe(0);
    const ours = readFileSync(join(out, `zsysnum_linux_${goarch}.go`), "utf8");
    expect(fromLine2(ours)).toBe(fromLine2(readFileSync(upstream(goarch), "utf8")));
  });
});
