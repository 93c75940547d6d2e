/**
 * Modules apply and revert must refuse: each ends in one ModuleError line (exit code 2) and
 * leaves every byte of the module as it was.
 *
 * @module-tag network
 * @module-tag go
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CommandError } from "@xsysgen/core";
import { beforeAll, describe, expect, it } from "vitest";
import { applyPatch, revertPatch } from "./shim.ts";
import {
  copyModule,
  goEnv,
  makeModule,
  manifestInfo,
  patchedFiles,
  refuses,
  treeHash,
  XSYS_VENDORED,
} from "./helpers.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let pristine: string;
beforeAll(() => {
  pristine = makeModule(XSYS_VENDORED, true);
});

const apply = (dir: string, dest?: string) => () =>
  applyPatch({
    moduleDir: dir,
    files: patchedFiles,
    manifestInfo,
    env: goEnv,
    verify: false,
    ...(dest === undefined ? {} : { dest }),
  });

describe("bad modules", () => {
  it("no go.mod", async () => {
    const dir = scratchDir("nomod");
    writeFileSync(join(dir, "main.go"), "package main\n");
    await refuses([dir], apply(dir), /no go\.mod/);
    await refuses([dir], () => revertPatch(dir, { env: goEnv }), /no go\.mod/);
  });

  it("no golang.org/x/sys requirement", async () => {
    const dir = scratchDir("nosys");
    writeFileSync(join(dir, "go.mod"), "module example.com/plain\n\ngo 1.21\n");
    await refuses([dir], apply(dir), /no golang\.org\/x\/sys requirement/);
  });

  it("unreadable or incomplete vendor/modules.txt", async () => {
    const dir = copyModule(pristine);
    rmSync(join(dir, "vendor", "modules.txt"));
    mkdirSync(join(dir, "vendor", "modules.txt"));
    await refuses([dir], apply(dir), /modules\.txt: unreadable/);
    rmSync(join(dir, "vendor", "modules.txt"), { recursive: true });
    writeFileSync(join(dir, "vendor", "modules.txt"), "# example.com/other v1.0.0\n## explicit\n");
    chmodSync(join(dir, "vendor", "modules.txt"), 0o644);
    await refuses([dir], apply(dir), /no "# golang\.org\/x\/sys" entry/);
  });

  it("--dest outside the module or inside vendor/", async () => {
    const dir = copyModule(pristine);
    await refuses([dir], apply(dir, "../elsewhere"), /outside the module/);
    await refuses([dir], apply(dir, "/tmp/abs-x-sys"), /outside the module/);
    await refuses([dir], apply(dir, "."), /outside the module/);
    await refuses([dir], apply(dir, "vendor/golang.org/x/sys"), /inside vendor\//);
    await refuses([dir], apply(dir, "vendor"), /inside vendor\//);
  });

  it("--dest that holds something else", async () => {
    const dir = copyModule(pristine);
    mkdirSync(join(dir, "third_party", "golang.org", "x", "sys"), { recursive: true });
    writeFileSync(join(dir, "third_party", "golang.org", "x", "sys", "mine.txt"), "user data\n");
    await refuses([dir], apply(dir), /already exists and is not an xsysgen copy/);
  });

  it("revert of an unpatched module, and of one edited since apply, naming the file", async () => {
    const dir = copyModule(pristine);
    await refuses([dir], () => revertPatch(dir, { env: goEnv }), /not patched by xsysgen/);
    await apply(dir)();
    writeFileSync(join(dir, "vendor", "modules.txt"), "# edited by hand\n", { flag: "a" });
    await refuses([dir], () => revertPatch(dir, { env: goEnv }), /^vendor\/modules\.txt: changed since xsysgen apply/);
    const copy = copyModule(dir);
    rmSync(join(copy, "vendor", "modules.txt"));
    writeFileSync(
      join(copy, "third_party", "golang.org", "x", "sys", "unix", "zsysnum_linux_amd64.go"),
      "package unix\n",
    );
    await refuses(
      [copy],
      () => revertPatch(copy, { env: goEnv }),
      /vendor\/modules\.txt: changed since xsysgen apply \(sha256 absent/,
    );
  });

  it("apply to another --dest than the existing copy", async () => {
    const dir = copyModule(pristine);
    await apply(dir)();
    await refuses([dir], apply(dir, "third_party/other"), /already patched at third_party\/golang\.org\/x\/sys/);
  });
});

describe("go itself fails", () => {
  it("an x/sys release go cannot find is a CommandError naming the go command and the module", async () => {
    const dir = scratchDir("nodownload");
    // A pseudo-version no proxy has, with the proxy off: go cannot even list the requirement.
    const version = "v0.0.0-20000101000000-000000000000";
    writeFileSync(join(dir, "go.mod"), `module example.com/old\n\ngo 1.21\n\nrequire golang.org/x/sys ${version}\n`);
    const before = treeHash(dir);
    const error = await applyPatch({
      moduleDir: dir,
      files: patchedFiles,
      manifestInfo,
      env: { ...goEnv, GOPROXY: "off", GOFLAGS: "-mod=mod" },
      verify: false,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommandError);
    const { message, exitCode } = error as CommandError;
    expect(exitCode).toBe(2);
    expect(message).toBe(
      `go list -mod=readonly -m -json golang.org/x/sys (in ${dir}) failed (exit 1): ` +
        "go: module lookup disabled by GOPROXY=off",
    );
    expect(message).not.toContain("\n");
    expect(treeHash(dir)).toBe(before);
  });
});
