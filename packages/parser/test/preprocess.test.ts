/**
 * The preprocessor on small synthetic headers: values checked against gcc, and every failure
 * mode ends in a ParseError/ConflictError with file:line instead of a wrong table, a hang or a
 * stack overflow.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBundle, parseUnistdHeader } from "../src/index.ts";
import { ConflictError, findTarget, ParseError } from "@xsysgen/core";
import type { SyscallTable, Target } from "@xsysgen/core";
import { gccSyscallNumbers } from "./helpers.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const amd64 = findTarget("amd64") as Target;
let tmp = "";
beforeAll(() => {
  tmp = scratchDir();
});

const semantics = `
#define BASE 0x10UL
#define TWICE BASE+BASE
#define SELF SELF
#define OCT 010
#if defined(__x86_64__) && !defined(__i386__) && (TWICE * 2 == 0x30) && (-1 < 0) && (~0 == -1)
#define __NR_prec (TWICE * 2)
#elif 1
#define __NR_wrong 1
#endif
#ifdef SELF
#define __NR_octal (OCT + (1 << 4) % 7 - 6 / 4)
#endif
#ifndef NOT_DEFINED
#define __NR_ternary (OCT > 8 ? 1 : (__LP64__ ? 2 : 3))
#if UNDEFINED_IN_IF ? 0 : 1 + 1 == 2
#define __NR_ifternary 3
#endif
#endif
#if UNDEFINED_IN_IF || SELF
#define __NR_wrong2 2
#else
#define __NR_bits ((5 & 3) | (8 ^ 1) >= 9 != 0)
#endif
#define __NR_kept 7
#undef __NR_kept
#define __NR_same 8
#define __NR_same 8
#define __NR_alias __NR_same
#define F(a, b) ((a) + (b))
`;

describe("preprocessor semantics", () => {
  it("evaluates conditions and values exactly like gcc", { tags: ["gcc"] }, async () => {
    const file = join(tmp, "sem.h");
    writeFileSync(file, semantics);
    const table = await parseUnistdHeader(semantics, { source: "sem.h", target: "amd64" });
    const gcc = gccSyscallNumbers([{ id: "x", file, includeDirs: [], target: amd64 }]).get("x") as Map<string, number>;
    const ours = new Map([...table.entries, ...table.aliases].map((e) => [e.name, e.number]));
    expect(ours).toEqual(gcc);
    expect(table.aliases).toEqual([{ name: "alias", number: 8 }]);
    expect(table.entries.map((e) => e.name)).toEqual(["prec", "octal", "ternary", "ifternary", "bits", "same"]);
  });

  it("resolves <asm/...> against the includer's root and records includes that are not there", async () => {
    const files = new Map([
      [
        "sysroot/usr/include/x86_64-linux-gnu/asm/unistd.h",
        '#include <asm/unistd_64.h>\n#include <asm/missing.h>\n#include "unistd_extra.h"\n',
      ],
      ["sysroot/usr/include/x86_64-linux-gnu/asm/unistd_64.h", "#define __NR_read 0\n"],
      ["sysroot/usr/include/x86_64-linux-gnu/asm/unistd_extra.h", "#define __NR_write 1\n"],
    ]);
    const parsed = await parseBundle({ origin: "sysroot", files });
    expect(parsed.served).toEqual(["amd64"]);
    expect(parsed.tables[0]?.entries).toEqual([
      { name: "read", number: 0 },
      { name: "write", number: 1 },
    ]);
  });
});

async function parseError(text: string): Promise<ParseError> {
  try {
    await parseUnistdHeader(text, { source: "bad.h", target: "amd64" });
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("fails closed", () => {
  it("active #error", async () => {
    const e = await parseError("#define __NR_read 0\n#ifdef __x86_64__\n#error not for this arch\n#endif\n");
    expect([e.file, e.line, e.reason]).toEqual(["bad.h", 3, "#error not for this arch"]);
    // The same #error in a branch the target does not take is not an error.
    const table = await parseUnistdHeader("#ifdef __i386__\n#error no\n#endif\n#define __NR_read 0\n", {
      source: "ok.h",
      target: "amd64",
    });
    expect(table.entries.map((e) => [e.name, e.number])).toEqual([["read", 0]]);
  });

  it("syntax errors in directives", async () => {
    expect((await parseError("#define __NR_read 0\n#if 1 +\n#define __NR_write 1\n#endif\n")).line).toBe(2);
    expect((await parseError("#define __NR_read 0\n#endif\n")).line).toBe(2);
    expect((await parseError("#if 1\n#define __NR_read 0\n")).reason).toMatch(/unterminated/);
  });

  it("two numbers for one name", async () => {
    await expect(
      parseUnistdHeader("#define __NR_read 0\n#define __NR_read 1\n", { source: "two.h", target: "amd64" }),
    ).rejects.toThrow(ConflictError);
    await expect(
      parseUnistdHeader("#define __NR_read 0\n#define __NR_read 1\n", { source: "two.h", target: "amd64" }),
    ).rejects.toThrow("two.h:1 defines 0, two.h:2 defines 1");
  });

  it("an __NR_ define that does not evaluate", async () => {
    const e = await parseError("#define __NR_read 0\n#define __NR_write sys_write\n");
    expect([e.line, e.reason]).toEqual([2, "__NR_write sys_write: sys_write is not defined to a number"]);
    expect((await parseError("#define __NR_x ((int)5)\n")).line).toBe(1);
  });

  it("self-referential macros stop like cpp and then fail to evaluate", async () => {
    expect((await parseError("#define __NR_loop __NR_loop\n")).reason).toMatch(/__NR_loop is not defined to a number/);
    expect((await parseError("#define A B\n#define B A\n#define __NR_x (A + 1)\n")).line).toBe(3);
  });

  it("include recursion", async () => {
    const files = new Map([["asm/unistd.h", "#include <asm/unistd.h>\n#define __NR_read 0\n"]]);
    await expect(
      parseBundle({ origin: "rec", files: new Map([...files, ["asm/unistd_64.h", '#include "unistd.h"\n']]) }),
    ).rejects.toThrow(/nested deeper than 200/);
  });

  it("deep #if nesting and exponential macro expansion", async () => {
    const depth = 3000;
    const deep = "#if 1\n".repeat(depth) + "#define __NR_read 0\n" + "#endif\n".repeat(depth);
    expect((await parseError(deep)).reason).toMatch(/nesting deeper than 200/);
    let blowup = "#define M0 1\n";
    for (let i = 1; i <= 40; i++) blowup += `#define M${i} (M${i - 1} + M${i - 1})\n`;
    expect((await parseError(`${blowup}#define __NR_big M40\n`)).reason).toMatch(/exceeds 100000 tokens/);
    let chain = "#define C0 1\n";
    for (let i = 1; i <= 2000; i++) chain += `#define C${i} C${i - 1}\n`;
    expect((await parseError(`${chain}#if C2000\n#endif\n`)).reason).toMatch(/nested deeper than 200/);
    const parens = "(".repeat(5000) + "1" + ")".repeat(5000);
    expect((await parseError(`#define __NR_p ${parens}\n`)).line).toBe(1);
  });

  it("aliases point at entries: asm-generic __NR_newfstatat", async () => {
    const text = [
      "#define __NR3264_fstatat 79",
      "#define __NR_newfstatat __NR3264_fstatat",
      "#define __NR3264_fcntl 25",
      "#define __NR_fcntl __NR3264_fcntl",
      "",
    ].join("\n");
    const table: SyscallTable = await parseUnistdHeader(text, { source: "g.h", target: "arm64" });
    expect(table.entries).toEqual([
      { name: "fstatat", number: 79, macro: "__NR3264_fstatat" },
      { name: "fcntl", number: 25, macro: "__NR3264_fcntl" },
    ]);
    expect(table.aliases).toEqual([{ name: "newfstatat", number: 79 }]);
  });
});
