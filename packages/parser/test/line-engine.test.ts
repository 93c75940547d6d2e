/**
 * The line engine on the lexical corners real headers rarely show: each small header is
 * evaluated by both engines, and the line engine must either give tree-sitter's table or
 * decline (NeedsTreeSitter) — never a different answer. The hostile corpus and the real headers
 * are covered by engines.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { NeedsTreeSitter, treeSitterEngine, type CEngine } from "../src/c/engine.ts";
import { lineEngine } from "../src/c/line-engine.ts";
import { treeSitterParser } from "../src/tree-sitter.ts";
import { findTarget, type Target } from "@xsysgen/core";
import { evaluateHeaderWith } from "../src/unistd.ts";
import { EvalError, parseIntegerLiteral } from "../src/c/expr.ts";
import fc from "fast-check";

let ts: CEngine;
beforeAll(async () => {
  ts = treeSitterEngine(await treeSitterParser("c"));
});

const amd64 = findTarget("amd64") as Target;

function both(text: string) {
  const job = { files: new Map([["asm/unistd_64.h", text]]), entry: "asm/unistd_64.h", target: amd64 };
  let line: unknown;
  try {
    line = evaluateHeaderWith(lineEngine, job, "t").table;
  } catch (e) {
    line = e instanceof NeedsTreeSitter ? "declined" : "error";
  }
  let tree: unknown;
  try {
    tree = evaluateHeaderWith(ts, job, "t").table;
  } catch {
    tree = "error";
  }
  return { line, tree };
}

const handled: [string, string][] = [
  ["comments inside and after values", "#define __NR_read /* a */ 0 /* b */\n#define __NR_write 1 // c\n"],
  ["a multi-line comment ending its line", "/* one\n two */\n#define __NR_read 0\n#define __NR_write 1\n"],
  [
    "continuation lines",
    [
      "#define __NR_read \\",
      " 0",
      "#if defined(__x86_64__) && \\",
      "  !defined(__ILP32__)",
      "#define __NR_write (0 + \\",
      " 1)",
      "#endif",
      "",
    ].join("\n"),
  ],
  ["CRLF line ends", "#ifndef _G\r\n#define _G\r\n#define __NR_read 0\r\n#define __NR_write 1\r\n#endif\r\n"],
  [
    "conditionals, elif chains and nested else",
    [
      "#if __SIZEOF_LONG__ == 8",
      "# if 0",
      "#  define __NR_read 7",
      "# elif 1 ? 0 : 1",
      "#  define __NR_read 8",
      "# else",
      "#  define __NR_read 0",
      "# endif",
      "#endif",
      "#ifdef __i386__",
      "#define __NR_write 9",
      "#elif defined __x86_64__",
      "#define __NR_write 1",
      "#endif",
      "",
    ].join("\n"),
  ],
  [
    "aliases, macro chains, #undef and hex",
    [
      "#define BASE 0x10",
      "#define OFF (BASE - 16)",
      "#define GONE 5",
      "#define __NR_read (OFF + 0)",
      "#define __NR_write 1UL",
      "#define __NR_rd __NR_read",
      "#undef GONE",
      "",
    ].join("\n"),
  ],
  [
    "__SYSCALL lines between defines",
    [
      "#define __NR_read 0",
      "__SYSCALL(__NR_read, sys_read)",
      "#define __NR_write 1",
      "__SC_COMP(__NR_write, sys_write, compat_sys_write);",
      "",
    ].join("\n"),
  ],
  [
    "a quoted #include of a file the input lacks",
    '#include "unistd_x.h"\n#include <asm/other.h>\n#define __NR_read 0\n',
  ],
  [
    "function-like macros, defined but not called",
    "#define F(a, b) ((a) + (b))\n#define V(...) __VA_ARGS__\n#define __NR_read 0\n",
  ],
];

const declined: [string, string][] = [
  ["text after a multi-line comment", "#define __NR_read /* x\n */ 0\n"],
  ["an unterminated comment", "#define __NR_read 0\n/* never closed\n"],
  ["an unterminated string", '#define NAME "open\n#define __NR_read 0\n'],
  ["a string literal holding comment markers", '#define NAME "/* not a comment */"\n#define __NR_read 0\n'],
  ["a function-like macro call", "#define F(x) (x)\n#define __NR_read F(0)\n"],
  ["a C declaration", "#define __NR_read 0\nstruct s { int a; };\n"],
  ["#error", "#error stop\n"],
  ["sizeof", "#define __NR_read sizeof(long)\n"],
  ["an unterminated #if", "#if 1\n#define __NR_read 0\n"],
  ["a comma", "#define __NR_read (1, 0)\n"],
];

describe("line engine corners", () => {
  it.each(handled)("%s: same table as tree-sitter", (_, text) => {
    const { line, tree } = both(text);
    expect(tree).not.toBe("error");
    expect(line).toEqual(tree);
  });

  it.each(declined)("%s: declined, never a different answer", (_, text) => {
    expect(both(text).line).toBe("declined");
  });
});

describe("integer literals", () => {
  // C's rules for an unsuffixed literal of digits, wrapped to the 64-bit value cpp computes with.
  const cValue = (digits: string): bigint | "invalid" => {
    if (digits.length > 1 && digits.startsWith("0"))
      return /^[0-7]+$/.test(digits) ? BigInt.asIntN(64, BigInt(`0o${digits}`)) : "invalid";
    return BigInt.asIntN(64, BigInt(digits));
  };

  it("any run of digits reads as C reads it (plain decimals take a shortcut)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,22}$/), (digits) => {
        const expected = cValue(digits);
        if (expected === "invalid") expect(() => parseIntegerLiteral(digits)).toThrow(EvalError);
        else expect(parseIntegerLiteral(digits)).toBe(expected);
      }),
    );
    for (const edge of ["0", "00", "07", "08", "999999999999999999", "9223372036854775808", "18446744073709551615"]) {
      const expected = cValue(edge);
      if (expected === "invalid") expect(() => parseIntegerLiteral(edge)).toThrow(EvalError);
      else expect(parseIntegerLiteral(edge)).toBe(expected);
    }
  });
});
