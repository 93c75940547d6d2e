/**
 * Hostile modules (issue 11): symlinks and `..` paths that would lead apply or revert to write
 * outside the module. Each is refused with one ModuleError line (exit 2) before the first write:
 * the module and the directory outside keep every byte.
 *
 * @module-tag network
 * @module-tag go
 */
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyPatch, revertPatch, JOURNAL_NAME, MANIFEST_NAME } from "./shim.ts";
import { copyModule, goEnv, makeModule, manifestInfo, patchedFiles, refuses, XSYS_VENDORED } from "./helpers.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let vendored: string;
let modcache: string;
beforeAll(() => {
  vendored = makeModule(XSYS_VENDORED, true);
  modcache = makeModule(XSYS_VENDORED, false);
});

const apply = (dir: string) =>
  applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env: goEnv, verify: false });

describe("apply never writes outside the module", () => {
  it("third_party -> /elsewhere", async () => {
    const dir = copyModule(modcache);
    const elsewhere = scratchDir("elsewhere");
    symlinkSync(elsewhere, join(dir, "third_party"));
    await refuses(
      [dir, elsewhere],
      () => apply(dir),
      /third_party\/golang\.org\/x\/sys: third_party is a symlink to .*elsewhere.*, outside the module/,
    );
    // A dry run refuses the same way.
    await refuses(
      [dir, elsewhere],
      () => applyPatch({ moduleDir: dir, files: patchedFiles, manifestInfo, env: goEnv, dryRun: true }),
      /third_party is a symlink/,
    );
  });

  it("vendor -> /elsewhere (a real vendor tree moved out)", async () => {
    const dir = copyModule(vendored);
    const elsewhere = join(scratchDir("elsewhere"), "vendor");
    renameSync(join(dir, "vendor"), elsewhere);
    symlinkSync(elsewhere, join(dir, "vendor"));
    await refuses([dir, elsewhere], () => apply(dir), /vendor: vendor is a symlink to .*, outside the module/);
  });

  it("a directory deeper in --dest, go.mod and the journal as symlinks out", async () => {
    const dir = copyModule(modcache);
    const elsewhere = scratchDir("elsewhere");
    mkdirSync(join(dir, "third_party"));
    symlinkSync(elsewhere, join(dir, "third_party", "golang.org"));
    await refuses([dir, elsewhere], () => apply(dir), /third_party\/golang\.org is a symlink/);

    const two = copyModule(modcache);
    renameSync(join(two, "go.mod"), join(elsewhere, "go.mod"));
    symlinkSync(join(elsewhere, "go.mod"), join(two, "go.mod"));
    await refuses([two, elsewhere], () => apply(two), /go\.mod: go\.mod is a symlink/);

    const three = copyModule(modcache);
    writeFileSync(join(elsewhere, "journal.json"), "{}\n");
    symlinkSync(join(elsewhere, "journal.json"), join(three, JOURNAL_NAME));
    await refuses(
      [three, elsewhere],
      () => apply(three),
      new RegExp(`${JOURNAL_NAME.replace(/\./g, "\\.")} is a symlink`),
    );
  });

  it("a journal left in the module that names ../ paths is not replayed", async () => {
    const dir = copyModule(modcache);
    const outside = join(dir, "..", `escape-${Date.now().toString(36)}`);
    const journal = {
      kind: "apply",
      state: "commit",
      ops: [
        {
          op: "write",
          path: `../${outside.split("/").pop()!}`,
          staged: ".xsysgen-txn/files/0",
          sha256: "0".repeat(64),
          mode: 420,
        },
      ],
    };
    writeFileSync(join(dir, JOURNAL_NAME), JSON.stringify(journal));
    mkdirSync(join(dir, ".xsysgen-txn", "files"), { recursive: true });
    writeFileSync(join(dir, ".xsysgen-txn", "files", "0"), "pwned\n");
    await refuses([dir], () => apply(dir), /outside the module .*refusing to write/);
    expect(() => readFileSync(outside)).toThrow();
  });
});

describe("revert never writes outside the module", () => {
  it("vendor -> /elsewhere after apply", async () => {
    const dir = copyModule(vendored);
    await apply(dir);
    const elsewhere = join(scratchDir("elsewhere"), "vendor");
    renameSync(join(dir, "vendor"), elsewhere);
    symlinkSync(elsewhere, join(dir, "vendor"));
    await refuses(
      [dir, elsewhere],
      () => revertPatch(dir, { env: goEnv }),
      /vendor\/.*: vendor is a symlink to .*, outside the module/,
    );
  });

  it("a manifest naming ../ paths, or a replace pointing out of the module", async () => {
    const dir = copyModule(modcache);
    await apply(dir);
    const manifestPath = join(dir, "third_party/golang.org/x/sys", MANIFEST_NAME);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { module: Record<string, unknown> };
    const hostile = { ...manifest, module: { ...manifest.module, "../outside.txt": { before: null, after: null } } };
    writeFileSync(manifestPath, JSON.stringify(hostile));
    await refuses([dir], () => revertPatch(dir, { env: goEnv }), /\.\.\/outside\.txt: outside the module/);

    const other = copyModule(modcache);
    const elsewhere = scratchDir("elsewhere");
    writeFileSync(join(elsewhere, MANIFEST_NAME), readFileSync(manifestPath));
    writeFileSync(
      join(other, "go.mod"),
      `${readFileSync(join(other, "go.mod"), "utf8")}\nreplace golang.org/x/sys => ${elsewhere}\n`,
    );
    await refuses([other, elsewhere], () => revertPatch(other, { env: goEnv }), /outside the module/);
  });
});
