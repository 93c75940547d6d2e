/**
 * Symlinks and hard links inside archives and directories (the reader's fixture, fixtures.ts, and the 7.1
 * layout's arch/arm64/tools/syscall_64.tbl link): followed where they lead inside the input, refused or
 * empty where they lead nowhere.
 *
 * @module-tag network
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@xsysgen/core";
import { readHeaderBundle } from "@xsysgen/reader";
import { sh, testdata, tree } from "./fixtures.ts";
import { cpioMember, cpioTrailer } from "../../../scripts/hostile/archives.ts";
import { makeTar } from "./hostile.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let dir: string;
const kernelTbl = readFileSync(join(testdata, "kernel-7.1", "scripts", "syscall.tbl"), "latin1");
const unistd64 = readFileSync(join(tree, "usr/include/x86_64-linux-gnu/asm/unistd_64.h"), "latin1");

beforeAll(async () => {
  dir = scratchDir("links");
  // Kernel 7.1 layout: arch/arm64/tools/syscall_64.tbl is a symlink to scripts/syscall.tbl.
  const linux = join(dir, "linux-7.1");
  cpSync(join(testdata, "kernel-7.1"), linux, { recursive: true });
  mkdirSync(join(linux, "arch", "arm64", "tools"), { recursive: true });
  symlinkSync("../../../scripts/syscall.tbl", join(linux, "arch", "arm64", "tools", "syscall_64.tbl"));
  await sh(
    dir,
    `
    tar -cf link-first.tar linux-7.1/arch linux-7.1/scripts
    tar -cf target-first.tar linux-7.1/scripts linux-7.1/arch
    xz -T1 -c link-first.tar > linux-7.1.tar.xz
  `,
  );
});

async function write(name: string, data: Buffer | Promise<Buffer>): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await data);
  return path;
}

describe("symlinks and hard links inside archives", () => {
  it.each(["link-first.tar", "target-first.tar", "linux-7.1.tar.xz"])(
    "resolves the kernel's arm64 syscall_64.tbl link (%s)",
    async (name) => {
      const bundle = await readHeaderBundle(join(dir, name));
      expect([...bundle.files.keys()]).toEqual([
        "linux-7.1/arch/arm64/tools/syscall_64.tbl",
        "linux-7.1/scripts/syscall.tbl",
      ]);
      expect(bundle.files.get("linux-7.1/arch/arm64/tools/syscall_64.tbl")).toBe(kernelTbl);
    },
  );

  it("keeps a non-relevant target that a relevant link named earlier", async () => {
    const path = await write(
      "later-target.tar",
      makeTar([
        { name: "usr/include/asm/unistd_64.h", type: "symlink", linkname: "../real/u64.h" },
        { name: "usr/include/real/u64.h", content: unistd64 },
      ]),
    );
    const bundle = await readHeaderBundle(path);
    expect([...bundle.files.keys()]).toEqual(["usr/include/asm/unistd_64.h"]);
    expect(bundle.files.get("usr/include/asm/unistd_64.h")).toBe(unistd64);
  });

  it("follows symlinked directories on the way to the target", async () => {
    const path = await write(
      "dir-link.tar",
      makeTar([
        { name: "include/asm/unistd_64.h", type: "symlink", linkname: "../generated/asm/unistd_64.h" },
        { name: "include/generated", type: "symlink", linkname: "../out" },
        { name: "out/asm/unistd_64.h", content: unistd64 },
      ]),
    );
    expect((await readHeaderBundle(path)).files.get("include/asm/unistd_64.h")).toBe(unistd64);
  });

  it("fails loudly when the target came earlier and was dropped", async () => {
    const path = await write(
      "earlier-target.tar",
      makeTar([
        { name: "usr/include/real/u64.h", content: unistd64 },
        { name: "usr/include/asm/unistd_64.h", type: "symlink", linkname: "../real/u64.h" },
      ]),
    );
    await expect(readHeaderBundle(path)).rejects.toThrow(/came earlier in the archive and was not kept/);
  });

  it("a dangling relevant link carries nothing", async () => {
    const path = await write(
      "dangling.tar",
      makeTar([{ name: "asm/unistd_64.h", type: "symlink", linkname: "missing.h" }]),
    );
    await expect(readHeaderBundle(path)).rejects.toThrow(/no syscall headers or tables found/);
  });

  it("a symlink loop", async () => {
    const path = await write(
      "loop.tar",
      makeTar([
        { name: "asm/unistd_64.h", type: "symlink", linkname: "unistd_32.h" },
        { name: "asm/unistd_32.h", type: "symlink", linkname: "unistd_64.h" },
      ]),
    );
    await expect(readHeaderBundle(path)).rejects.toThrow(/too many levels of symbolic links/);
  });

  it("copies a hard link's content", async () => {
    const path = await write(
      "hardlink.tar",
      makeTar([
        { name: "a/asm/unistd_64.h", content: unistd64 },
        { name: "b/asm/unistd_64.h", type: "link", linkname: "a/asm/unistd_64.h" },
      ]),
    );
    const bundle = await readHeaderBundle(path);
    expect(bundle.files.get("b/asm/unistd_64.h")).toBe(unistd64);
  });

  it("resolves a symlink inside a cpio archive", async () => {
    const u64 = Buffer.from(unistd64, "latin1");
    const path = await write(
      "link.cpio",
      Promise.resolve(
        Buffer.concat([
          cpioMember("./usr/include/asm", Buffer.from("asm-x86"), { mode: 0o120777 }),
          cpioMember("./usr/include/x86_64-linux-gnu/asm/unistd_64.h", Buffer.from("../../asm/unistd_64.h"), {
            mode: 0o120777,
          }),
          cpioMember("./usr/include/asm-x86/unistd_64.h", u64),
          cpioTrailer(),
        ]),
      ),
    );
    const bundle = await readHeaderBundle(path);
    expect([...bundle.files.keys()]).toEqual(["usr/include/x86_64-linux-gnu/asm/unistd_64.h"]);
    expect(bundle.files.get("usr/include/x86_64-linux-gnu/asm/unistd_64.h")).toBe(unistd64);
  });

  it("keeps every byte (latin1 round trip)", async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const path = await write("bytes.tar", makeTar([{ name: "asm/unistd_64.h", content: bytes.toString("latin1") }]));
    const content = (await readHeaderBundle(path)).files.get("asm/unistd_64.h") as string;
    expect(Buffer.from(content, "latin1").equals(bytes)).toBe(true);
  });
});

describe("directories", () => {
  it("resolves an in-tree symlink (kernel 7.1 layout)", async () => {
    const bundle = await readHeaderBundle(join(dir, "linux-7.1"));
    expect(bundle.files.get("arch/arm64/tools/syscall_64.tbl")).toBe(kernelTbl);
    expect(bundle.files.get("scripts/syscall.tbl")).toBe(kernelTbl);
  });

  it("reads through a symlink to the directory itself", async () => {
    symlinkSync(join(dir, "linux-7.1"), join(dir, "linux-link"));
    expect([...(await readHeaderBundle(join(dir, "linux-link"))).files.keys()]).toEqual([
      "arch/arm64/tools/syscall_64.tbl",
      "scripts/syscall.tbl",
    ]);
  });

  it("rejects a symlink out of the directory", async () => {
    const root = join(dir, "escape-dir", "asm");
    mkdirSync(root, { recursive: true });
    writeFileSync(join(dir, "outside.h"), unistd64);
    symlinkSync("../../outside.h", join(root, "unistd_64.h"));
    const error = await readHeaderBundle(join(dir, "escape-dir")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).entry).toBe("asm/unistd_64.h");
    expect((error as InputError).reason).toMatch(/symlink target escapes the input directory/);
  });

  it("rejects a relevant fifo instead of blocking on it", async () => {
    const root = join(dir, "fifo-dir", "asm");
    mkdirSync(root, { recursive: true });
    await sh(root, "mkfifo unistd_64.h");
    await expect(readHeaderBundle(join(dir, "fifo-dir"))).rejects.toThrow(/asm\/unistd_64\.h: not a regular file/);
  });
});

describe("single files", () => {
  it.each([
    ["usr/include/x86_64-linux-gnu/asm/unistd_64.h", "unistd_64.h"],
    ["usr/include/asm-generic/unistd.h", "unistd.h"],
  ])("%s is keyed by its base name", async (rel, key) => {
    const bundle = await readHeaderBundle(join(tree, rel));
    expect([...bundle.files.keys()]).toEqual([key]);
    expect(bundle.files.get(key)).toBe(readFileSync(join(tree, rel), "latin1"));
  });

  it("a syscall table", async () => {
    const bundle = await readHeaderBundle(join(testdata, "kernel-7.1", "scripts", "syscall.tbl"));
    expect(bundle.files).toEqual(new Map([["syscall.tbl", kernelTbl]]));
  });

  it("a header under another name is recognised by its text", async () => {
    const path = await write("my-numbers.txt", Buffer.from(unistd64, "latin1"));
    expect([...(await readHeaderBundle(path)).files.keys()]).toEqual(["my-numbers.txt"]);
  });
});
