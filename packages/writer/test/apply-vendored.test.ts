/**
 * apply/revert on a module vendoring golang.org/x/sys v0.3.0 whose cgo code uses syscalls
 * CentOS 7.9's headers lack: the build fails against those headers, passes after apply with the
 * printed CGO_CFLAGS, the vendor tree is what `go mod vendor` writes, and revert restores bytes.
 *
 * @module-tag network
 * @module-tag go
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyPatch, listTreeForTest, revertPatch } from "./shim.ts";
import {
  copyModule,
  go,
  goEnv,
  linux612,
  makeModule,
  manifestInfo,
  offlineEnv,
  patchedFiles,
  rhelIncludeDir,
  sh,
  treeHash,
  XSYS_VENDORED,
} from "./helpers.ts";

let pristine: string;
let rhelInc: string;

beforeAll(() => {
  pristine = makeModule(XSYS_VENDORED, true);
  rhelInc = rhelIncludeDir();
});

const number = (name: string) => linux612().entries.find((e) => e.name === name)!.number;

describe("apply on a vendored module", () => {
  it("fixes the cgo build against CentOS 7.9 headers, matches go mod vendor, is idempotent and reverts", async () => {
    const dir = copyModule(pristine);
    const before = treeHash(dir);
    const broken = go(["build", "-mod=vendor", "-o", "/dev/null", "."], dir, { ...goEnv, CGO_CFLAGS: `-I${rhelInc}` });
    expect(broken.ok).toBe(false);
    expect(broken.output).toMatch(/__NR_preadv2/);
    expect(broken.output).toMatch(/SYS_statx/);
    expect(broken.output).not.toMatch(/SYS_getrandom/);

    const dry = await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, dryRun: true, env: goEnv });
    expect(treeHash(dir)).toBe(before);
    expect(dry.build).toBeNull();
    expect(dry.diff).toContain("+replace golang.org/x/sys => ./third_party/golang.org/x/sys");
    expect(dry.diff).toContain("+++ b/vendor/modules.txt");
    expect(dry.diff).toContain("+++ b/third_party/golang.org/x/sys/include/asm/unistd.h");

    const result = await applyPatch({
      moduleDir: dir,
      files: patchedFiles,
      manifestInfo,
      env: { ...goEnv, CGO_CFLAGS: `-I${rhelInc}` },
    });
    expect(result).toMatchObject({
      module: "example.com/cgoapp",
      xsysVersion: XSYS_VENDORED,
      dest: "third_party/golang.org/x/sys",
      replace: "golang.org/x/sys => ./third_party/golang.org/x/sys",
      vendored: true,
      build: { ok: true },
    });
    expect(result.changedFiles).toEqual(
      expect.arrayContaining([
        "go.mod",
        "vendor/modules.txt",
        "third_party/golang.org/x/sys/go.mod",
        "third_party/golang.org/x/sys/include/asm/unistd.h",
        "third_party/golang.org/x/sys/syscall_fallback.h",
      ]),
    );
    expect(dry.changedFiles).toEqual(result.changedFiles);
    // The copy of a vendored x/sys gets the go line vendor/modules.txt recorded ("## explicit; go 1.17").
    expect(readFileSync(join(dir, "third_party/golang.org/x/sys/go.mod"), "utf8")).toBe(
      "module golang.org/x/sys\n\ngo 1.17\n",
    );

    // The printed line, evaluated by a shell on the build host, on top of the CentOS headers.
    const built = sh(`${result.exportLine} && go build -mod=vendor -o app . && ./app`, dir, {
      ...goEnv,
      CGO_CFLAGS: `-I${rhelInc}`,
    });
    expect(built.output).toBe(
      ["openat2", "preadv2", "statx", "getrandom"].map((name) => `${name} ${number(name)}\n`).join(""),
    );
    execFileSync("rm", [join(dir, "app")]);

    // Written files carry no absolute path.
    const grep = sh(`grep -rl ${JSON.stringify(dir)} . || true`, dir, goEnv);
    expect(grep.output).toBe("");

    // vendor/ is exactly what go mod vendor writes for the patched go.mod.
    const revendored = copyModule(dir);
    expect(go(["mod", "vendor"], revendored, offlineEnv).ok).toBe(true);
    expect(listTreeForTest(revendored, "vendor")).toEqual(listTreeForTest(dir, "vendor"));

    const applied = treeHash(dir);
    const again = await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env: goEnv, verify: false });
    expect(again.changedFiles).toEqual([]);
    expect(treeHash(dir)).toBe(applied);

    const reverted = await revertPatch(dir, { env: goEnv });
    expect(reverted.changedFiles).toContain("go.mod");
    expect(treeHash(dir)).toBe(before);
  });

  it("re-applies different files over an earlier apply, and revert still restores the original bytes", async () => {
    const dir = copyModule(pristine);
    const before = treeHash(dir);
    await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env: goEnv, verify: false });
    const zsysnum = "unix/zsysnum_linux_amd64.go";
    const second = async (loc: Parameters<typeof patchedFiles>[0]) => {
      const files = await patchedFiles(loc);
      files.delete("include/asm/unistd.h");
      files.set(zsysnum, `${files.get(zsysnum)!}// second apply\n`);
      files.set("unix/xsysgen_extra_linux.go", "package unix\n");
      return files;
    };
    const result = await applyPatch({ moduleDir: dir, files: second, manifestInfo, env: goEnv, verify: false });
    expect(result.changedFiles).toEqual([
      "third_party/golang.org/x/sys/unix/xsysgen_extra_linux.go",
      "third_party/golang.org/x/sys/unix/zsysnum_linux_amd64.go",
      "vendor/golang.org/x/sys/unix/xsysgen_extra_linux.go",
      "vendor/golang.org/x/sys/unix/zsysnum_linux_amd64.go",
    ]);
    expect(readFileSync(join(dir, "vendor/golang.org/x/sys", zsysnum), "utf8")).toMatch(/\/\/ second apply\n$/);
    expect(() => readFileSync(join(dir, "third_party/golang.org/x/sys/include/asm/unistd.h"))).toThrow();
    expect(go(["build", "-mod=vendor", "-o", "/dev/null", "./..."], dir, goEnv).ok).toBe(true);
    await revertPatch(dir, { env: goEnv });
    expect(treeHash(dir)).toBe(before);
  });
});
