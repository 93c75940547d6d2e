import { describe, expect, it } from "vitest";
import { goTargets, targets } from "../src/index.ts";

describe("targets", () => {
  it("has one row per golang.org/x/sys linux GOARCH plus x32", () => {
    expect(goTargets.map((t) => t.goarch).sort()).toEqual([
      "386",
      "amd64",
      "arm",
      "arm64",
      "loong64",
      "mips",
      "mips64",
      "mips64le",
      "mipsle",
      "ppc",
      "ppc64",
      "ppc64le",
      "riscv64",
      "s390x",
      "sparc64",
    ]);
    expect(targets.filter((t) => t.goarch === undefined).map((t) => t.name)).toEqual(["x32"]);
  });

  it("defines __BITS_PER_LONG consistently with the row's word size", () => {
    for (const t of targets) expect(t.macros.__BITS_PER_LONG).toBe(String(t.bits));
  });
});
