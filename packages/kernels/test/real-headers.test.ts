/**
 * For every vanilla kernel whose real headers or tables are in data/source, the registry's table
 * equals what the parser reads from those files (entries, order and aliases).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseBundle, type HeaderBundle } from "@xsysgen/parser";
import { expect, test } from "vitest";
import { getTable } from "../src/index.ts";

const source = join(import.meta.dirname, "..", "data", "source");

function dir(path: string): HeaderBundle {
  const root = join(source, path);
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(root, p), readFileSync(p, "utf8"));
    }
  };
  walk(root);
  return { origin: path, files };
}

function tree(layout: Record<string, string>): HeaderBundle {
  return { origin: Object.values(layout).join(" "), files: new Map(Object.entries(layout).map(([k, v]) => [k, readFileSync(join(source, v), "utf8")])) };
}

const seriesOf = (v: string) => (v.startsWith("2.6.") ? v.split(".").slice(0, 3).join(".") : v.split(".").slice(0, 2).join("."));

const cases: Array<{ version: string; bundle: () => HeaderBundle }> = [
  ...readdirSync(join(source, "headers/aosp")).map((v) => ({ version: v, bundle: () => dir(`headers/aosp/${v}`) })),
  ...readdirSync(join(source, "headers/sabotage")).map((v) => ({ version: v, bundle: () => dir(`headers/sabotage/${v}`) })),
  { version: "5.10.0", bundle: () => dir("headers/debian-5.10") },
  // Debian bookworm (6.1), bullseye (5.10.x) and trixie (6.12.x) packages, one directory each.
  ...[["debian-6.1", "6.1"], ["debian-bullseye-5.10", "5.10"], ["debian-trixie-6.12", "6.12"]].flatMap(([d, v]) =>
    readdirSync(join(source, "headers", d as string)).map((p) => ({ version: v as string, bundle: () => dir(`headers/${d}/${p}`) })),
  ),
  { version: "2.6.32", bundle: () => tree({ "arch/x86/include/asm/unistd_64.h": "tables/x86_64/2.6.32/unistd_64.h", "arch/x86/include/asm/unistd_32.h": "tables/i386/2.6.32/unistd_32.h" }) },
  ...["3.10", "4.18", "5.4", "5.10", "5.14", "5.15", "6.1", "6.6", "6.12", "6.19", "7.1"].map((v) => {
    const d = v === "3.10" ? "arch/x86/syscalls" : "arch/x86/entry/syscalls";
    return { version: v, bundle: () => tree({ [`${d}/syscall_64.tbl`]: `tables/x86_64/${v}/syscall_64.tbl`, [`${d}/syscall_32.tbl`]: `tables/i386/${v}/syscall_32.tbl` }) };
  }),
  { version: "3.10", bundle: () => tree({ "arch/arm64/include/uapi/asm/unistd.h": "tables/arm64/3.10/arch-arm64-include-uapi-asm-unistd.h", "include/uapi/asm-generic/unistd.h": "tables/generic/3.10/unistd.h" }) },
  ...["6.12", "7.1"].map((v) => ({ version: v, bundle: () => tree({ "scripts/syscall.tbl": `tables/arm64/${v}/scripts-syscall.tbl`, "arch/arm64/kernel/Makefile.syscalls": `tables/arm64/${v}/Makefile.syscalls` }) })),
];

test("getTable equals the parser's reading of every real header set and source table", async () => {
  let compared = 0;
  for (const c of cases) {
    const parsed = await parseBundle(c.bundle());
    expect(parsed.tables.length, c.bundle().origin).toBeGreaterThan(0);
    for (const real of parsed.tables) {
      const fromRegistry = getTable(c.version, real.target);
      expect(fromRegistry.kernelVersion).toBe(seriesOf(c.version));
      expect({ what: `${c.version} ${real.target}`, entries: fromRegistry.entries, aliases: fromRegistry.aliases }).toEqual({ what: `${c.version} ${real.target}`, entries: real.entries, aliases: real.aliases });
      compared++;
    }
  }
  // 28 AOSP × 3, 5 sabotage × 3, Debian 5.10 (K0V0), 15 Debian 6.1, 15 Debian bullseye, Debian
  // trixie (15 -cross packages + the 16 targets of the Architecture: all linux-libc-dev), 2 + 11 × 3
  // x86 trees, 3 arm64 trees.
  expect(compared).toBe(84 + 15 + 1 + 15 + 15 + 15 + 16 + 2 + 33 + 3);
});
