/**
 * The published package from its tarball alone: `pnpm release:pack` packs it, npm installs it
 * into a project in the system temp directory (no path back to the workspace), and there
 *   - `npx xsysgen gen --kernel 3.10.0` writes what the workspace CLI (the TypeScript sources) writes;
 *   - `gen --headers <.deb>` with in-process decompressors does too (lzma-native, the C grammar .wasm);
 *   - `check` finds the same uses (the Go grammar .wasm);
 *   - the README's API example, a plain .mjs, prints the CLI's zsysnum_linux_amd64.go;
 *   - a strict TypeScript consumer type-checks against the shipped declarations;
 *   - `npm ls` reports no missing, invalid or extraneous dependency.
 * npm fetches the package's few runtime dependencies, TypeScript and @types/node from the registry.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debianPackage, repoRoot } from "../lib/debian.ts";

const tsx = join(repoRoot, "node_modules/tsx/dist/cli.mjs");
const workspaceMain = join(repoRoot, "packages/cli/src/main.ts");
const examples = join(repoRoot, "packages/xsysgen/examples");

interface Packed {
  tarball: string;
  size: number;
  unpackedSize: number;
  files: number;
}

/**
 * The environment of everything run in the project: no PATH entry into the workspace (pnpm puts
 * its node_modules/.bin, which has the workspace's own `xsysgen`, first), and none of pnpm's
 * npm_* variables, which npm would read as configuration.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|https?_proxy|proxy|noproxy|strict_ssl|cafile)$/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_)/i.test(key) && !keep.test(key)) continue;
    env[key] = value;
  }
  const path = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "" && !resolve(dir).startsWith(repoRoot));
  return {
    ...env,
    PATH: path.join(delimiter),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };
}

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, "node_modules", pkg, "package.json"), "utf8")) as { version: string })
    .version;
}

/** Every file under `dir`, relative path → text. */
function tree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .map((path) => [path.slice(dir.length + 1), readFileSync(path, "utf8")]),
  );
}

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = npmEnv(),
): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: "utf8" });
}

const scratchDirs: string[] = [];

function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

/** The workspace CLI from its TypeScript sources, in a scratch directory of its own. */
function workspaceCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { r: SpawnSyncReturns<string>; cwd: string } {
  const cwd = scratchDir("xsysgen-ws-");
  return { r: run(process.execPath, [tsx, workspaceMain, ...args], cwd, env), cwd };
}

describe("the packed xsysgen package, installed with npm", () => {
  let packed: Packed;
  let project: string;

  beforeAll(() => {
    const scratch = scratchDir("xsysgen-pack-");
    const out = execFileSync(
      process.execPath,
      [tsx, join(repoRoot, "scripts/release-pack.ts"), "--out", join(scratch, "tarball"), "--json"],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    packed = JSON.parse(out) as Packed;
    project = join(scratch, "project");
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`,
    );
    const install = run(
      "npm",
      ["install", packed.tarball, `typescript@${versionOf("typescript")}`, `@types/node@${versionOf("@types/node")}`],
      project,
    );
    expect(install.status, install.stderr).toBe(0);
  });

  afterAll(() => {
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("is one tarball within budget holding compiled ESM, declarations and the .wasm files, no sources", () => {
    expect(packed.size).toBeLessThanOrEqual(10_000_000);
    const installed = join(project, "node_modules", "xsysgen");
    const files = [...tree(installed).keys()];
    for (const file of [
      "bin/xsysgen.mjs",
      "dist/cli.mjs",
      "dist/index.mjs",
      "dist/index.d.ts",
      "dist/tree-sitter.wasm",
      "dist/tree-sitter-c.wasm",
      "dist/tree-sitter-go.wasm",
    ]) {
      expect(files).toContain(file);
    }
    for (const file of ["LICENSE", "README.md", "CHANGELOG.md", "THIRD-PARTY-LICENSES.md"])
      expect(files).toContain(file);
    const notices = readFileSync(join(installed, "THIRD-PARTY-LICENSES.md"), "utf8");
    for (const bundled of ["web-tree-sitter", "tree-sitter-c", "tree-sitter-go"])
      expect(notices).toContain(`## ${bundled} `);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    const manifest = readFileSync(join(installed, "package.json"), "utf8");
    expect(manifest).not.toMatch(/workspace:|"tsx"|"ts-morph"|devDependencies/);
    // Nothing built into the package points back at the machine that built it.
    for (const [file, text] of tree(join(installed, "dist")))
      if (!file.endsWith(".wasm")) expect(text, file).not.toContain(repoRoot);
  });

  it("`npx xsysgen gen --kernel 3.10.0` writes the same files as the workspace CLI", () => {
    const args = ["gen", "--kernel", "3.10.0", "--out", "out"];
    const installed = run("npx", ["--no", "xsysgen", ...args], project);
    expect(installed.status, installed.stderr).toBe(0);
    const workspace = workspaceCli(args);
    expect(workspace.r.status).toBe(0);
    expect(installed.stdout).toBe(workspace.r.stdout);
    expect(installed.stderr).toBe(workspace.r.stderr);
    const files = tree(join(project, "out"));
    expect([...files.keys()]).toContain("zsysnum_linux_amd64.go");
    expect(files).toEqual(tree(join(workspace.cwd, "out")));
  });

  it("reads a .deb with the in-process decompressors and the C grammar like the workspace CLI", () => {
    const env = { ...npmEnv(), XSYSGEN_DECOMPRESSORS: "library" };
    const args = ["gen", "--headers", debianPackage("linux-libc-dev-riscv64-cross"), "--exact", "--out", "deb"];
    const installed = run(join(project, "node_modules/.bin/xsysgen"), args, project, env);
    expect(installed.status, installed.stderr).toBe(0);
    const workspace = workspaceCli(args, { ...process.env, XSYSGEN_DECOMPRESSORS: "library" });
    expect(workspace.r.status).toBe(0);
    expect(installed.stderr).toBe(workspace.r.stderr);
    expect(tree(join(project, "deb"))).toEqual(tree(join(workspace.cwd, "deb")));
  });

  it("`check` finds the same syscall uses with the Go grammar as the workspace CLI", () => {
    const module = scratchDir("xsysgen-mod-");
    writeFileSync(join(module, "go.mod"), "module example.com/m\n\ngo 1.20\n");
    writeFileSync(
      join(module, "main.go"),
      'package main\n\nimport "golang.org/x/sys/unix"\n\nvar _ = unix.SYS_STATX\n\nfunc main() {}\n',
    );
    const args = ["check", "--kernel", "3.10.0", "--module", module, "--json"];
    const installed = run(join(project, "node_modules/.bin/xsysgen"), args, project);
    expect(installed.status, installed.stderr).toBe(1);
    expect(installed.stdout).toContain("SYS_STATX");
    const workspace = workspaceCli(args);
    expect(installed.stdout).toBe(workspace.r.stdout);
    expect(installed.stderr).toBe(workspace.r.stderr);
  });

  it("a plain .mjs importing the API (the README's example) prints the CLI's zsysnum_linux_amd64.go", () => {
    const example = readFileSync(join(examples, "zsysnum-amd64.mjs"), "utf8");
    expect(readFileSync(join(repoRoot, "packages/xsysgen/README.md"), "utf8")).toContain(`\`\`\`js\n${example}\`\`\``);
    copyFileSync(join(examples, "zsysnum-amd64.mjs"), join(project, "zsysnum-amd64.mjs"));
    const r = run(process.execPath, ["zsysnum-amd64.mjs"], project);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const cli = workspaceCli(["gen", "--kernel", "3.10.0", "--out", "out"]);
    expect(cli.r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(cli.cwd, "out", "zsysnum_linux_amd64.go"), "utf8"));
  });

  it.each([
    ["NodeNext", "NodeNext"],
    ["ESNext", "Bundler"],
  ])(
    "a strict TypeScript consumer type-checks against the shipped declarations (module %s, resolution %s)",
    (module, moduleResolution) => {
      copyFileSync(join(examples, "consumer.ts"), join(project, "consumer.ts"));
      const compilerOptions = {
        target: "ES2022",
        module,
        moduleResolution,
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        noEmit: true,
        types: ["node"],
      };
      const config = `tsconfig.${moduleResolution}.json`;
      writeFileSync(join(project, config), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }, null, 2));
      const r = run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", config], project);
      expect(r.stdout + r.stderr).toBe("");
      expect(r.status).toBe(0);
    },
  );

  it("`npm ls` reports no missing, invalid or extraneous dependency", () => {
    const r = run("npm", ["ls", "--all", "--json"], project);
    expect(r.status, r.stdout).toBe(0);
    const tree = JSON.parse(r.stdout) as { problems?: string[]; dependencies: Record<string, unknown> };
    expect(tree.problems ?? []).toEqual([]);
    expect(Object.keys(tree.dependencies)).toContain("xsysgen");
  });
});
