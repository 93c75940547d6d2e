/**
 * Test fixtures for the writer: temporary Go modules built from testdata/modules/src with a
 * chosen golang.org/x/sys (module proxy, cached once in .cache/gomod), the kernel registry's amd64
 * tables (getTable), CentOS 7.9-style installed headers rendered from them, patched
 * files made with the generator, and whole-tree hashes.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getTable } from "@xsysgen/kernels";
import { ModuleError, type SyscallTable, type TargetName } from "@xsysgen/core";
import {
  detectHeaderEra,
  mergeForPatch,
  missingSyscalls,
  readZsysnumGo,
  renderAsmUnistdWrapper,
  renderFallbackHeader,
  renderInstalledUnistdHeaders,
  renderZsysnumGo,
} from "@xsysgen/generator";
import type { XsysLocation } from "../src/index.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const modulesData = join(repoRoot, "testdata", "modules");

/** One toolchain, one shared module cache; GOFLAGS cleared so each test states its own. */
export const goEnv: Record<string, string | undefined> = {
  ...process.env,
  GOTOOLCHAIN: "local",
  GOMODCACHE: join(repoRoot, ".cache", "gomod"),
  GOFLAGS: "",
  CGO_ENABLED: "1",
  CGO_CFLAGS: undefined,
};
/** After setup everything is cached: builds must work offline. */
export const offlineEnv = { ...goEnv, GOPROXY: "off", GOFLAGS: "-mod=mod" };

export { XSYS_2019, XSYS_RECENT, XSYS_VENDORED } from "../../../scripts/lib/test-modules.ts";

export function go(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = goEnv,
): { ok: boolean; output: string } {
  const r = spawnSync("go", args, { cwd, env: env as NodeJS.ProcessEnv, encoding: "utf8" });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** A module around src/cgoapp requiring `xsys`; vendored with `go mod vendor` when asked. */
export function makeModule(xsys: string, vendored: boolean): string {
  const dir = scratchDir(vendored ? "vendored" : "modcache");
  cpSync(join(modulesData, "src", "cgoapp"), dir, { recursive: true });
  writeFileSync(join(dir, "go.mod"), `module example.com/cgoapp\n\ngo 1.21\n\nrequire golang.org/x/sys ${xsys}\n`);
  const env = { ...goEnv, GOFLAGS: "-mod=mod" };
  // -e: the 2019 x/sys lacks SYS_OPENAT2, so the package does not type-check until patched.
  for (const args of [
    ["mod", "download", `golang.org/x/sys@${xsys}`],
    ["mod", "tidy", "-e"],
    ...(vendored ? [["mod", "vendor", "-e"]] : []),
  ]) {
    const r = go(args, dir, env);
    if (!r.ok) throw new Error(`go ${args.join(" ")} in ${dir}: ${r.output}`);
  }
  return dir;
}

export function copyModule(dir: string): string {
  const to = scratchDir("copy");
  cpSync(dir, to, { recursive: true });
  return to;
}

/** sha256 over every path, mode and content under `dir` (directories included). */
export function treeHash(dir: string): string {
  const h = createHash("sha256");
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel === "" ? name : `${rel}/${name}`;
      const st = statSync(join(dir, r));
      h.update(`${r}\0${st.mode.toString(8)}\0`);
      if (st.isDirectory()) walk(r);
      else h.update(readFileSync(join(dir, r)));
    }
  };
  walk("");
  return h.digest("hex");
}

/** The registry's amd64 tables (the committed facts `apply --kernel` uses too). */
export const rhel = (): SyscallTable => getTable("3.10.0-1160.el7", "amd64");
export const linux612 = (): SyscallTable => getTable("6.12", "amd64");

/** CentOS 7.9's installed asm/ headers from the RHEL 7.9 table; returns the include dir. */
export function rhelIncludeDir(): string {
  const dir = scratchDir("rhel-include");
  for (const [rel, text] of renderInstalledUnistdHeaders(rhel())) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** The files `apply --kernel 3.10.0-1160.el7` produces for amd64, against Linux 6.12. */
export async function patchedFiles(loc: XsysLocation): Promise<Map<string, string>> {
  const file = "unix/zsysnum_linux_amd64.go";
  const original = (await loc.readFile(file)).toString("utf8");
  const era = detectHeaderEra(original, file);
  const existing = await readZsysnumGo(original, file);
  const merged = mergeForPatch(rhel(), linux612(), { keep: existing.constants, targetLabel: "RHEL 7.9" });
  const command = original.split("\n")[0]!.slice(3);
  const fallback = {
    command: "xsysgen apply --kernel 3.10.0-1160.el7",
    targetLabel: "RHEL 7.9 (3.10.0-1160.el7)",
    referenceLabel: "Linux 6.12",
    arches: [{ target: "amd64" as TargetName, missing: missingSyscalls(rhel(), linux612()) }],
  };
  return new Map([
    [file, renderZsysnumGo(merged.table, { command, era, annotations: merged.annotations })],
    ["syscall_fallback.h", renderFallbackHeader(fallback)],
    ["include/asm/unistd.h", renderAsmUnistdWrapper(fallback)],
  ]);
}

export const manifestInfo = {
  target: "3.10.0-1160.el7",
  reference: "6.12",
  command: "xsysgen apply --kernel 3.10.0-1160.el7",
};

/** Runs `script` with sh in `cwd` and returns its status and output. */
export function sh(
  script: string,
  cwd: string,
  env: Record<string, string | undefined>,
): { ok: boolean; output: string } {
  const r = spawnSync("sh", ["-c", script], { cwd, env: env as NodeJS.ProcessEnv, encoding: "utf8" });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Runs `run` and expects a one-line ModuleError (exit 2) matching `message`, with every dir in `dirs` unchanged. */
export async function refuses(dirs: readonly string[], run: () => Promise<unknown>, message: RegExp): Promise<void> {
  // Imported here, not at the top: recovery.test.ts's child process imports this file outside vitest,
  // and vitest's module costs each of its ~14 starts 0.5 s of CPU.
  const { expect } = await import("vitest");
  const before = dirs.map(treeHash);
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModuleError);
  expect((error as ModuleError).exitCode).toBe(2);
  expect((error as ModuleError).message).toMatch(message);
  expect((error as ModuleError).message).not.toContain("\n");
  expect(dirs.map(treeHash)).toEqual(before);
}
