/**
 * Issue 4 through the CLI: `gen` without --exact writes patched Go files, the C fallback header,
 * the include/asm wrapper and syscalls.json; the patched files are gofmt-clean and compile inside
 * a real copy of golang.org/x/sys v0.3.0 (Debian's golang-golang-x-sys-dev) for eight GOARCHes.
 *
 * @module-tag network
 * @module-tag go
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir, xsysV030Unix, xsysgen } from "./_support.ts";

let unix: string;
beforeAll(() => {
  unix = xsysV030Unix();
});

describe("gen --kernel 3.10.0-1160.el7 (patched)", () => {
  let out: string;
  beforeAll(async () => {
    out = tempDir();
    const r = await xsysgen("gen", "--kernel", "3.10.0-1160.el7", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // An absolute --out is printed as given (a relative one as $PWD/<dir>/include).
    expect(r.stdout).toContain(`\nexport CGO_CFLAGS="-I${out}/include $CGO_CFLAGS"\n`);
  });

  it("writes the Go files, both C headers and syscalls.json", () => {
    const files = readdirSync(out, { recursive: true }).map(String).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        "include/asm/unistd.h",
        "syscall_fallback.h",
        "syscalls.json",
        "zsysnum_linux_386.go",
        "zsysnum_linux_amd64.go",
      ]),
    );
  });

  it("annotates every constant the target lacks, with the reference number and first kernel", () => {
    const go = readFileSync(join(out, "zsysnum_linux_amd64.go"), "utf8");
    expect(go.split("\n")[0]).toBe("// xsysgen gen --kernel 3.10.0-1160.el7");
    expect(go).toMatch(/^\tSYS_STATX += 332 \/\/ not in 3\.10\.0-1160\.el7 headers; Linux 4\.11$/m);
    expect(go).toMatch(/^\tSYS_PREADV2 += 327 \/\/ not in 3\.10\.0-1160\.el7 headers; Linux 4\.6$/m);
    expect(go).toMatch(/^\tSYS_GETRANDOM += 318$/m);
    expect(go).toMatch(/^\tSYS_OPENAT2 += 437 \/\/ not in/m);
  });

  it("is gofmt-clean", () => {
    expect(execFileSync("gofmt", ["-l", out], { encoding: "utf8" })).toBe("");
  });

  it("syscalls.json says per arch what the target has", () => {
    const json = JSON.parse(readFileSync(join(out, "syscalls.json"), "utf8")) as {
      arches: Record<string, { name: string; number: number; inTarget: boolean; since: string | null }[]>;
    };
    const amd64 = json.arches.amd64 ?? [];
    expect(amd64.find((r) => r.name === "statx")).toMatchObject({ number: 332, inTarget: false, since: "4.11" });
    expect(amd64.find((r) => r.name === "getrandom")).toMatchObject({ number: 318, inTarget: true });
  });

  it("the fallback header defines what 7.9 lacks and nothing it has", () => {
    const h = readFileSync(join(out, "syscall_fallback.h"), "utf8");
    expect(h).toMatch(/#\s*define __NR_statx 332/);
    expect(h).not.toMatch(/#\s*define __NR_getrandom /);
    expect(h).not.toMatch(/\/(home|root|tmp|work)\//);
  });
});

const goarches = ["amd64", "386", "arm64", "arm", "riscv64", "ppc64le", "s390x", "mips64le"] as const;

describe("patched files compile inside x/sys v0.3.0", () => {
  it.each(goarches)("GOARCH=%s", async (goarch) => {
    const out = tempDir();
    // RHEL 7.9 on x86, RHEL 8.3 on arm64 (Red Hat built no 3.10 arm64 kernel); elsewhere 6.1.
    const kernel = ["amd64", "386"].includes(goarch)
      ? "3.10.0-1160.el7"
      : goarch === "arm64"
        ? "4.18.0-240.el8"
        : "6.1";
    const upstream = join(unix, `zsysnum_linux_${goarch}.go`);
    const r = await xsysgen("gen", "--kernel", kernel, "--arch", goarch, "--like", upstream, "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const patched = readFileSync(join(out, `zsysnum_linux_${goarch}.go`), "utf8");
    // The replaced file's header era is kept: v0.3.0 has both build lines.
    expect(patched.split("\n").slice(1, 6)).toEqual(readFileSync(upstream, "utf8").split("\n").slice(1, 6));
    // Every constant x/sys v0.3.0 had stays (other x/sys files refer to them).
    for (const m of readFileSync(upstream, "utf8").matchAll(/^\t(SYS_\w+)\s/gm))
      expect(patched).toMatch(new RegExp(`^\\t${m[1]}\\s`, "m"));

    const module = tempDir("xsys-copy-");
    cpSync(join(unix, ".."), module, { recursive: true });
    writeFileSync(join(module, "unix", `zsysnum_linux_${goarch}.go`), patched);
    if (!existsSync(join(module, "go.mod")))
      writeFileSync(join(module, "go.mod"), "module golang.org/x/sys\n\ngo 1.17\n");
    const build = spawnSync("go", ["build", "./unix"], {
      cwd: module,
      encoding: "utf8",
      env: {
        ...process.env,
        GOOS: "linux",
        GOARCH: goarch,
        CGO_ENABLED: "0",
        GOFLAGS: "-mod=mod",
        GOPROXY: "off",
        GOTOOLCHAIN: "local",
      },
    });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  });
});

describe("conflicts", () => {
  it("a name with different numbers in target and reference is one line and exit 2 without --prefer", async () => {
    const dir = tempDir();
    const header = join(dir, "unistd_64.h");
    writeFileSync(header, "#define __NR_read 0\n#define __NR_preadv2 328\n");
    const out = join(dir, "out");
    const r = await xsysgen("gen", "--headers", header, "--arch", "amd64", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/preadv2/);
    expect(r.stderr).toMatch(/328/);
    expect(r.stderr).toMatch(/327/);
    expect(existsSync(out)).toBe(false);

    const preferred = await xsysgen(
      "gen",
      "--headers",
      header,
      "--arch",
      "amd64",
      "--out",
      out,
      "--prefer",
      "reference",
    );
    expect(preferred.code).toBe(0);
  });
});
