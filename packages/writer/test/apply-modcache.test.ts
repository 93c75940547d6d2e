/**
 * apply on modules that take golang.org/x/sys from the module cache: a recent release, and a
 * June 2019 pseudo-version whose zsysnum file predates SYS_CLONE3 and SYS_OPENAT2 and only has
 * `// +build` lines. After apply both build offline (GOFLAGS=-mod=mod GOPROXY=off).
 *
 * @module-tag network
 * @module-tag go
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyPatch, revertPatch } from "./shim.ts";
import {
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
  XSYS_2019,
  XSYS_RECENT,
} from "./helpers.ts";

const zsysnum = "third_party/golang.org/x/sys/unix/zsysnum_linux_amd64.go";

describe("apply on a module-cache module", () => {
  it("patches a recent x/sys, builds offline with the printed CGO_CFLAGS and reverts", async () => {
    const dir = makeModule(XSYS_RECENT, false);
    const rhelInc = rhelIncludeDir();
    const before = treeHash(dir);
    expect(go(["build", "-o", "/dev/null", "."], dir, { ...offlineEnv, CGO_CFLAGS: `-I${rhelInc}` }).ok).toBe(false);

    const result = await applyPatch({
      moduleDir: dir,
      files: patchedFiles,
      manifestInfo,
      env: { ...offlineEnv, CGO_CFLAGS: `-I${rhelInc}` },
    });
    expect(result).toMatchObject({ xsysVersion: XSYS_RECENT, vendored: false, build: { ok: true } });
    // A module-cache x/sys brings its own go.mod; the copy keeps it byte for byte.
    const cached = go(["mod", "download", "-json", `golang.org/x/sys@${XSYS_RECENT}`], dir, offlineEnv);
    const goModPath = (JSON.parse(cached.output) as { GoMod: string }).GoMod;
    expect(readFileSync(join(dir, "third_party/golang.org/x/sys/go.mod"), "utf8")).toBe(
      readFileSync(goModPath, "utf8"),
    );
    expect(result.changedFiles).not.toContain("third_party/golang.org/x/sys/go.mod");

    // A -mod=mod build must not need to touch go.mod or go.sum.
    const applied = treeHash(dir);
    const built = sh(`${result.exportLine} && go build -o app . && ./app`, dir, {
      ...offlineEnv,
      CGO_CFLAGS: `-I${rhelInc}`,
    });
    expect(built.output).toContain(`statx ${linux612().entries.find((e) => e.name === "statx")!.number}\n`);
    sh("rm app", dir, goEnv);
    expect(treeHash(dir)).toBe(applied);

    expect(
      (await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env: offlineEnv, verify: false }))
        .changedFiles,
    ).toEqual([]);
    await revertPatch(dir, { env: offlineEnv });
    expect(treeHash(dir)).toBe(before);
  });

  it("adds the constants a 2019 x/sys lacks, in that file's own header era, and the module compiles", async () => {
    const dir = makeModule(XSYS_2019, false);
    const original = readFileSync(
      join(goEnv.GOMODCACHE!, `golang.org/x/sys@${XSYS_2019}`, "unix/zsysnum_linux_amd64.go"),
      "utf8",
    );
    expect(original).not.toMatch(/SYS_OPENAT2|SYS_CLONE3|go:build/);
    const broken = go(["vet", "."], dir, offlineEnv);
    expect(broken.output).toMatch(/SYS_OPENAT2/);

    const result = await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env: offlineEnv });
    expect(result.build).toMatchObject({ ok: true });
    const patched = readFileSync(join(dir, zsysnum), "utf8");
    const head = (text: string) => text.slice(0, text.indexOf("package unix"));
    expect(head(patched)).toBe(head(original));
    for (const name of ["openat2", "clone3"]) {
      const n = linux612().entries.find((e) => e.name === name)!.number;
      expect(patched).toMatch(new RegExp(`^\\tSYS_${name.toUpperCase()} += ${n} // not in RHEL 7\\.9 headers`, "m"));
    }
    expect(go(["build", "-o", "/dev/null", "./..."], dir, offlineEnv).ok).toBe(true);
  });
});
