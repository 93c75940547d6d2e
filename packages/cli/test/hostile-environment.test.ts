/**
 * Hostile environments, through the real `xsysgen` process (testdata/hostile/README.md, "Hostile
 * environments"): an output that cannot be written — a path through a file (ENOTDIR), a directory
 * without write permission (EACCES), a read-only mount (EROFS), a full disk (ENOSPC), a file-size
 * limit (EFBIG) — ends with exit 2, one stderr line naming the path, the file and the errno, never
 * "internal error", and leaves nothing behind: no new file, no staging directory, and in an existing
 * output directory every file it had, byte for byte.
 *
 * Permission cases run as `nobody` through setpriv when the tests run as root (root writes through
 * mode 0555), from a copy of the bin `nobody` can reach wherever the checkout is (_reachable.ts).
 * Mount cases run in a private user and mount namespace (`unshare -rm`) on a small tmpfs, which
 * needs no privilege where user namespaces are enabled; the mount disappears with the namespace, so
 * what is left on it is listed inside.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asNobody, reachableXsysgen } from "./_reachable.ts";
import { type ProcessResult, runProcess, stderrLines, withoutStatus, xsysgenArgv, xsysgenProcess } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const isRoot = process.getuid?.() === 0;
const canUnshare = spawnSync("unshare", ["-rm", "true"]).status === 0;
const gen = ["gen", "--kernel", "3.10", "--arch", "amd64"];

function expectEnvironmentError(r: ProcessResult, ...mentions: string[]): void {
  const lines = stderrLines(r);
  expect(lines, r.stderr).toHaveLength(1);
  const line = lines[0] as string;
  expect(line).toMatch(/^xsysgen: /);
  expect(line).not.toMatch(/internal error|\bat .+:\d+:\d+\)?$|Error:/);
  for (const m of mentions) expect(line).toContain(m);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
}

/** Every entry under `dir` (hidden ones too) with file contents: any write or leftover shows. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const path = join(dir, name);
    out[name] = statSync(path).isDirectory() ? "<dir>" : readFileSync(path, "utf8");
  }
  return out;
}

/** A sandbox the `nobody` user can reach (scratchDir makes 0700 directories). */
function sandbox(): string {
  const dir = scratchDir("env");
  chmodSync(dir, 0o755);
  return dir;
}

/** The CLI as `nobody` when running as root, so that permissions apply. */
function unprivileged(args: readonly string[]): Promise<ProcessResult> {
  if (!isRoot) return runProcess(xsysgenArgv(...args));
  return runProcess([...asNobody, ...reachableXsysgen(), ...args]);
}

/**
 * Runs the CLI with a fresh tmpfs at `<sandbox>/mnt` (`mount` options, then `prepare` in the
 * shell), in a private mount namespace; returns the run and `ls -A` of the mount afterwards.
 */
async function onTmpfs(
  args: readonly string[],
  options: { mount: string; prepare?: string; remountReadOnly?: boolean },
): Promise<{ run: ProcessResult; left: string[]; box: string }> {
  const box = sandbox();
  mkdirSync(join(box, "mnt"));
  const script = [
    'box="$2"',
    'mount -t tmpfs -o "$1" xsysgen-test "$box/mnt"',
    options.prepare ?? ":",
    options.remountReadOnly === true ? 'mount -o remount,ro "$box/mnt"' : ":",
    "shift 2",
    '"$@" >"$box/stdout" 2>"$box/stderr" && echo 0 >"$box/status" || echo $? >"$box/status"',
    '(cd "$box/mnt" && find . -mindepth 1 | sort) >"$box/left"',
  ].join("\n");
  const sh = await runProcess(
    ["unshare", "-rm", "sh", "-ec", script, "sh", options.mount, box, ...xsysgenArgv(...args)],
    { cwd: box },
  );
  expect(withoutStatus(sh.stderr)).toBe("");
  const read = (name: string): string => readFileSync(join(box, name), "utf8");
  return {
    run: { status: Number(read("status").trim()), stdout: read("stdout"), stderr: read("stderr") },
    left: read("left")
      .split("\n")
      .filter((l) => l !== ""),
    box,
  };
}

describe.concurrent("outputs that cannot be written: exit 2, one line, nothing left", () => {
  it("gen --out /dev/null/x (ENOTDIR)", async () => {
    const r = await xsysgenProcess([...gen, "--out", "/dev/null/x"]);
    expectEnvironmentError(r, "/dev/null/x: --out: ", "ENOTDIR", "nothing was written");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("diff --out /dev/null/x (ENOTDIR)", async () => {
    const r = await xsysgenProcess(["diff", "3.10", "4.18", "--arch", "amd64", "--out", "/dev/null/x"]);
    expectEnvironmentError(r, "/dev/null/x: --out: ", "ENOTDIR", "nothing was written");
  });

  it("gen --out below a regular file (ENOTDIR), relative path as typed", async () => {
    const box = sandbox();
    writeFileSync(join(box, "file"), "keep\n");
    const r = await xsysgenProcess([...gen, "--out", "file/sub/out"], { cwd: box });
    expectEnvironmentError(r, "file/sub/out: --out: ", "ENOTDIR");
    expect(contents(box)).toEqual({ file: "keep\n" });
  });

  it("diff --out /dev/null: not a regular file, and /dev/null stays a device", async () => {
    const r = await xsysgenProcess(["diff", "3.10", "4.18", "--arch", "amd64", "--out", "/dev/null"]);
    expectEnvironmentError(r, "/dev/null: --out exists and is not a regular file");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("gen --out in a directory without write permission (EACCES)", async () => {
    const box = sandbox();
    mkdirSync(join(box, "ro"), { mode: 0o555 });
    chmodSync(join(box, "ro"), 0o555);
    const r = await unprivileged([...gen, "--out", join(box, "ro", "out")]);
    expectEnvironmentError(r, `${join(box, "ro", "out")}: --out: `, "EACCES", "nothing was written");
    expect(contents(box)).toEqual({ ro: "<dir>" });
  });

  it("diff --out in a directory without write permission (EACCES)", async () => {
    const box = sandbox();
    mkdirSync(join(box, "ro"), { mode: 0o555 });
    chmodSync(join(box, "ro"), 0o555);
    const r = await unprivileged(["diff", "3.10", "4.18", "--arch", "amd64", "--out", join(box, "ro", "d.txt")]);
    expectEnvironmentError(r, `${join(box, "ro", "d.txt")}: --out: `, "EACCES", "nothing was written");
    expect(contents(box)).toEqual({ ro: "<dir>" });
  });

  it("an existing --out whose include/asm is unwritable: files already replaced come back (EACCES)", async () => {
    const box = sandbox();
    const out = join(box, "out");
    mkdirSync(join(out, "include", "asm"), { recursive: true });
    writeFileSync(join(out, "zsysnum_linux_amd64.go"), "// the user's previous output\n");
    writeFileSync(join(out, "syscalls.json"), "{}\n");
    writeFileSync(join(out, "notes.txt"), "the user's own file\n");
    chmodSync(out, 0o777);
    chmodSync(join(out, "include", "asm"), 0o555);
    const before = contents(out);
    const r = await unprivileged([...gen, "--out", out]);
    // zsysnum_linux_amd64.go and syscall_fallback.h were renamed into place before unistd.h failed.
    expectEnvironmentError(r, `${out}: --out: cannot write include/asm/unistd.h`, "EACCES", "nothing was changed");
    expect(contents(out)).toEqual(before);
  });

  it("gen into a full disk (ENOSPC): nothing on it afterwards", async ({ skip }) => {
    if (!canUnshare) skip("unshare -rm (user namespaces) is not available here");
    const { run, left, box } = await onTmpfs([...gen, "--out", "mnt/out"], { mount: "size=32k" });
    expectEnvironmentError(run, "mnt/out: --out: cannot write ", "ENOSPC", "nothing was written");
    expect(left).toEqual([]);
    expect(existsSync(join(box, "mnt", "out"))).toBe(false);
  });

  it("gen into an existing directory on a full disk (ENOSPC): its files as they were", async ({ skip }) => {
    if (!canUnshare) skip("unshare -rm (user namespaces) is not available here");
    const prepare = 'mkdir "$box/mnt/out" && printf old >"$box/mnt/out/syscalls.json"';
    const { run, left } = await onTmpfs([...gen, "--out", "mnt/out"], { mount: "size=32k", prepare });
    expectEnvironmentError(run, "mnt/out: --out: cannot write ", "ENOSPC", "nothing was changed");
    expect(left).toEqual(["./out", "./out/syscalls.json"]);
  });

  it("diff --out onto a full disk (ENOSPC)", async ({ skip }) => {
    if (!canUnshare) skip("unshare -rm (user namespaces) is not available here");
    // A file fills the tmpfs to the last block first (dd stops at ENOSPC).
    const prepare = 'dd if=/dev/zero of="$box/mnt/fill" bs=4k count=64 2>/dev/null || true';
    const { run, left } = await onTmpfs(["diff", "2.6.32", "4.18", "--arch", "amd64,386", "--out", "mnt/d.txt"], {
      mount: "size=32k",
      prepare,
    });
    expectEnvironmentError(
      run,
      "mnt/d.txt: --out: cannot write a temp file beside it",
      "ENOSPC",
      "nothing was written",
    );
    expect(left).toEqual(["./fill"]);
  });

  it("gen onto a read-only mount (EROFS), new and existing --out", async ({ skip }) => {
    if (!canUnshare) skip("unshare -rm (user namespaces) is not available here");
    const fresh = await onTmpfs([...gen, "--out", "mnt/out"], { mount: "size=1m", remountReadOnly: true });
    expectEnvironmentError(fresh.run, "mnt/out: --out: ", "EROFS", "nothing was written");
    expect(fresh.left).toEqual([]);
    const existing = await onTmpfs([...gen, "--out", "mnt/out"], {
      mount: "size=1m",
      prepare: 'mkdir "$box/mnt/out"',
      remountReadOnly: true,
    });
    expectEnvironmentError(existing.run, "mnt/out: --out: ", "EROFS", "nothing was changed");
    expect(existing.left).toEqual(["./out"]);
  });

  it("an untyped environment fault (check meets an unreadable file, EACCES) is one line naming it", async () => {
    const box = sandbox();
    const module = join(box, "m");
    mkdirSync(join(module, "sub"), { recursive: true, mode: 0o755 });
    writeFileSync(join(module, "go.mod"), "module example.com/m\n\ngo 1.20\n");
    writeFileSync(join(module, "main.go"), "package main\n\nfunc main() {}\n");
    writeFileSync(join(module, "sub", "a.go"), "package sub\n", { mode: 0o000 });
    chmodSync(join(module, "sub", "a.go"), 0o000);
    for (const d of [module, join(module, "sub")]) chmodSync(d, 0o755);
    const r = await unprivileged(["check", "--kernel", "3.10", "--module", module]);
    expectEnvironmentError(r, join(module, "sub", "a.go"), "EACCES");
  });

  it("gen over a file-size limit (EFBIG, `ulimit -f`)", async () => {
    const box = sandbox();
    // The same run without the limit first: it passes, and any loader cache is warm.
    const unlimited = await xsysgenProcess([...gen, "--out", "big"], { cwd: box });
    expect(unlimited.status).toBe(0);
    // syscalls.json and syscall_fallback.h are over 32 KiB; SIGXFSZ ignored makes write() fail instead.
    const r = await runProcess(
      ["bash", "-c", 'ulimit -f 32; trap "" XFSZ; exec "$@"', "bash", ...xsysgenArgv(...gen, "--out", "small")],
      { cwd: box },
    );
    expectEnvironmentError(r, "small: --out: cannot write ", "EFBIG", "nothing was written");
    expect(existsSync(join(box, "small"))).toBe(false);
    expect(readdirSync(box).sort()).toEqual(["big"]);
  });
});
