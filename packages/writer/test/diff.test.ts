/**
 * renderUnifiedDiff against GNU diff -u on the same inputs.
 *
 * @module-tag network
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readHeaderBundle } from "@xsysgen/reader";
import { describe, expect, it } from "vitest";
import { suiteDebs } from "../../../scripts/lib/debian.ts";
import { renderUnifiedDiff } from "./shim.ts";
import { rhelIncludeDir } from "./helpers.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

function gnuDiff(a: string, b: string): string {
  const dir = scratchDir("diff");
  writeFileSync(join(dir, "a"), a);
  writeFileSync(join(dir, "b"), b);
  const r = spawnSync("diff", ["-u", "--label", "a/f", "--label", "b/f", join(dir, "a"), join(dir, "b")], {
    encoding: "utf8",
  });
  return r.stdout;
}

describe("renderUnifiedDiff", () => {
  it("prints what diff -u prints for edits to a real syscall header", async () => {
    // CentOS 7.9's asm/unistd_64.h (rendered from the registry) and Debian 11's real 5.10 one.
    const rhel = readFileSync(join(rhelIncludeDir(), "asm/unistd_64.h"), "utf8");
    const deb = suiteDebs("bullseye").find((d) => d.pkg.name === "linux-libc-dev")?.deb as string;
    const recent = (await readHeaderBundle(deb)).files.get("usr/include/x86_64-linux-gnu/asm/unistd_64.h") as string;
    expect(recent).toContain("#define __NR_openat2 437\n");
    const lines = rhel.split("\n");
    const edited = [
      ...lines.slice(0, 5),
      "inserted",
      ...lines.slice(5, 40),
      ...lines.slice(42, 200),
      "x",
      ...lines.slice(201),
    ].join("\n");
    for (const [a, b] of [
      [rhel, edited],
      [edited, rhel],
      [rhel, recent],
      ["", "one\ntwo\n"],
      ["one\ntwo\n", ""],
    ] as const) {
      expect(
        renderUnifiedDiff("f", "f", a === "" ? undefined : a, b === "" ? undefined : b).replace(
          /^--- \/dev\/null|^\+\+\+ \/dev\/null/gm,
          (m) => (m.startsWith("---") ? "--- a/f" : "+++ b/f"),
        ),
      ).toBe(gnuDiff(a, b).replace(/^(---|\+\+\+) ([ab]\/f).*$/gm, "$1 $2"));
    }
    expect(renderUnifiedDiff("f", "f", rhel, rhel)).toBe("");
    expect(execFileSync("diff", ["--version"], { encoding: "utf8" })).toMatch(/GNU diffutils/);
  });
});
