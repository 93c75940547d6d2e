/**
 * Issue 25: the README's `//go:generate` recipe and CI snippet, run as written. The Go package builds
 * only with the headers `go generate` writes (this machine's headers lack file_getattr, Linux 6.17), and
 * returns the number the registry gives; the CI lines pass on current output and fail on stale output.
 *
 * @module-tag go
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getTable } from "../../packages/kernels/src/index.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { goEnv } from "../../packages/writer/test/helpers.ts";
import { repoRoot } from "../lib/debian.ts";
import { scratchDir } from "../lib/scratch.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The fenced block between `<!-- recipe:<name> -->` and its closing marker. */
function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe:${name} -->\\n\`\`\`\\w+\\n([^]*?)\`\`\`\\n<!-- /recipe:${name} -->`).exec(readme);
  if (m === null) throw new Error(`README.md has no recipe ${name}`);
  return m[1]!;
}

/** A directory whose `xsysgen` runs this checkout's bin, first on PATH. */
function xsysgenOnPath(): string {
  const dir = scratchDir("path");
  const shim = join(dir, "xsysgen");
  writeFileSync(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, "packages/cli/bin/xsysgen.js")}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  return dir;
}

let env: NodeJS.ProcessEnv = {};
beforeAll(() => {
  env = { ...goEnv, PATH: `${xsysgenOnPath()}:${process.env.PATH ?? ""}` };
});
const run = (command: string, args: string[], cwd: string) =>
  spawnSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("README recipes", () => {
  it("//go:generate: the package builds with the generated headers, and only with them", () => {
    const module = scratchDir("recipe-gogen");
    writeFileSync(join(module, "go.mod"), "module example.com/probe\n\ngo 1.21\n");
    mkdirSync(join(module, "probe"));
    writeFileSync(join(module, "probe", "probe.go"), recipe("go-generate"));
    const before = run("go", ["build", "./..."], module);
    expect(before.status).not.toBe(0);
    expect(before.stderr).toMatch(/SYS_file_getattr/);

    const generate = run("go", ["generate", "./..."], module);
    expect(generate.status, generate.stderr).toBe(0);
    const after = run("go", ["vet", "./..."], module);
    expect(after.status, after.stderr).toBe(0);

    // The number the package sees is the registry's (a main package calling it prints it).
    mkdirSync(join(module, "cmd"));
    writeFileSync(
      join(module, "cmd", "main.go"),
      'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/probe/probe"\n)\n\n' +
        "func main() { fmt.Println(probe.FileGetattr()) }\n",
    );
    const printed = run("go", ["run", "./cmd"], module);
    expect(printed.status, printed.stderr).toBe(0);
    const number = getTable("7.3", "amd64").entries.find((e) => e.name === "file_getattr")?.number;
    expect(number).toBeDefined();
    expect(printed.stdout.trim()).toBe(String(number));
  });

  it("CI: the lines pass on committed current output and fail on stale output", () => {
    const repo = scratchDir("recipe-ci");
    const git = (...args: string[]) => {
      const r = run("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], repo);
      expect(r.status, r.stderr).toBe(0);
    };
    const ci = () => run("bash", ["-ec", recipe("ci")], repo);
    git("init", "-q");
    expect(run("bash", ["-ec", recipe("ci").split("\n")[0]!], repo).status).toBe(0);
    git("add", "-A");
    git("commit", "-qm", "generated");
    const current = ci();
    expect(current.status, current.stderr).toBe(0);
    // Output committed by an older run (edited here) is stale: the regenerated file differs.
    const file = join(repo, "xsysgen-out", "syscalls.json");
    writeFileSync(file, readFileSync(file, "utf8").replace(/"file_getattr"/, '"file_getattr_old"'));
    git("commit", "-qam", "stale");
    const stale = ci();
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain("file_getattr_old");
  });
});
