/**
 * Issue 5 through the real CLI process, with the embedded registry: a module vendoring
 * golang.org/x/sys v0.3.0 whose cgo code calls __NR_preadv2, SYS_statx and SYS_getrandom and
 * whose Go code uses unix.SYS_OPENAT2 fails to build against CentOS 7.9's headers; `check`
 * names exactly the uses 7.9 lacks; `apply` makes it build with the printed CGO_CFLAGS; applying
 * again changes nothing; revert restores the tree byte for byte.
 *
 * @module-tag network
 * @module-tag go
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  XSYS_2019,
  XSYS_VENDORED,
  goEnv,
  makeModule,
  rhelIncludeDir,
  sh,
  treeHash,
} from "../../writer/test/helpers.ts";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { withoutStatus } from "./_support.ts";

function cli(args: string[], env: Record<string, string | undefined> = goEnv) {
  const r = spawnSync(process.execPath, [join(repoRoot, "packages/cli/bin/xsysgen.js"), ...args], {
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let module: string;
let rhel: string;
let original: string;
beforeAll(() => {
  module = makeModule(XSYS_VENDORED, true);
  rhel = rhelIncludeDir();
  original = treeHash(module);
});

describe("a vendored module on CentOS 7.9", () => {
  it("does not build against the 7.9 headers before apply", () => {
    const r = sh(`CGO_CFLAGS=-I${rhel} go build -mod=vendor -o /dev/null ./...`, module, goEnv);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/__NR_preadv2/);
    expect(r.output).not.toMatch(/SYS_getrandom/);
  });

  it("check reports exactly preadv2, statx (compile, in C) and openat2 (runtime: x/sys v0.3.0 has the name)", () => {
    const r = cli(["check", "--kernel", "3.10.0-1160.el7", "--module", module, "--json"]);
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      target: string;
      arches: string[];
      xsys: string;
      findings: { file: string; line: number; syscall: string; failsAt: string; arches: string[]; since: string }[];
    };
    expect(report.target).toBe("3.10.0-1160.el7");
    expect(report.xsys).toBe("golang.org/x/sys v0.3.0 (vendor/)");
    expect(report.findings.map((f) => `${f.syscall}:${f.failsAt}`).sort()).toEqual([
      "openat2:runtime",
      "preadv2:compile",
      "statx:compile",
    ]);
    expect(report.findings.find((f) => f.syscall === "openat2")).toMatchObject({
      file: "main.go",
      line: 10,
      // Every arch RHEL 7.9 builds that Go has a port for: check looks where apply patches.
      arches: report.arches,
      since: "5.6",
      api: "x/sys",
      handled: false,
      fix: { kind: "enosys-fallback" },
    });
    expect(report.arches).toContain("amd64");
  });

  it("builds and runs after apply with the printed CGO_CFLAGS prepended", () => {
    const r = cli(["apply", "--kernel", "3.10.0-1160.el7", "--module", module]);
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.code).toBe(0);
    const exportLine = r.stdout.trimEnd().split("\n").pop() ?? "";
    expect(exportLine).toMatch(/^export CGO_CFLAGS=/);
    expect(exportLine).not.toContain(module);
    const build = sh(`CGO_CFLAGS=-I${rhel}; ${exportLine}; go build -mod=vendor -o app . && ./app`, module, goEnv);
    expect(build.output).toMatch(/openat2 437\npreadv2 327\nstatx 332\ngetrandom 318/);
    expect(build.ok).toBe(true);
    sh("rm -f app", module, goEnv);
  });

  it("check after apply still reports the run-time gap (exit 1)", () => {
    expect(cli(["check", "--kernel", "centos7", "--module", module]).code).toBe(1);
  });

  it("apply twice changes nothing; revert restores every byte", () => {
    const applied = treeHash(module);
    const again = cli(["apply", "--kernel", "3.10.0-1160.el7", "--module", module, "--json"]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { changedFiles: string[] }).changedFiles).toEqual([]);
    expect(treeHash(module)).toBe(applied);
    const reverted = cli(["apply", "--revert", "--module", module]);
    expect(withoutStatus(reverted.stderr)).toBe("");
    expect(reverted.code).toBe(0);
    expect(treeHash(module)).toBe(original);
  });

  it("a module without go.mod is one line and exit 2", () => {
    const r = cli(["apply", "--kernel", "3.10.0-1160.el7", "--module", rhel]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("a module the patch would break", () => {
  it("is rolled back: exit 1, every byte as before", () => {
    // The 2019 x/sys has no SYS_CLONE3 (the build fails on that name alone, which apply cures);
    // once it exists, go vet's printf check sees an int printed with %s: new, so apply undoes itself.
    const dir = makeModule(XSYS_2019, false);
    writeFileSync(
      join(dir, "clone3.go"),
      'package main\n\nimport (\n\t"fmt"\n\n\txunix "golang.org/x/sys/unix"\n)\n\n' +
        'func clone3() { fmt.Printf("%s\\n", xunix.SYS_CLONE3) }\n',
    );
    const before = treeHash(dir);
    const r = cli(["apply", "--kernel", "3.10.0-1160.el7", "--arch", "amd64", "--module", dir]);
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.code).toBe(1);
    // What apply did is status (stderr); with the change undone there is no CGO_CFLAGS line to print.
    expect(r.stderr).toMatch(/: ok\ngo vet: 1 new diagnostic \(1 package importing golang\.org\/x\/sys; checks: /);
    expect(r.stderr).toMatch(/Printf format %s has arg xunix\.SYS_CLONE3 of wrong type/);
    expect(r.stderr.trimEnd().split("\n").pop()).toBe(
      "rolled back: the module is byte for byte as it was before apply",
    );
    expect(r.stdout).toBe("");
    expect(treeHash(dir)).toBe(before);
  });
});
