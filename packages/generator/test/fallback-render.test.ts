import { describe, expect, it } from "vitest";
import { ConflictError } from "@xsysgen/core";
import type { SyscallTable } from "@xsysgen/core";
import { suiteDebs } from "../../../scripts/lib/debian.ts";
import { readHeaderBundle } from "../../reader/src/index.ts";
import {
  missingSyscalls,
  renderAsmUnistdWrapper,
  renderFallbackHeader,
  renderInstalledUnistdHeaders,
  renderSyscallsJson,
} from "../src/index.ts";
import { registryTable, rhelFallbackInput } from "./fallback-support.ts";

const rhel79 = registryTable("3.10.0-1160.el7", "amd64");
const linux71 = registryTable("7.1", "amd64");

/** C without comments and blank lines: what a preprocessor sees of a header. */
const directives = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l !== "")
    .join("\n");

describe("renderInstalledUnistdHeaders", () => {
  it("reproduces Debian bullseye's installed x86 headers from the registry's 5.10 tables", async () => {
    // Debian 11 is the oldest release a registry serves, and its 5.10 headers still have the 3.x
    // layout (6.1's are guarded by _ASM_UNISTD_64_H instead).
    const deb = suiteDebs("bullseye").find((d) => d.pkg.name === "linux-libc-dev")?.deb as string;
    const real = (await readHeaderBundle(deb)).files;
    const headers = renderInstalledUnistdHeaders(
      (["amd64", "386", "x32"] as const).map((t) => registryTable("5.10", t)),
    );
    expect([...headers.keys()].sort()).toEqual([
      "asm/unistd.h",
      "asm/unistd_32.h",
      "asm/unistd_64.h",
      "asm/unistd_x32.h",
    ]);
    for (const [path, text] of headers) {
      const want = real.get(`usr/include/x86_64-linux-gnu/${path}`) as string;
      if (path === "asm/unistd.h") {
        // The same directives; the kernel's copy carries an SPDX line and a longer comment.
        expect(directives(text), path).toBe(directives(want));
      } else {
        // Byte for byte, but for the second blank line 5.10's syscallhdr.sh leaves before #endif
        // (3.x headers_install output, the form CentOS 7 installs, has one).
        expect(text, path).toBe(want.replace(/\n\n\n#endif/, "\n\n#endif"));
      }
    }
  });

  it("lays out the RHEL 7.9 table with its backports and holes", () => {
    const text = renderInstalledUnistdHeaders(rhel79).get("asm/unistd_64.h") ?? "";
    expect(text).toContain("#define __NR_getrandom 318\n");
    expect(text).toContain("#define __NR_pkey_free 331\n");
    expect(text).not.toContain("__NR_execveat");
    expect(text).not.toContain("__NR_statx");
  });

  it("refuses arches whose installed layout it does not know", () => {
    expect(() => renderInstalledUnistdHeaders({ ...rhel79, target: "arm64" })).toThrow(/x86 only/);
  });
});

describe("missingSyscalls", () => {
  it("lists what RHEL 7.9 lacks against 7.1 (FACTS.md: 322, 327, 328, 332–334 and everything from 335 on)", () => {
    const missing = missingSyscalls(rhel79, linux71);
    const low = missing.filter((s) => s.number < 335).map((s) => `${s.number} ${s.name}`);
    expect(low).toEqual(["322 execveat", "327 preadv2", "328 pwritev2", "332 statx", "333 io_pgetevents", "334 rseq"]);
    const want = linux71.entries
      .filter((e) => e.number >= 335)
      .map((e) => e.name)
      .sort();
    expect(
      missing
        .filter((s) => s.number >= 335)
        .map((s) => s.name)
        .sort(),
    ).toEqual(want);
    expect(missing.map((s) => s.number)).toEqual([...missing.map((s) => s.number)].sort((a, b) => a - b));
  });

  it("uses the aliases of an asm-generic entry, never its __NR3264_ spelling", () => {
    // asm-generic: #define __NR3264_fstatat 79 and, for 64-bit, #define __NR_newfstatat __NR3264_fstatat.
    const reference: SyscallTable = {
      target: "arm64",
      source: "ref",
      aliases: [{ name: "__NR_newfstatat", number: 79 }],
      entries: [
        { name: "fstatat", number: 79, macro: "__NR3264_fstatat" },
        { name: "statx", number: 291 },
      ],
    };
    const target: SyscallTable = { target: "arm64", source: "old", entries: [], aliases: [] };
    expect(missingSyscalls(target, reference)).toEqual([
      { name: "newfstatat", number: 79 },
      { name: "statx", number: 291 },
    ]);
  });

  it("stops on a name with two numbers unless prefer says which wins", () => {
    const bent: SyscallTable = {
      ...rhel79,
      source: "bent",
      entries: rhel79.entries.map((e) => (e.name === "getrandom" ? { ...e, number: 999 } : e)),
    };
    expect(() => missingSyscalls(bent, linux71)).toThrow(ConflictError);
    expect(() => missingSyscalls(bent, linux71)).toThrow(
      /__NR_getrandom: 999 in bent but 318 in xsysgen kernel registry: Linux 7\.1 amd64/,
    );
    expect(missingSyscalls(bent, linux71, { prefer: "target" }).some((s) => s.name === "getrandom")).toBe(false);
    expect(missingSyscalls(bent, linux71, { prefer: "reference" })).toContainEqual({ name: "getrandom", number: 318 });
  });
});

describe("renderFallbackHeader", () => {
  it("opens with the command and a do-not-edit line, and merges arches that share a guard", () => {
    const text = renderFallbackHeader({
      command: "xsysgen gen --kernel 3.10.0-1160.el7 --out /tmp/x*/",
      targetLabel: "CentOS 7.9",
      referenceLabel: "Linux 7.1",
      arches: [
        { target: "mips", missing: [{ name: "statx", number: 4366, since: "4.11" }] },
        { target: "mipsle", missing: [{ name: "statx", number: 4366 }] },
      ],
    });
    const lines = text.split("\n");
    // A "*/" inside the command must not end the comment early.
    expect(lines[0]).toBe("/* xsysgen gen --kernel 3.10.0-1160.el7 --out /tmp/x* /");
    expect(lines[1]).toMatch(/DO NOT EDIT/);
    expect(text.match(/#\s*define __NR_statx 4366/g)).toHaveLength(1);
    expect(text).toContain("/* mips, mipsle: 1 syscall(s) */");
    expect(text).toContain("since Linux 4.11");
    // n32 (no target row) gets a block of its own after the last MIPS block: statx at 6000 + 330.
    expect(text).toMatch(/_MIPS_SIM == _ABIN32\n\/\* MIPS n32 .*\*\/\n[^]*#\s*define __NR_statx 6330\n/);
  });
});

describe("self-containment", () => {
  it("the header includes nothing and the wrapper only the next <asm/unistd.h> (no paths to break when moved)", () => {
    const input = rhelFallbackInput();
    const header = renderFallbackHeader(input);
    const wrapper = renderAsmUnistdWrapper(input);
    expect(header.match(/^\s*#\s*include.*$/gm)).toBeNull();
    expect(wrapper.match(/^\s*#\s*include.*$/gm)).toEqual(["#include_next <asm/unistd.h>"]);
    // Same definitions in both, under one include guard.
    expect(wrapper.slice(wrapper.indexOf("#ifndef XSYSGEN_SYSCALL_FALLBACK_H"))).toBe(
      header.slice(header.indexOf("#ifndef XSYSGEN_SYSCALL_FALLBACK_H")),
    );
  });
});

describe("renderSyscallsJson", () => {
  it("is sorted 2-space JSON with a trailing newline, one row per name of either table", () => {
    const linux310x32 = registryTable("3.10", "x32");
    const linux71x32 = registryTable("7.1", "x32");
    const text = renderSyscallsJson({
      targetLabel: "CentOS 7.9",
      referenceLabel: "Linux 7.1",
      prefer: "reference",
      arches: [
        { target: "x32", table: linux310x32, reference: linux71x32 },
        {
          target: "amd64",
          table: rhel79,
          reference: linux71,
          sinceOf: (name) => (name === "statx" ? "4.11" : undefined),
        },
      ],
    });
    expect(text.endsWith("}\n")).toBe(true);
    const doc = JSON.parse(text) as {
      arches: Record<string, { name: string; number: number; since: string | null; inTarget: boolean }[]>;
    };
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(Object.keys(doc.arches)).toEqual(["amd64", "x32"]);
    const amd64 = doc.arches.amd64 ?? [];
    expect(amd64.map((r) => r.number)).toEqual([...amd64.map((r) => r.number)].sort((a, b) => a - b));
    expect(amd64.find((r) => r.name === "statx")).toEqual({
      name: "statx",
      number: 332,
      since: "4.11",
      inTarget: false,
      inReference: true,
    });
    expect(amd64.find((r) => r.name === "getrandom")).toMatchObject({ number: 318, since: null, inTarget: true });
    expect(amd64).toHaveLength(linux71.entries.length);
    // x32 io_setup moved from 206 to 543 in 4.18 (FACTS.md); prefer "reference" takes 543.
    expect(doc.arches.x32?.find((r) => r.name === "io_setup")).toMatchObject({
      number: 0x40000000 + 543,
      inTarget: true,
    });
  });
});
