/**
 * A corpus of real modules from the Go module proxy (issue 11), fetched at test time into
 * .cache/gomod and pinned by version and go.sum hash: runc v1.0.0, cilium/ebpf v0.4.0,
 * containerd/console v1.0.1 (golang.org/x/sys users) and creack/pty v1.1.11 (standard library
 * `syscall` only). `check --kernel 3.10.0` must report exactly the real uses, worked out here
 * without the scanner:
 *
 * - Go: every `<name>.SYS_X` where <name> is the file's import name of golang.org/x/sys/unix or
 *   syscall, found by text search, kept when the registry's 3.10 amd64 table lacks x and the
 *   newest table has it. (Files for other arches in this corpus only use names amd64 has never
 *   had, such as runc's SYS_SETUID32 and pty's SYS_POSIX_OPENPT, so no build-constraint
 *   evaluation is needed for the expectation.)
 * - C: runc is the only module with C; every SYS_/__NR_ mention in it is a definition, a test in
 *   `#ifdef`/`#ifndef`/`defined()`, a use under `#ifdef` of the same name, or text inside
 *   `#warning` (libcontainer/nsenter/cloned_binary.c lines 67 and 83): no C finding.
 *
 * Then apply → go build → go vet → apply --revert leaves every byte as it was, and apply on the
 * module without golang.org/x/sys refuses before writing, saying what does fix such uses.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getTable, listKernels } from "@xsysgen/kernels";
import { goEnv, removeTemps, sh, tmp, treeHash } from "../../writer/test/helpers.ts";
import { repoRoot } from "../../../scripts/lib/debian.ts";

interface Pin {
  readonly path: string;
  readonly version: string;
  /** go.sum's h1: hash of the module zip. */
  readonly sum: string;
}

const RUNC: Pin = {
  path: "github.com/opencontainers/runc",
  version: "v1.0.0",
  sum: "h1:QOhAQAYUlKeofuyeKdR6ITvOnXLPbEAjPMjz9wCUXcU=",
};
const EBPF: Pin = {
  path: "github.com/cilium/ebpf",
  version: "v0.4.0",
  sum: "h1:QlHdikaxALkqWasW8hAC1mfR0jdmvbfaBdBPFmRSglA=",
};
const CONSOLE: Pin = {
  path: "github.com/containerd/console",
  version: "v1.0.1",
  sum: "h1:u7SFAJyRqWcG6ogaMAx3KjSTy1e3hT9QxqX7Jco7dRc=",
};
const PTY: Pin = {
  path: "github.com/creack/pty",
  version: "v1.1.11",
  sum: "h1:07n33Z8lZxZ2qwegKbObQohDhXDQxiMMz1NOUGYlesw=",
};

function cli(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), join(repoRoot, "packages/cli/src/main.ts"), ...args],
    {
      env: goEnv as NodeJS.ProcessEnv,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Downloads the pinned module (or finds it in .cache/gomod), checks its hash, and returns a writable copy. */
function fetchModule(pin: Pin): string {
  const r = spawnSync("go", ["mod", "download", "-json", `${pin.path}@${pin.version}`], {
    env: { ...goEnv, GOFLAGS: "-mod=mod" } as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  const info = JSON.parse(r.stdout) as { Dir?: string; Sum?: string; Error?: string };
  expect(info.Error).toBeUndefined();
  expect(info.Sum).toBe(pin.sum);
  const dir = tmp(pin.path.split("/").pop()!);
  cpSync(info.Dir!, dir, { recursive: true });
  // The module cache is read-only; the copy is the user's checkout.
  const writable = (d: string) => {
    chmodSync(d, 0o755);
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) writable(join(d, e.name));
      else chmodSync(join(d, e.name), 0o644);
    }
  };
  writable(dir);
  return dir;
}

/** Source files the go command would see: no vendor/, testdata/, or directories starting with "." or "_". */
function sources(dir: string, ext: RegExp, rel = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (r === "vendor" || e.name === "testdata" || e.name.startsWith(".") || e.name.startsWith("_")) continue;
      out.push(...sources(dir, ext, r));
    } else if (ext.test(e.name)) out.push(r);
  }
  return out.sort();
}

const newestAmd64 = [...listKernels().vanilla].reverse().find((v) => v.targets.includes("amd64"))!.series;
const has310 = new Set(getTable("3.10", "amd64").entries.map((e) => e.name));
const hasNewest = new Set(getTable(newestAmd64, "amd64").entries.map((e) => e.name));

/** The expected Go findings: text search for `<import name>.SYS_X`, filtered by the registry's tables. */
function expectedGo(dir: string): string[] {
  const out: string[] = [];
  for (const file of sources(dir, /\.go$/)) {
    const text = readFileSync(join(dir, file), "utf8");
    const names = new Set<string>();
    for (const m of text.matchAll(/^\s*(?:import\s+)?(\w+\s+)?"(golang\.org\/x\/sys\/unix|syscall)"/gm))
      names.add(m[1]?.trim() ?? (m[2] === "syscall" ? "syscall" : "unix"));
    if (names.size === 0) continue;
    for (const [i, line] of text.split("\n").entries()) {
      const code = line.replace(/\/\/.*$/, "");
      for (const m of code.matchAll(/\b(\w+)\.(SYS_[A-Z0-9_]+)\b/g)) {
        const syscall = m[2]!.slice(4).toLowerCase();
        if (!names.has(m[1]!) || has310.has(syscall) || !hasNewest.has(syscall)) continue;
        out.push(`${file}:${i + 1}:${Buffer.byteLength(line.slice(0, m.index + m[1]!.length + 1)) + 1}:${m[2]!}`);
      }
    }
  }
  return out;
}

interface CheckDoc {
  findings: {
    file: string;
    line: number;
    column: number;
    symbol: string;
    syscall: string;
    kind: string;
    api: string;
    arches: string[];
    fix: { kind: string };
  }[];
}

function check(dir: string) {
  const r = cli(["check", "--kernel", "3.10.0", "--module", dir, "--json"]);
  expect(r.stderr).toBe("");
  const doc = JSON.parse(r.stdout) as CheckDoc;
  return {
    code: r.code,
    findings: doc.findings,
    keys: doc.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.symbol}`),
  };
}

/** apply, then go build and go vet as a build pipeline would (the JSON's concrete flag), then revert. */
function applyBuildVetRevert(dir: string): void {
  const pristine = treeHash(dir);
  const r = cli(["apply", "--kernel", "3.10.0", "--module", dir, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as {
    cgoCflags: string;
    vendored: boolean;
    build: { ok: boolean };
    vet: { ok: boolean; new: string[]; packages: string[] };
  };
  expect(doc.build.ok).toBe(true);
  expect(doc.vet).toMatchObject({ ok: true, new: [] });
  expect(doc.vet.packages.length).toBeGreaterThan(0);
  const env = { ...goEnv, CGO_CFLAGS: doc.cgoCflags };
  expect(sh("go build -mod=readonly -o /dev/null ./...", dir, env)).toMatchObject({ ok: true });
  const vet = sh(`go vet -mod=readonly ${doc.vet.packages.join(" ")}`, dir, env);
  expect(vet.output).toBe("");
  expect(vet.ok).toBe(true);
  const revert = cli(["apply", "--revert", "--module", dir]);
  expect(revert.stderr).toBe("");
  expect(revert.code).toBe(0);
  expect(treeHash(dir)).toBe(pristine);
}

afterAll(removeTemps);

describe("real modules at kernel 3.10.0 (amd64)", () => {
  it(
    "runc v1.0.0: SYS_BPF and SYS_SECCOMP only; the #warning lines in cloned_binary.c are not uses",
    { timeout: 900_000 },
    () => {
      const dir = fetchModule(RUNC);
      const c = readFileSync(join(dir, "libcontainer/nsenter/cloned_binary.c"), "utf8").split("\n");
      expect(c[66]).toMatch(/^#\s*warning ".*SYS_memfd_create"$/);
      expect(c[82]).toMatch(/^#\s*warning ".*SYS_memfd_create"$/);
      const { code, findings, keys } = check(dir);
      const expected = expectedGo(dir);
      expect(expected).toEqual([
        expect.stringMatching(/^libcontainer\/cgroups\/ebpf\/ebpf_linux\.go:\d+:\d+:SYS_BPF$/),
        expect.stringMatching(/^libcontainer\/seccomp\/patchbpf\/enosys_linux\.go:\d+:\d+:SYS_SECCOMP$/),
      ]);
      expect(keys).toEqual(expected);
      expect(findings.map((f) => [f.api, f.fix.kind, f.arches])).toEqual([
        ["x/sys", "apply", ["amd64"]],
        ["x/sys", "apply", ["amd64"]],
      ]);
      expect(code).toBe(1);
      applyBuildVetRevert(dir);
    },
  );

  it("cilium/ebpf v0.4.0: SYS_BPF through the import name `linux`", { timeout: 600_000 }, () => {
    const dir = fetchModule(EBPF);
    expect(sources(dir, /\.[ch]$/)).toEqual([]);
    const { code, keys } = check(dir);
    const expected = expectedGo(dir);
    expect(expected).toEqual([expect.stringMatching(/^internal\/unix\/types_linux\.go:\d+:\d+:SYS_BPF$/)]);
    expect(keys).toEqual(expected);
    expect(code).toBe(1);
    applyBuildVetRevert(dir);
  });

  it(
    "containerd/console v1.0.1: no findings (go 1.13: its vendor/modules.txt is not vendoring)",
    { timeout: 600_000 },
    () => {
      const dir = fetchModule(CONSOLE);
      const { code, keys } = check(dir);
      expect(expectedGo(dir)).toEqual([]);
      expect(keys).toEqual([]);
      expect(code).toBe(0);
      applyBuildVetRevert(dir);
    },
  );

  it(
    "creack/pty v1.1.11 (std-library syscall): no findings; apply refuses before writing and says what fixes such uses",
    { timeout: 600_000 },
    () => {
      const dir = fetchModule(PTY);
      // It does use syscall.SYS_* (ioctl, FreeBSD's posix_openpt), all of which 3.10 has or amd64 never had.
      expect(readFileSync(join(dir, "ioctl.go"), "utf8")).toMatch(/syscall\.SYS_IOCTL/);
      const { code, keys } = check(dir);
      expect(expectedGo(dir)).toEqual([]);
      expect(keys).toEqual([]);
      expect(code).toBe(0);
      const before = treeHash(dir);
      const r = cli(["apply", "--kernel", "3.10.0", "--module", dir]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(
        new RegExp(
          "no golang\\.org/x/sys requirement .*syscall\\.SYS_\\* .*" +
            "golang\\.org/x/sys/unix or local constants.*C fallback header",
        ),
      );
      expect(treeHash(dir)).toBe(before);
      expect(statSync(join(dir, "go.mod")).isFile()).toBe(true);
    },
  );
});
