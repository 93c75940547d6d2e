/**
 * Issue 25: gen owns its --out. It records what it wrote, a later run removes the files of that
 * record it no longer writes (and nothing else), and every path it writes or removes resolves inside
 * --out: a symlink leading out is refused with exit 2 before anything is written.
 */
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

/** Every entry under `dir`: files with their bytes, directories, symlinks with their targets. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const abs = join(d.parentPath, d.name);
    const rel = abs.slice(dir.length + 1);
    const st = lstatSync(abs);
    out.set(
      rel,
      st.isSymbolicLink() ? `-> ${readlinkSync(abs)}` : st.isDirectory() ? "dir" : readFileSync(abs, "latin1"),
    );
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

interface GenJson {
  files: string[];
  removed: string[];
}

describe("gen --out is gen's own", () => {
  it("a second run removes the first run's files it does not write, and never the user's", async () => {
    const out = join(scratchDir("own"), "out");
    const first = await xsysgen("gen", "--kernel", "3.10", "--out", out, "--json");
    expect(first.code, first.stderr).toBe(0);
    const firstFiles = (JSON.parse(first.stdout) as GenJson).files;
    expect(firstFiles.filter((f) => f.startsWith("zsysnum_")).length).toBeGreaterThan(10);
    writeFileSync(join(out, "NOTES.md"), "the user's own file\n");
    mkdirSync(join(out, "include", "linux"));
    writeFileSync(join(out, "include", "linux", "mine.h"), "/* the user's */\n");

    const second = await xsysgen("gen", "--kernel", "6.1", "--arch", "amd64", "--out", out, "--json");
    expect(second.code, second.stderr).toBe(0);
    const doc = JSON.parse(second.stdout) as GenJson;
    // Exactly the first run's files the second does not write are gone; the rest is the second run's.
    expect(doc.removed).toEqual(firstFiles.filter((f) => !doc.files.includes(f)).sort());
    const expected = [...doc.files, ".xsysgen-files", "NOTES.md", "include/linux/mine.h"].sort();
    const left = [...snapshot(out)].filter(([, v]) => v !== "dir").map(([k]) => k);
    expect(left).toEqual(expected);
    expect(readFileSync(join(out, "NOTES.md"), "utf8")).toBe("the user's own file\n");

    // The same run again removes nothing; --exact then drops the patched-only files.
    const again = JSON.parse(
      (await xsysgen("gen", "--kernel", "6.1", "--arch", "amd64", "--out", out, "--json")).stdout,
    );
    expect((again as GenJson).removed).toEqual([]);
    const exact = await xsysgen("gen", "--kernel", "6.1", "--arch", "amd64", "--exact", "--out", out);
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.stderr).toContain(`removed ${join(out, "syscall_fallback.h")}`);
    expect([...snapshot(out)].filter(([, v]) => v !== "dir").map(([k]) => k)).toEqual(
      [".xsysgen-files", "NOTES.md", "include/linux/mine.h", "zsysnum_linux_amd64.go"].sort(),
    );
    // include/asm held only gen's file and is gone; include/ holds the user's and stays.
    expect(snapshot(out).has("include/asm")).toBe(false);
    expect(snapshot(out).get("include")).toBe("dir");
  });

  it("the record names files relative to --out, nothing absolute", async () => {
    const out = join(scratchDir("own"), "out");
    expect((await xsysgen("gen", "--kernel", "3.10", "--arch", "amd64", "--out", out)).code).toBe(0);
    const record = readFileSync(join(out, ".xsysgen-files"), "utf8");
    expect(record).not.toContain(out);
    expect(record.split("\n").filter((l) => l !== "" && !l.startsWith("#"))).toEqual([
      "include/asm/unistd.h",
      "syscall_fallback.h",
      "syscalls.json",
      "zsysnum_linux_amd64.go",
    ]);
  });

  it.each([["include"], ["include/asm"]])(
    "a symlink %s leading out of --out is refused, exit 2, and nothing anywhere changes",
    async (link) => {
      const root = scratchDir("own");
      const out = join(root, "out");
      const elsewhere = join(root, "elsewhere");
      mkdirSync(elsewhere);
      writeFileSync(join(elsewhere, "keep"), "outside\n");
      expect((await xsysgen("gen", "--kernel", "3.10", "--arch", "amd64", "--out", out)).code).toBe(0);
      // The first run made the directory; it becomes a link to a directory outside --out.
      rmSync(join(out, link), { recursive: true });
      symlinkSync(elsewhere, join(out, link));
      const before = [snapshot(out), snapshot(elsewhere)];
      const r = await xsysgen("gen", "--kernel", "6.1", "--arch", "amd64", "--out", out);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`${join(out, link)} is a symlink leading out of ${out}`);
      expect(r.stderr).toContain("nothing was written");
      expect([snapshot(out), snapshot(elsewhere)]).toEqual(before);
    },
  );
});
