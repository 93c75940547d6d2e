/**
 * apply builds before it writes. A module that does not build for a reason of its own is refused
 * with nothing written, or with allowBrokenBuild patched and judged only on new errors; one whose
 * only errors are names the patch adds (an old x/sys without SYS_OPENAT2) is patched. After
 * writing, a build error or a vet diagnostic the run before did not print undoes the whole change:
 * every path, mode and byte as before, directories included.
 *
 * @module-tag network
 * @module-tag go
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyPatch, revertPatch } from "./shim.ts";
import {
  copyModule,
  go,
  makeModule,
  manifestInfo,
  offlineEnv,
  patchedFiles,
  refuses,
  treeHash,
  XSYS_2019,
  XSYS_VENDORED,
} from "./helpers.ts";

let vendored: string;
let old: string;
beforeAll(() => {
  vendored = makeModule(XSYS_VENDORED, true);
  old = makeModule(XSYS_2019, false);
});

const env = { ...offlineEnv, GOFLAGS: "" };

describe("apply builds before it writes", () => {
  it("refuses a module that does not build for its own reasons; allowBrokenBuild patches it", async () => {
    const dir = copyModule(vendored);
    writeFileSync(join(dir, "broken.go"), 'package main\n\nvar broken int = "not an int"\n');
    const build = go(["build", "-mod=vendor", "-o", "/dev/null", "./..."], dir, env);
    expect(build.ok).toBe(false);
    await refuses(
      [dir],
      () => applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env }),
      new RegExp(
        'does not build before apply \\(go build -mod=vendor -o /dev/null \\./\\.\\.\\.: cannot use "not an int".*' +
          "nothing written \\(--allow-broken-build",
      ),
    );

    const before = treeHash(dir);
    const result = await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env, allowBrokenBuild: true });
    expect(result.build).toMatchObject({ ok: false, before: { ok: false }, new: [] });
    expect(result.rolledBack).toBe(false);
    // vet says something after apply (the broken file), so it ran before too, on the module as it was
    // (the change undone and then made again): the same, so nothing new.
    expect(result.vet).toMatchObject({ ok: true, new: [] });
    expect(result.vet?.after.length).toBeGreaterThan(0);
    expect(result.vet?.before).toEqual(result.vet?.after);
    await revertPatch(dir, { env });
    expect(treeHash(dir)).toBe(before);
  });

  it("patches a module whose only build error is a name the patch adds", async () => {
    const dir = copyModule(old);
    expect(go(["build", "-o", "/dev/null", "./..."], dir, env).output).toMatch(/undefined: xunix\.SYS_OPENAT2/);
    const result = await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env });
    expect(result.build).toMatchObject({ ok: true, before: { ok: false }, new: [] });
    expect(result.rolledBack).toBe(false);
    // vet says nothing after apply, so nothing can be new: the run before is not made.
    expect(result.vet).toMatchObject({ ok: true, before: null, after: [], new: [] });
  });

  it("undoes the change, byte for byte, when the build fails anew", async () => {
    const dir = copyModule(vendored);
    const before = treeHash(dir);
    const breaking = async (loc: Parameters<typeof patchedFiles>[0]) => {
      const files = await patchedFiles(loc);
      const zsysnum = "unix/zsysnum_linux_amd64.go";
      files.set(zsysnum, `${files.get(zsysnum)!}\nvar xsysgenBroken int = "a patch that does not compile"\n`);
      return files;
    };
    const result = await applyPatch({ moduleDir: dir, files: breaking, manifestInfo, env });
    expect(result.build?.before).toMatchObject({ ok: true });
    expect(result.build?.ok).toBe(false);
    expect(result.build?.new.join("\n")).toMatch(
      /zsysnum_linux_amd64\.go:\d+:\d+: cannot use "a patch that does not compile"/,
    );
    expect(result.vet).toBeNull();
    expect(result.rolledBack).toBe(true);
    expect(result.changedFiles).toContain("vendor/golang.org/x/sys/unix/zsysnum_linux_amd64.go");
    expect(treeHash(dir)).toBe(before);
  });

  it("undoes the change when go vet says something new (a printf verb the patched constant breaks)", async () => {
    const dir = copyModule(old);
    // With the 2019 x/sys, SYS_CLONE3 does not exist and vet stops at the type error; once it
    // exists, vet's printf check sees an int printed with %s.
    writeFileSync(
      join(dir, "clone3.go"),
      'package main\n\nimport (\n\t"fmt"\n\n\txunix "golang.org/x/sys/unix"\n)\n\n' +
        'func clone3() { fmt.Printf("%s\\n", xunix.SYS_CLONE3) }\n',
    );
    const before = treeHash(dir);
    const result = await applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env });
    expect(result.build).toMatchObject({ ok: true, new: [] });
    expect(result.vet?.ok).toBe(false);
    expect(result.vet?.new.join("\n")).toMatch(/Printf format %s has arg xunix\.SYS_CLONE3 of wrong type/);
    expect(result.rolledBack).toBe(true);
    expect(treeHash(dir)).toBe(before);
  });
});
