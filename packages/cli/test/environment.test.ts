/**
 * The XSYSGEN_* variables, through the real `xsysgen` process: only the CLI reads them, a value that
 * does not parse is one usage line naming the variable (exit 2, nothing written) whatever the
 * command, an empty one is unset, and a good one reaches the library it is for (a byte limit stops
 * the read, the decompressor choice decides what runs, a PATH without the tools still reads).
 *
 * @module-tag network
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findTarget } from "@xsysgen/core";
import { debianPackage } from "../../../scripts/lib/debian.ts";
import { stderrLines, withoutStatus, xsysgenProcess } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

/** One installed amd64 header: a command that reads headers without an archive. */
function headerDir(): string {
  const dir = scratchDir("env-header");
  mkdirSync(join(dir, "asm"));
  writeFileSync(
    join(dir, "asm", findTarget("amd64")?.installedHeader ?? ""),
    "#define __NR_read 0\n#define __NR_write 1\n",
  );
  return dir;
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

describe.concurrent("a bad XSYSGEN_* value: one usage line naming it, exit 2, nothing written", () => {
  it.each([
    ["XSYSGEN_MAX_TOTAL_BYTES", "lots", "a positive whole number of bytes"],
    ["XSYSGEN_MAX_TOTAL_BYTES", "-5", "a positive whole number of bytes"],
    ["XSYSGEN_MAX_ENTRY_BYTES", "0", "a positive whole number of bytes"],
    ["XSYSGEN_MAX_ENTRY_BYTES", "1e6", "a positive whole number of bytes"],
    ["XSYSGEN_DECOMPRESSORS", "fast", "auto, system, library"],
    ["XSYSGEN_LOCK_WAIT", "soon", "a number of seconds, 0 or more"],
    ["XSYSGEN_LOCK_WAIT", "-1", "a number of seconds, 0 or more"],
  ])("%s=%s", async (name, value, expected) => {
    const cwd = scratchDir();
    // gen does not use the lock wait: every variable is checked before any command runs.
    const r = await xsysgenProcess(["gen", "--kernel", "3.10", "--arch", "amd64", "--out", "out"], {
      cwd,
      env: env({ [name]: value }),
    });
    expect(stderrLines(r)).toEqual([`xsysgen: ${name}="${value}": expected ${expected}`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("--json prints the usage error as an E_USAGE document too", async () => {
    const r = await xsysgenProcess(["kernels", "--json"], { env: env({ XSYSGEN_DECOMPRESSORS: "fast" }) });
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(doc.error.code).toBe("E_USAGE");
    expect(doc.error.message).toContain("XSYSGEN_DECOMPRESSORS");
  });

  it("--help and --version run whatever the variables say", async () => {
    const bad = env({ XSYSGEN_LOCK_WAIT: "soon" });
    expect((await xsysgenProcess(["--version"], { env: bad })).status).toBe(0);
    expect((await xsysgenProcess(["gen", "--help"], { env: bad })).status).toBe(0);
  });
});

describe.concurrent("good values reach the libraries", () => {
  it("an empty value is unset", async () => {
    const cwd = scratchDir();
    const r = await xsysgenProcess(["gen", "--headers", headerDir(), "--exact", "--out", "out"], {
      cwd,
      env: env({ XSYSGEN_MAX_ENTRY_BYTES: "", XSYSGEN_DECOMPRESSORS: "", XSYSGEN_LOCK_WAIT: "" }),
    });
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.status).toBe(0);
  });

  it("XSYSGEN_MAX_ENTRY_BYTES stops a header over it", async () => {
    const cwd = scratchDir();
    const dir = headerDir();
    const r = await xsysgenProcess(["gen", "--headers", dir, "--exact", "--out", "out"], {
      cwd,
      env: env({ XSYSGEN_MAX_ENTRY_BYTES: "10" }),
    });
    expect(stderrLines(r)).toHaveLength(1);
    expect(r.stderr).toContain("more than the 10-byte limit for a kept file");
    expect(r.status).toBe(2);
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("XSYSGEN_MAX_TOTAL_BYTES stops a package over it", async () => {
    const deb = debianPackage("linux-libc-dev-riscv64-cross");
    const r = await xsysgenProcess(["gen", "--headers", deb, "--exact", "--out", join(scratchDir(), "out")], {
      env: env({ XSYSGEN_MAX_TOTAL_BYTES: "100000" }),
    });
    expect(stderrLines(r)).toEqual([`xsysgen: ${deb}: decompression limit exceeded: more than 100000 bytes streamed`]);
    expect(r.status).toBe(2);
  });

  it("XSYSGEN_DECOMPRESSORS=system with no xz on PATH is refused; =library and auto read the package", async () => {
    const deb = debianPackage("linux-libc-dev-riscv64-cross");
    const noTools = { PATH: join(scratchDir(), "empty") };
    const args = (out: string) => ["gen", "--headers", deb, "--exact", "--out", join(scratchDir(), out)];
    const system = await xsysgenProcess(args("system"), { env: env({ ...noTools, XSYSGEN_DECOMPRESSORS: "system" }) });
    expect(stderrLines(system)).toEqual([`xsysgen: ${deb}: data.tar.xz: xz data needs \`xz\`, which is not on PATH`]);
    expect(system.status).toBe(2);
    for (const choice of ["library", "auto"]) {
      const r = await xsysgenProcess(args(choice), { env: env({ ...noTools, XSYSGEN_DECOMPRESSORS: choice }) });
      expect(withoutStatus(r.stderr)).toBe("");
      expect(r.status).toBe(0);
    }
  });
});
