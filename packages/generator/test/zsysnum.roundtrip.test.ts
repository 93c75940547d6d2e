/**
 * renderZsysnumGo reproduces every zsysnum_linux_<goarch>.go of golang.org/x/sys v0.3.0 (Debian's
 * golang-golang-x-sys-dev) byte for byte from the table the compiler saw; readZsysnumGo reads
 * them and rejects what is not a zsysnum file.
 *
 * @module-tag network
 */
import { basename } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ParseError, goTargets } from "@xsysgen/core";
import { detectHeaderEra, readZsysnumGo, renderZsysnumGo, upstreamCommand } from "@xsysgen/generator";
import { readText, tableOfZsysnum, xsysV030UnixDir, zsysnumFiles } from "./_xsys.ts";

let files: string[] = [];
beforeAll(() => {
  files = zsysnumFiles(xsysV030UnixDir());
});

describe("x/sys v0.3.0 round trip", () => {
  it("has one file per Go target", () => {
    expect(files.map((f) => basename(f))).toEqual(goTargets.map((t) => `zsysnum_linux_${t.goarch}.go`).sort());
  });

  it("renders every file byte-identically from line 2 on, and whole with upstream's command", async () => {
    for (const file of files) {
      const text = readText(file);
      const era = detectHeaderEra(text, file);
      const table = await tableOfZsysnum(file);
      const ours = renderZsysnumGo(table, { command: "xsysgen gen --kernel 5.19 --arch x --exact", era });
      expect(ours.slice(ours.indexOf("\n")), file).toBe(text.slice(text.indexOf("\n")));
      const command = upstreamCommand(era, table.target);
      expect(command, file).toBe(text.slice(3, text.indexOf("\n")));
      expect(renderZsysnumGo(table, { command: command ?? "", era }), file).toBe(text);
    }
  });

  it("gives the same file when the table still has ARCH_SPECIFIC_SYSCALL (pre-6.11 headers define it)", async () => {
    for (const file of files) {
      const text = readText(file);
      const table = await tableOfZsysnum(file, true);
      expect(
        renderZsysnumGo(table, { command: text.slice(3, text.indexOf("\n")), era: detectHeaderEra(text) }),
        file,
      ).toBe(text);
    }
  });
});

describe("readZsysnumGo", () => {
  it("reads GOARCH, names, numbers and trailing comments", async () => {
    const amd64 = files.find((f) => f.endsWith("_amd64.go")) as string;
    const text = readText(amd64).replace(
      "SYS_WRITE                   = 1\n",
      "SYS_WRITE                   = 1 // a note\n",
    );
    const parsed = await readZsysnumGo(text, amd64);
    expect(parsed.goarch).toBe("amd64");
    expect(parsed.constants[0]).toEqual({ name: "SYS_READ", number: 0 });
    expect(parsed.constants[1]).toEqual({ name: "SYS_WRITE", number: 1, comment: "a note" });
    // Every `SYS_x = n` line of the file, independently of tree-sitter.
    const lines = [...readText(amd64).matchAll(/^\t(SYS_\w+)\s+= (\d+)$/gm)].map((m) => ({
      name: m[1],
      number: Number(m[2]),
    }));
    expect((await readZsysnumGo(readText(amd64), amd64)).constants).toEqual(lines);
  });

  it("takes GOARCH from the file name when there is no build line (2014 era)", async () => {
    const parsed = await readZsysnumGo(
      "// x\n// y\n\npackage unix\n\nconst (\n\tSYS_READ = 0\n)\n",
      "old/zsysnum_linux_arm.go",
    );
    expect(parsed.goarch).toBe("arm");
  });

  it("throws ParseError with file and line on malformed input", async () => {
    const broken = "//go:build amd64 && linux\n\npackage unix\n\nconst (\n\tSYS_READ = 0\n\tSYS_WRITE =\n)\n";
    const err = await readZsysnumGo(broken, "bad.go").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).file).toBe("bad.go");
    expect((err as ParseError).line).toBeGreaterThanOrEqual(7);
    await expect(
      readZsysnumGo('//go:build amd64 && linux\n\npackage unix\n\nconst (\n\tSYS_READ = "0"\n)\n', "str.go"),
    ).rejects.toThrow(ParseError);
    await expect(readZsysnumGo("package unix\n\nconst (\n\tSYS_READ = 0\n)\n", "noarch.go")).rejects.toThrow(
      ParseError,
    );
    await expect(readZsysnumGo("//go:build amd64 && linux\n\npackage unix\n", "empty.go")).rejects.toThrow(ParseError);
  });
});
