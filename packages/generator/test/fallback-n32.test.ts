/**
 * The MIPS n32 numbers of the fallback header (src/fallback/n32.ts) against the real headers:
 * the committed offsets are exactly those below 424 of Debian 13's mips64-cross 6.12
 * `asm/unistd_n32.h` (the .deb fetched into .cache/debian by scripts/lib/debian.ts), and every
 * syscall from 424 on has the same offset in n32, o32 and n64 (the unified numbering n32Number
 * relies on for newer syscalls).
 *
 * @module-tag network
 */
import { describe, expect, it } from "vitest";
import { debFile, suiteDeb } from "../../../scripts/lib/debian.ts";
import { n32Number, n32Offsets } from "../src/fallback/n32.ts";

const mips64Cross = suiteDeb("trixie", "linux-libc-dev-mips64-cross");

function offsets(abi: "n32" | "o32" | "n64"): Map<string, number> {
  const text = debFile(mips64Cross, `usr/mips64-linux-gnuabi64/include/asm/unistd_${abi}.h`).toString("utf8");
  return new Map(
    [...text.matchAll(/^#define __NR_(\w+) \(__NR_Linux \+ (\d+)\)$/gm)].map((m) => [m[1]!, Number(m[2])]),
  );
}

describe("n32 numbers", () => {
  it("the committed table is the 6.12 n32 header below 424", () => {
    const n32 = offsets("n32");
    expect(n32.size).toBeGreaterThan(380);
    expect([...n32Offsets]).toEqual([...n32].filter(([, n]) => n < 424));
  });

  it("from 424 on, n32, o32 and n64 share offsets, and n32Number gives every 6.12 n32 number", () => {
    const [n32, o32, n64] = [offsets("n32"), offsets("o32"), offsets("n64")];
    const unified = [...n32].filter(([, n]) => n >= 424);
    expect(unified.length).toBeGreaterThan(30);
    for (const [name, n] of unified) {
      expect({ name, o32: o32.get(name), n64: n64.get(name) }).toEqual({ name, o32: n, n64: n });
    }
    for (const [name, n] of n32) {
      const from = o32.has(name) ? 4000 + o32.get(name)! : 5000 + n64.get(name)!;
      expect({ name, number: n32Number(name, from) }).toEqual({ name, number: 6000 + n });
    }
    // Below 424 a name n32 lacks (o32's ipc, n64-only numbering) gets no n32 number.
    expect(n32Number("ipc", 4117)).toBeUndefined();
  });
});
