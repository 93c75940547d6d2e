/**
 * A corpus of real modules from the Go module proxy, fetched at test time into .cache/gomod and
 * pinned by version and go.sum hash. check must report exactly what an independent reading of the
 * same sources expects (packages/writer/test/oracle.ts): the module's files per arch as `go list`
 * chooses them, import names and uses by text, the syscalls of every golang.org/x/sys and `syscall`
 * wrapper from those packages' own sources (the module's pinned x/sys, this toolchain's syscall),
 * whether the build has each SYS_ name (their zsysnum files), and what the target lacks from the
 * registry's tables (target against the newest table per arch). check runs through the published
 * API in this process (the document `check --json` prints); runc v1.0.0's test also runs the CLI and
 * compares its document and exit code. apply and revert run as CLI processes.
 *
 * - Issue 11's corpus at kernel 3.10.0 on amd64: runc v1.0.0, cilium/ebpf v0.4.0,
 *   containerd/console v1.0.1 (golang.org/x/sys users) and creack/pty v1.1.11 (standard library
 *   `syscall` only); runc is the only module with C, and every SYS_/__NR_ mention in it is a
 *   definition, a tested name, a use under `#ifdef` of the same name, or text inside `#warning`
 *   (libcontainer/nsenter/cloned_binary.c lines 67 and 83): no C finding. Then apply → go build →
 *   go vet → apply --revert leaves every byte as it was, and apply on the module without
 *   golang.org/x/sys refuses before writing, saying what does fix such uses.
 * - Issue 23's corpus at CentOS 7.9 (`centos7.9`, every arch it builds): runc v1.1.4 (unix.Openat2,
 *   Faccessat2, MountSetattr, SYS_PIDFD_OPEN), go-fuse v2.1.0 (unix.Renameat2, which 7.9 lacks on
 *   i686 and arm64 only), cyphar/filepath-securejoin v0.3.6 (openat2, the new mount API, statx),
 *   djherbis/times v1.6.0 (statx through a function value) and containers/storage v1.20.2 (cgo C
 *   `SYS_memfd_create`, which 7.9 lacks on arm64 only: found without --arch). runc v1.1.4's zip
 *   keeps vendor/modules.txt alone, so it does not build before apply: apply refuses and writes
 *   nothing, `--allow-broken-build` applies, and revert restores it byte for byte, directories
 *   included; `--include-deps` reads its dependencies from the module cache.
 *
 * @module-tag network
 * @module-tag go
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findTarget, type TargetName } from "@xsysgen/core";
import { check as checkApi, type CheckDocument } from "xsysgen";
import { distroTargets, getTable, kernelTargets, listKernels, newestSeriesOf } from "@xsysgen/kernels";
import { goEnv, sh, treeHash } from "../../writer/test/helpers.ts";
import { expectedGoFindings, moduleFiles } from "../../writer/test/oracle.ts";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { downloadModule, xsysUnixDir } from "../../../scripts/lib/gomod.ts";
import { withoutStatus } from "./_support.ts";
import {
  CONSOLE,
  EBPF,
  GO_FUSE,
  PTY,
  RUNC,
  RUNC_114,
  SECUREJOIN,
  STORAGE,
  TIMES,
  type ModulePin,
} from "../../../scripts/lib/test-modules.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, "packages/cli/bin/xsysgen.js"), ...args], {
    env: goEnv as NodeJS.ProcessEnv,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Downloads the pinned module (or finds it in .cache/gomod), checks its hash, and returns a writable copy. */
function fetchModule(pin: ModulePin): string {
  const downloaded = downloadModule(pin.path, pin.version);
  expect(downloaded.sum).toBe(pin.sum);
  const dir = scratchDir(pin.path.split("/").pop()!);
  cpSync(downloaded.dir, dir, { recursive: true });
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

/** The golang.org/x/sys version go.mod requires (these modules' builds select it as it is). */
function xsysVersion(dir: string): string | undefined {
  return /^\s*(?:require\s+)?golang\.org\/x\/sys (v\S+)/m.exec(readFileSync(join(dir, "go.mod"), "utf8"))?.[1];
}

/** What the registry says a target kernel lacks per arch: the newest table has the syscall, the target's not. */
function registryLacks(kernel: string, arches: readonly TargetName[]): (syscall: string, arch: string) => boolean {
  const sets = new Map(
    arches.map((a) => [
      a as string,
      {
        have: new Set(getTable(kernel, a).entries.map((e) => e.name)),
        newest: new Set(getTable(newestSeriesOf(a)!, a).entries.map((e) => e.name)),
      },
    ]),
  );
  return (syscall, arch) => {
    const s = sets.get(arch);
    return s !== undefined && s.newest.has(syscall) && !s.have.has(syscall);
  };
}

/** The oracle's Go findings for `kernel` on `arches`, read from a copy (go list may write go.sum there). */
function expected(dir: string, kernel: string, arches: readonly TargetName[]): string[] {
  const copy = scratchDir("oracle");
  cpSync(dir, copy, { recursive: true });
  const version = xsysVersion(dir);
  return expectedGoFindings(copy, {
    arches: arches.map((name) => ({ name, goarch: findTarget(name)!.goarch! })),
    lacks: registryLacks(kernel, arches),
    xsysUnix: version === undefined ? undefined : xsysUnixDir(version),
  });
}

/**
 * check's document for the module, from the published API in this process: what `check --json`
 * prints (packages/cli/src/commands/check.ts prints it as it is, its notes on stderr, exit 1 when
 * `unhandled` > 0; runc v1.0.0's test runs the CLI too and compares). Notes are allowed only with
 * `allowNotes` (a derived cell gives one).
 */
async function check(
  dir: string,
  options: { kernel: string; arch?: string; includeDeps?: boolean },
  allowNotes = false,
) {
  const doc = await checkApi({ module: dir, env: goEnv, ...options });
  if (!allowNotes) expect(doc.notes).toEqual([]);
  const go = doc.findings.filter((f) => f.kind === "go");
  expect(doc.unhandled).toBe(doc.findings.filter((f) => !f.handled).length);
  return {
    doc,
    findings: doc.findings,
    keys: doc.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.symbol}`),
    goKeys: go.map(
      (f) => `${f.file}:${f.line}:${f.column}:${f.symbol}:${f.syscall}:${f.failsAt}:${f.handled}:${f.arches.join(",")}`,
    ),
  };
}

/** apply, then go build and go vet as a build pipeline would (the JSON's concrete flag), then revert. */
function applyBuildVetRevert(dir: string): void {
  const pristine = treeHash(dir);
  const r = cli(["apply", "--kernel", "3.10.0", "--module", dir, "--json"]);
  expect(withoutStatus(r.stderr)).toBe("");
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as {
    cgoCflags: string;
    vendored: boolean;
    build: { ok: boolean; before: { ok: boolean } };
    vet: { ok: boolean; new: string[]; packages: string[] };
    rolledBack: boolean;
  };
  expect(doc.build).toMatchObject({ ok: true, before: { ok: true } });
  expect(doc.rolledBack).toBe(false);
  expect(doc.vet).toMatchObject({ ok: true, new: [] });
  expect(doc.vet.packages.length).toBeGreaterThan(0);
  const env = { ...goEnv, CGO_CFLAGS: doc.cgoCflags };
  expect(sh("go build -mod=readonly -o /dev/null ./...", dir, env)).toMatchObject({ ok: true });
  const vet = sh(`go vet -mod=readonly ${doc.vet.packages.join(" ")}`, dir, env);
  expect(vet.output).toBe("");
  expect(vet.ok).toBe(true);
  const revert = cli(["apply", "--revert", "--module", dir]);
  expect(withoutStatus(revert.stderr)).toBe("");
  expect(revert.code).toBe(0);
  expect(treeHash(dir)).toBe(pristine);
}

describe("real modules at kernel 3.10.0 (amd64)", () => {
  const amd64: TargetName[] = ["amd64"];

  it(
    "runc v1.0.0: what the oracle expects; the #warning lines in cloned_binary.c are not uses",
    { timeout: 900_000 },
    async () => {
      const dir = fetchModule(RUNC);
      const c = readFileSync(join(dir, "libcontainer/nsenter/cloned_binary.c"), "utf8").split("\n");
      expect(c[66]).toMatch(/^#\s*warning ".*SYS_memfd_create"$/);
      expect(c[82]).toMatch(/^#\s*warning ".*SYS_memfd_create"$/);
      const { doc, findings, goKeys } = await check(dir, { kernel: "3.10.0", arch: "amd64" });
      // The CLI prints the same document, and exits 1 for its unhandled findings.
      const r = cli(["check", "--module", dir, "--json", "--kernel", "3.10.0", "--arch", "amd64"]);
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual(doc);
      expect(r.code).toBe(doc.unhandled > 0 ? 1 : 0);
      const want = expected(dir, "3.10.0", amd64);
      expect(goKeys).toEqual(want);
      expect(findings.filter((f) => f.kind === "c")).toEqual([]);
      // Issue 11's two number uses are there, as runtime findings: runc's x/sys defines both names.
      for (const [file, symbol] of [
        ["libcontainer/cgroups/ebpf/ebpf_linux.go", "SYS_BPF"],
        ["libcontainer/seccomp/patchbpf/enosys_linux.go", "SYS_SECCOMP"],
      ])
        expect(want).toContainEqual(expect.stringMatching(new RegExp(`^${file}:\\d+:\\d+:${symbol}:\\w+:runtime:`)));
      applyBuildVetRevert(dir);
    },
  );

  it("cilium/ebpf v0.4.0: SYS_BPF through the import name `linux`", { timeout: 600_000 }, async () => {
    const dir = fetchModule(EBPF);
    expect(sources(dir, /\.[ch]$/)).toEqual([]);
    const { goKeys } = await check(dir, { kernel: "3.10.0", arch: "amd64" });
    const want = expected(dir, "3.10.0", amd64);
    expect(goKeys).toEqual(want);
    expect(want).toContainEqual(expect.stringMatching(/^internal\/unix\/types_linux\.go:\d+:\d+:SYS_BPF:bpf:runtime:/));
    applyBuildVetRevert(dir);
  });

  it(
    "containerd/console v1.0.1: no findings (go 1.13: its vendor/modules.txt is not vendoring)",
    { timeout: 600_000 },
    async () => {
      const dir = fetchModule(CONSOLE);
      const { doc, keys } = await check(dir, { kernel: "3.10.0", arch: "amd64" });
      expect(expected(dir, "3.10.0", amd64)).toEqual([]);
      expect(keys).toEqual([]);
      expect(doc.unhandled).toBe(0);
      applyBuildVetRevert(dir);
    },
  );

  it(
    "creack/pty v1.1.11 (std-library syscall): no findings; apply refuses before writing and says what fixes such uses",
    { timeout: 600_000 },
    async () => {
      const dir = fetchModule(PTY);
      // It does use syscall.SYS_* (ioctl, FreeBSD's posix_openpt), all of which 3.10 has or amd64 never had.
      expect(readFileSync(join(dir, "ioctl.go"), "utf8")).toMatch(/syscall\.SYS_IOCTL/);
      const { doc, keys } = await check(dir, { kernel: "3.10.0", arch: "amd64" });
      expect(expected(dir, "3.10.0", amd64)).toEqual([]);
      expect(keys).toEqual([]);
      expect(doc.unhandled).toBe(0);
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

describe("real modules at CentOS 7.9 (every arch it builds)", () => {
  const RHEL79 = "3.10.0-1160.el7";
  /** The arches check looks at by default: those RHEL 7.9 is built for that Go has a port for. */
  const served = distroTargets(RHEL79)!.filter((a) => findTarget(a)?.goarch !== undefined);

  /** check --kernel centos7.9 (no --arch) against the oracle; returns the document. */
  async function centos7(dir: string): Promise<CheckDocument> {
    const { doc, goKeys } = await check(dir, { kernel: "centos7.9" });
    expect(doc.arches).toEqual(served);
    expect(goKeys).toEqual(expected(dir, RHEL79, served));
    return doc;
  }

  const lackingOn = (syscall: string) => served.filter((a) => registryLacks(RHEL79, served)(syscall, a));

  it(
    "runc v1.1.4: Openat2, Faccessat2, MountSetattr and pidfd calls, handled where runc compares with ENOSYS",
    {
      timeout: 600_000,
    },
    async () => {
      const dir = fetchModule(RUNC_114);
      const doc = await centos7(dir);
      expect(doc.xsys).toBe(`golang.org/x/sys ${xsysVersion(dir)}`);
      const calls = (symbol: string) => doc.findings.filter((f) => f.symbol === symbol);
      expect(calls("Openat2").map((f) => [f.file, f.via, f.handledBy])).toEqual([
        ["libcontainer/cgroups/file.go", ["Openat2", "openat2"], "caller"],
        ["libcontainer/cgroups/file.go", ["Openat2", "openat2"], null],
      ]);
      expect(calls("Faccessat2")).toMatchObject([{ syscall: "faccessat2", arches: lackingOn("faccessat2") }]);
      expect(calls("MountSetattr")).toMatchObject([{ syscall: "mount_setattr", failsAt: "runtime", handled: false }]);
      // runc's pinned x/sys defines SYS_PIDFD_OPEN: the build works, so the advice is no `apply`.
      const pidfd = calls("SYS_PIDFD_OPEN")[0]!;
      expect(pidfd).toMatchObject({ failsAt: "runtime", fix: { kind: "enosys-fallback" } });
      expect(pidfd.fix.text).not.toContain("apply");
    },
  );

  it(
    "go-fuse v2.1.0: unix.Renameat2 fails only where 7.9 lacks renameat2 (i686 among them)",
    { timeout: 600_000 },
    async () => {
      const dir = fetchModule(GO_FUSE);
      const doc = await centos7(dir);
      const renameat2 = doc.findings.filter((f) => f.symbol === "Renameat2");
      expect(renameat2.map((f) => f.file)).toEqual([
        "fs/loopback_linux.go",
        "fs/loopback_linux_test.go",
        "fs/loopback_linux_test.go",
      ]);
      expect(lackingOn("renameat2")).toContain("386");
      for (const f of renameat2) expect(f.arches).toEqual(lackingOn("renameat2"));
    },
  );

  it("filepath-securejoin v0.3.6: openat2, the new mount API and statx", { timeout: 600_000 }, async () => {
    const dir = fetchModule(SECUREJOIN);
    const doc = await centos7(dir);
    const syscalls = new Set(doc.findings.map((f) => f.syscall));
    for (const s of ["openat2", "open_tree", "fsopen", "fsmount", "fsconfig", "statx"]) expect(syscalls).toContain(s);
  });

  it(
    "djherbis/times v1.6.0: statx through a function value, which no function around it handles",
    { timeout: 600_000 },
    async () => {
      const dir = fetchModule(TIMES);
      const doc = await centos7(dir);
      expect(doc.findings).toMatchObject([{ file: "times_linux.go", symbol: "Statx", handled: false }]);
    },
  );

  it(
    "containers/storage v1.20.2: cgo's SYS_memfd_create on arches other than amd64 is found without --arch",
    { timeout: 600_000 },
    async () => {
      const dir = fetchModule(STORAGE);
      const c = readFileSync(join(dir, "pkg/unshare/unshare.c"), "utf8").split("\n");
      const line = c.findIndex((l) => l.includes("syscall(SYS_memfd_create")) + 1;
      const copy = scratchDir("oracle");
      cpSync(dir, copy, { recursive: true });
      // RHEL 7.9 has memfd_create on every arch it is built for (it had arm64 through an asm-generic table
      // no Red Hat kernel used): the first registry kernel whose amd64 table has it while another arch
      // that compiles unshare.c (go list) lacks it shows that check's default covers every arch.
      const compiles = new Map<TargetName, boolean>();
      const builds = (a: TargetName) => {
        if (!compiles.has(a))
          compiles.set(a, moduleFiles(copy, findTarget(a)!.goarch!, []).c.has("pkg/unshare/unshare.c"));
        return compiles.get(a)!;
      };
      const picked = listKernels()
        .vanilla.map((v) => v.series)
        .map((kernel) => {
          const arches = kernelTargets(kernel).filter((a) => findTarget(a)?.goarch !== undefined);
          const lacks = registryLacks(kernel, arches);
          return {
            kernel,
            arches: lacks("memfd_create", "amd64") ? [] : arches.filter((a) => lacks("memfd_create", a)),
          };
        })
        .find((k) => k.arches.some(builds));
      expect(picked).toBeDefined();
      const { kernel, arches } = picked!;
      const lacking = arches.filter(builds);
      const { doc } = await check(dir, { kernel }, true);
      expect(doc.findings.filter((f) => f.kind === "c")).toMatchObject([
        {
          file: "pkg/unshare/unshare.c",
          line,
          column: c[line - 1]!.indexOf("SYS_memfd_create") + 1,
          symbol: "SYS_memfd_create",
          failsAt: "compile",
          arches: lacking,
          fix: { kind: "fallback-header" },
        },
      ]);
      // --arch narrows it, as it narrows apply.
      expect((await check(dir, { kernel, arch: "amd64" }, true)).findings.filter((f) => f.kind === "c")).toEqual([]);
    },
  );

  it(
    "runc v1.1.4 from the proxy (vendor/modules.txt alone) does not build: apply refuses; " +
      "--allow-broken-build applies, and revert is byte for byte",
    { timeout: 900_000 },
    async () => {
      const dir = fetchModule(RUNC_114);
      expect(readdirSync(join(dir, "vendor"))).toEqual(["modules.txt"]);
      const pristine = treeHash(dir);
      const refused = cli(["apply", "--kernel", "centos7.9", "--module", dir]);
      expect(refused.code).toBe(2);
      expect(refused.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(refused.stderr).toMatch(/does not build before apply \(go build -mod=vendor .*import lookup disabled/);
      expect(refused.stderr).toContain("nothing written (--allow-broken-build");
      expect(treeHash(dir)).toBe(pristine);

      const applied = cli(["apply", "--kernel", "centos7.9", "--module", dir, "--allow-broken-build", "--json"]);
      expect(withoutStatus(applied.stderr)).toBe("");
      expect(applied.code).toBe(0);
      const doc = JSON.parse(applied.stdout) as {
        build: { ok: boolean; before: { ok: boolean }; new: string[] };
        rolledBack: boolean;
        changedFiles: string[];
      };
      // It fails as it did before, and nothing new: the patch stays.
      expect(doc.build).toMatchObject({ ok: false, before: { ok: false }, new: [] });
      expect(doc.rolledBack).toBe(false);
      expect(doc.changedFiles).toContain("vendor/modules.txt");
      expect(existsSync(join(dir, "vendor/golang.org/x/sys/unix"))).toBe(true);
      const reverted = cli(["apply", "--revert", "--module", dir]);
      expect(withoutStatus(reverted.stderr)).toBe("");
      expect(reverted.code).toBe(0);
      // Every path, mode and byte, directories included: no empty vendor/golang.org/ is left.
      expect(readdirSync(join(dir, "vendor"))).toEqual(["modules.txt"]);
      expect(treeHash(dir)).toBe(pristine);
    },
  );

  it(
    "runc v1.1.4 --include-deps: its vendor/ holds no source, so the dependencies come from the module cache",
    {
      timeout: 900_000,
    },
    async () => {
      const dir = fetchModule(RUNC_114);
      const own = await check(dir, { kernel: "centos7.9", arch: "amd64" });
      const deps = await check(dir, { kernel: "centos7.9", arch: "amd64", includeDeps: true });
      const ownFiles = sources(dir, /\.(go|c|h)$/).length;
      expect(own.doc.filesScanned).toBeGreaterThanOrEqual(ownFiles);
      expect(deps.doc.filesScanned).toBeGreaterThan(own.doc.filesScanned + 100);
      // Every finding of the module's own files is still there; dependencies add theirs, named by module version.
      expect(deps.keys).toEqual(expect.arrayContaining(own.keys));
      const depFiles = deps.findings.map((f) => f.file).filter((f) => f.includes("@"));
      expect(depFiles.length).toBeGreaterThan(0);
      expect(depFiles.every((f) => /^[\w.\-/]+@v[^/]+\//.test(f))).toBe(true);
    },
  );
});
