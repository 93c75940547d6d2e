/**
 * mergeForPatch on real golang.org/x/sys tables: an older x/sys's amd64 table patched with
 * v0.3.0's, arm64 from 7.0 headers keeping v0.3.0's SYS_FSTATAT, and the 386/amd64 number
 * disagreements as conflicts. Expectations come from plain set arithmetic on the files.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError } from "@xsysgen/core";
import type { SyscallTable } from "@xsysgen/core";
import { mergeForPatch, readZsysnumGo, renderZsysnumGo } from "@xsysgen/generator";
import { readText, tableOfZsysnum, x86SinceVersions, xsysUnixDir, xsysV030UnixDir } from "./_xsys.ts";

const tables = new Map<string, SyscallTable>();
let since = new Map<string, string>();
beforeAll(async () => {
  const dirs = {
    old: xsysUnixDir("v0.0.0-20190215142949-d0b11bdaac8a"),
    // Linux 5.10 headers: arm's uapi had no __NR_SYSCALL_MASK yet.
    v2021: xsysUnixDir("v0.0.0-20210124154548-22da62e12c0c"),
    v030: xsysV030UnixDir(),
    v050: xsysUnixDir("v0.50.0"),
  };
  for (const [key, dir] of Object.entries(dirs)) {
    for (const arch of ["amd64", "386", "arm64", "arm"])
      tables.set(`${key}/${arch}`, await tableOfZsysnum(`${dir}/zsysnum_linux_${arch}.go`));
  }
  since = x86SinceVersions();
});

function t(key: string): SyscallTable {
  return tables.get(key) as SyscallTable;
}

describe("mergeForPatch", () => {
  it("adds each reference syscall the target lacks after the target's entries, with its first kernel", () => {
    const target = t("old/amd64");
    const reference = t("v030/amd64");
    const merged = mergeForPatch(target, reference, { targetLabel: "x/sys 2019", sinceOf: (n) => since.get(n) });
    const have = new Set(target.entries.map((e) => e.name));
    const missing = reference.entries.filter((e) => !have.has(e.name));
    expect(missing.length).toBeGreaterThan(10);
    expect(merged.added).toEqual(missing.map((e) => e.name));
    expect(merged.table.entries).toEqual([...target.entries, ...missing]);
    for (const e of missing) {
      const first = since.get(e.name);
      expect(first, e.name).toBeDefined();
      expect(merged.annotations.get(e.name)).toBe(`not in x/sys 2019 headers; Linux ${first}`);
    }
    expect(merged.annotations.size).toBe(missing.length);
    expect(merged.annotations.get("clone3")).toBe("not in x/sys 2019 headers; Linux 5.3");
  });

  it("keeps constants of the replaced file that neither table has, with their own numbers, never aliased", async () => {
    const target = t("v050/arm64");
    const keep = (await readZsysnumGo(readText(`${xsysV030UnixDir()}/zsysnum_linux_arm64.go`), "v0.3.0 arm64"))
      .constants;
    const targetNames = new Set(target.entries.map((e) => `SYS_${e.name.toUpperCase()}`));
    const expected = keep.filter((c) => !targetNames.has(c.name) && c.name !== "SYS_ARCH_SPECIFIC_SYSCALL");
    expect(expected.map((c) => c.name)).toContain("SYS_FSTATAT");
    const merged = mergeForPatch(target, target, { targetLabel: "Linux 7.0", keep });
    expect(merged.added.map((n) => `SYS_${n.toUpperCase()}`)).toEqual(expected.map((c) => c.name));
    expect(merged.table.entries.slice(target.entries.length)).toEqual(
      expected.map((c) => ({ name: c.name.slice(4).toLowerCase(), number: c.number })),
    );
    expect(merged.annotations.get("fstatat")).toBe("not in Linux 7.0 headers");
    const text = renderZsysnumGo(merged.table, {
      command: "xsysgen gen --arch arm64 --patch",
      annotations: merged.annotations,
    });
    // The new name keeps its place; the kept one follows it at the same number.
    expect(text).toMatch(/\tSYS_NEWFSTATAT +=\s79\n\tSYS_FSTATAT +=\s79 +\/\/ not in Linux 7\.0 headers\n/);
    expect(text.match(/SYS_ARCH_SPECIFIC_SYSCALL/g)).toHaveLength(1);
  });

  it("arm: adds the reference's SYS_SYSCALL_MASK = 0, or keeps the replaced file's, as no syscall", () => {
    const target = t("v2021/arm");
    expect(target.entries.some((e) => e.name === "SYSCALL_MASK")).toBe(false);
    const fromReference = mergeForPatch(target, t("v050/arm"), { targetLabel: "Linux 5.10", sinceOf: () => "5.15" });
    const kept = mergeForPatch(target, target, {
      targetLabel: "Linux 5.10",
      keep: [{ name: "SYS_SYSCALL_MASK", number: 0 }],
    });
    for (const merged of [fromReference, kept]) {
      const mask = merged.table.entries.filter((e) => e.name.toUpperCase() === "SYSCALL_MASK");
      expect(mask).toHaveLength(1);
      expect(mask[0]?.xsysOnly).toBe(true);
      const text = renderZsysnumGo(merged.table, { command: "gen", annotations: merged.annotations });
      expect(text).toMatch(/^\tSYS_SYSCALL_MASK += 0 \/\/ not in Linux 5\.10 headers/m);
    }
    expect(fromReference.annotations.get("SYSCALL_MASK")).toBe("not in Linux 5.10 headers; Linux 5.15");
  });

  it("arm: a define a later #undef removed is printed once, not added again from the replaced file", async () => {
    // x/sys's 2016 arm file (pre-4.10 headers) has SYS_TIME = 13, which EABI headers #undef.
    const old = await readZsysnumGo(
      readText(`${xsysUnixDir("v0.0.0-20160717071931-a646d33e2ee3")}/zsysnum_linux_arm.go`),
      "2016 arm",
    );
    expect(old.constants.find((c) => c.name === "SYS_TIME")?.number).toBe(13);
    const target: SyscallTable = { ...t("v2021/arm"), undefEntries: [{ name: "time", number: 13, position: 1 }] };
    const merged = mergeForPatch(target, t("v050/arm"), { targetLabel: "Linux 4.9", keep: old.constants });
    expect(merged.added).not.toContain("time");
    const text = renderZsysnumGo(merged.table, { command: "gen", annotations: merged.annotations });
    expect(text.match(/^\tSYS_TIME +=.*$/gm)).toEqual([expect.stringMatching(/= 13$/)]);
  });

  it("refuses a name with two numbers unless told which wins", () => {
    const target = t("v030/amd64");
    const reference = t("v030/386");
    const err = (() => {
      try {
        mergeForPatch(target, reference, { targetLabel: "amd64" });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConflictError);
    const first = reference.entries.find((r) => target.entries.some((e) => e.name === r.name && e.number !== r.number));
    const mine = target.entries.find((e) => e.name === first?.name);
    const message = (err as Error).message;
    for (const part of [first?.name, String(mine?.number), String(first?.number), target.source, reference.source])
      expect(message).toContain(part);
    expect(message).not.toContain("\n");
  });

  it("prefer target keeps target numbers; prefer reference takes the reference's and says so", () => {
    const target = t("v030/amd64");
    const reference = t("v030/386");
    const refNumber = new Map(reference.entries.map((e) => [e.name, e.number]));
    const kept = mergeForPatch(target, reference, { targetLabel: "amd64", prefer: "target" });
    expect(kept.table.entries.slice(0, target.entries.length)).toEqual(target.entries);
    const taken = mergeForPatch(target, reference, { targetLabel: "amd64", prefer: "reference" });
    target.entries.forEach((e, i) => {
      const r = refNumber.get(e.name);
      expect(taken.table.entries[i], e.name).toEqual({ name: e.name, number: r ?? e.number });
      if (r !== undefined && r !== e.number)
        expect(taken.annotations.get(e.name)).toBe(`amd64 headers say ${e.number}`);
    });
    expect(taken.added).toEqual(kept.added);
  });
});
