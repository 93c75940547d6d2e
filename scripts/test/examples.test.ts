/**
 * Every package README's runnable example runs and prints what the README says it does.
 *
 * @module-tag network
 * @module-tag go
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../lib/debian.ts";
import { withoutStatus } from "../../packages/cli/test/_support.ts";

const examples: readonly (readonly [string, RegExp])[] = [
  ["packages/parser/examples/parse-header.ts", /^amd64 statx=332\nx32 statx=1073742156$/m],
  [
    "packages/reader/examples/read-package.ts",
    /kernel 5\.10\.\d+, \d+ files kept\n(\s+\w+: \d+ syscalls.*\n)*\s+amd64: \d+ syscalls/,
  ],
  ["packages/generator/examples/patched-zsysnum.ts", /SYS_STATX\s+= 332 \/\/ not in centos7 headers; Linux 4\.11/],
  ["packages/writer/examples/check-module.ts", /main\.go:10:31 SYS_OPENAT2 \(runtime\) needs Linux 5\.6/],
  [
    "packages/kernels/examples/show-statx.ts",
    /amd64 332 since 4\.11[^]*4\.18\.0-553\.16\.1\.el8_10\.x86_64 -> RHEL 8\.10 \[386 amd64\] \n/,
  ],
];

describe("README examples", () => {
  it.each(examples)("%s", (file, expected) => {
    const r = spawnSync(process.execPath, [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), file], {
      cwd: repoRoot,
      // check reads the module's golang.org/x/sys: from the tests' module cache, as the other tests do.
      env: { ...process.env, GOMODCACHE: join(repoRoot, ".cache", "gomod"), GOFLAGS: "", GOTOOLCHAIN: "local" },
      encoding: "utf8",
    });
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(expected);
  });
});
