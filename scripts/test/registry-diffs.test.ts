/**
 * Registry diffs checked against FACTS.md (RHEL backport lists, asm-generic's 6.11 rename): the
 * registry (@xsysgen/kernels) and the diff (@xsysgen/generator) together, so they live with the
 * workspace's integration tests rather than in either package (which depend only on the parser).
 */
import { describe, expect, test } from "vitest";
import { diffTables } from "../../packages/generator/src/index.ts";
import { getTable, sinceOf } from "../../packages/kernels/src/index.ts";

const numbers = (xs: ReadonlyArray<{ number: number }>) => xs.map((x) => x.number);

describe("diffs between vanilla and RHEL kernels (amd64)", () => {
  test("3.10.0 -> 3.10.0-1160.el7 adds exactly the 15 RHEL 7.9 backports", () => {
    const d = diffTables(getTable("3.10.0", "amd64"), getTable("3.10.0-1160.el7", "amd64"), sinceOf);
    expect(numbers(d.added)).toEqual([314, 315, 316, 317, 318, 319, 320, 321, 323, 324, 325, 326, 329, 330, 331]);
    expect([d.removed, d.renumbered, d.renamed]).toEqual([[], [], []]);
    expect(d.added.find((e) => e.name === "renameat2")?.since).toBe("3.15");
  });

  test("3.10.0-1160.el7 -> 4.18.0 adds exactly 322, 327, 328, 332, 333, 334", () => {
    const d = diffTables(getTable("centos7", "amd64"), getTable("4.18.0", "amd64"));
    expect(numbers(d.added)).toEqual([322, 327, 328, 332, 333, 334]);
    expect(d.removed).toEqual([]);
  });

  test("RHEL 6.8 spells 309 get_cpu; RHEL 7.9 i386 lacks 353 renameat2; RHEL 8.5 has 439 but not 435", () => {
    const d = diffTables(getTable("rhel6", "amd64"), getTable("3.10", "amd64"));
    expect(d.renamed).toEqual([{ number: 309, from: "get_cpu", to: "getcpu" }]);
    expect(getTable("3.10.0-1160.el7", "386").entries.some((e) => e.number === 353)).toBe(false);
    const el85 = numbers(getTable("centos8", "amd64").entries);
    expect(el85).toContain(439);
    expect(el85).not.toContain(435);
  });

  test("3.10 ends at 313 finit_module; RHEL 7.9 i386 > 350 and RHEL 8.5 amd64 > 334 have FACTS.md's numbers", () => {
    expect(getTable("3.10", "amd64").entries.at(-1)).toEqual({ name: "finit_module", number: 313 });
    expect(numbers(getTable("3.10.0-1160.el7", "386").entries).filter((n) => n > 350)).toEqual([
      351, 352, 354, 355, 356, 357, 374, 375, 376, 377, 380, 381, 382,
    ]);
    expect(numbers(getTable("4.18.0-348.2.1.el8", "amd64").entries).filter((n) => n > 334)).toEqual([
      425, 426, 427, 428, 429, 430, 431, 432, 433, 436, 439,
    ]);
  });
});

test("arm64 and riscv64 fstatat become newfstatat in 6.11 (x/sys SYS_NEWFSTATAT from the 6.11 headers)", () => {
  const d = diffTables(getTable("6.6", "arm64"), getTable("6.12", "arm64"));
  expect(d.renamed).toEqual([{ number: 79, from: "fstatat", to: "newfstatat" }]);
  expect(sinceOf("newfstatat", "arm64")?.text).toBe("6.11");
  // riscv64 the same (Debian 6.1 and 6.12 headers; x/sys 6.10 SYS_FSTATAT, 6.11 SYS_NEWFSTATAT).
  const rv = diffTables(getTable("6.1", "riscv64"), getTable("6.12", "riscv64"));
  expect(rv.renamed).toEqual([{ number: 79, from: "fstatat", to: "newfstatat" }]);
  expect(numbers(rv.added)).toEqual([258, 451, 452, 453, 454, 455, 456, 457, 458, 459, 460, 461, 462]);
});
