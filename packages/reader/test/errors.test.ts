/**
 * Damaged, hostile and unrecognized inputs built from the reader's fixture (fixtures.ts): corrupt
 * compression, zstd checksums, tar, ar and rpm/cpio structure, and the byte limits. Each ends in one
 * InputError naming the input, and leaves no decompressor running.
 *
 * @module-tag network
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@xsysgen/core";
import { readHeaderBundle, type DecompressorChoice, type ReadOptions } from "@xsysgen/reader";
import { buildVariants, sh, tree, type Variants } from "./fixtures.ts";
import { cpioMember, cpioTrailer, makeAr } from "../../../scripts/hostile/archives.ts";
import { makeTar } from "./hostile.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let variants: Variants;
let dir: string;
const header = readFileSync(join(tree, "usr/include/x86_64-linux-gnu/asm/unistd_64.h"));

beforeAll(async () => {
  variants = await buildVariants();
  dir = scratchDir("errors");
});

function write(name: string, data: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

function archive(name: string): Buffer {
  return readFileSync(variants.archives.get(name) as string);
}

function children(): string[] {
  const out = execFileSync("ps", ["-o", "comm=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter((c) => c !== "" && c !== "ps");
}

/** Reads `path` expecting an InputError naming it, whose message matches `pattern`; no child survives. */
async function rejects(path: string, pattern: RegExp, options: ReadOptions = {}): Promise<InputError> {
  const error: unknown = await readHeaderBundle(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const e = error as InputError;
  expect(e.file).toBe(path);
  expect(e.message).toMatch(pattern);
  expect(e.message).not.toContain("\n");
  expect(children()).toEqual([]);
  return e;
}

const compressed = [
  ["tree.tar.gz", "gzip"],
  ["tree.tar.xz", "xz"],
  ["tree.tar.bz2", "bzip2"],
  ["tree.tar.zst", "zstd"],
  ["tree.tar.lzma", "lzma"],
] as const;

describe("corrupt compression", () => {
  for (const mode of ["system", "library"] satisfies DecompressorChoice[]) {
    it.each(compressed)(`truncated %s (${mode})`, async (name) => {
      const data = archive(name);
      const path = write(`trunc-${mode}-${name}`, data.subarray(0, Math.floor(data.length / 2)));
      const e = await rejects(path, /unexpected end|unexpected EOF|premature end|ends unexpectedly|truncated/i, {
        decompressors: mode,
      });
      // The decompressor's own complaint is in the message.
      expect(e.reason).toMatch(/^(gzip|xz|bzip2|zstd|lzma-native|fzstd|unbzip2-stream)/);
    });

    // Which decoder check a flipped bit trips depends on the fixture's bytes (the tar holds the
    // checkout's mtimes): zlib's "invalid distance too far back" and unbzip2-stream's joke
    // messages are reported as "corrupt data (…)" so that every one of them matches.
    it.each(compressed)(`bit-flipped %s (${mode})`, async (name) => {
      const data = Buffer.from(archive(name));
      const at = Math.floor(data.length * 0.3);
      data[at] = (data[at] ?? 0) ^ 0x10;
      const path = write(`flip-${mode}-${name}`, data);
      await rejects(path, /corrupt|check|integrity|crc|checksum/i, { decompressors: mode });
    });
  }
});

// fzstd skips a frame's Content_Checksum, so most flipped bits inside a compressed block used to
// decode, silently, to different bytes (362 of 412 positions of this fixture did). The library
// path now checks the checksum and Frame_Content_Size itself, as `zstd -t` does. Which byte
// sits where depends on the fixture's tar (mtimes of the checkout), so every position tried must
// hold: a flip is refused, or (a bit no decoder reads, such as a window size that still fits)
// the bundle is exactly the original's.
describe("zstd through fzstd (library): the content checksum is verified", () => {
  const bundleOf = async (path: string): Promise<string> =>
    JSON.stringify([...(await readHeaderBundle(path, { decompressors: "library" })).files]);

  it("a flipped bit anywhere is refused or changes nothing (every 1/64 of the file, two bits each)", async () => {
    const data = archive("tree.tar.zst");
    const original = await bundleOf(variants.archives.get("tree.tar.zst") as string);
    const path = join(dir, "flip-sweep.tar.zst");
    let refused = 0;
    for (let i = 0; i < 64; i++) {
      for (const bit of [0x01, 0x10]) {
        const flipped = Buffer.from(data);
        const at = Math.floor(((i + 0.5) * data.length) / 64);
        flipped[at] = (flipped[at] ?? 0) ^ bit;
        writeFileSync(path, flipped);
        const outcome = await bundleOf(path).then(
          (bundle) => ({ bundle }),
          (error: unknown) => ({ error }),
        );
        if ("bundle" in outcome) {
          expect(outcome.bundle, `flip 0x${bit.toString(16)} at byte ${at} decoded to different files`).toBe(original);
          continue;
        }
        refused++;
        expect(outcome.error, `flip at byte ${at}`).toBeInstanceOf(InputError);
        expect((outcome.error as InputError).message).toMatch(
          /^\S+: (zstd|fzstd): (corrupt data|unexpected end)|unrecognized input/,
        );
      }
    }
    // Nearly every position is block data; a header bit nobody reads is the rare exception.
    expect(refused).toBeGreaterThan(100);
  });

  it("a damaged stored checksum is refused by name", async () => {
    const data = Buffer.from(archive("tree.tar.zst"));
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0x01;
    await rejects(
      write("flip-checksum.tar.zst", data),
      /zstd: corrupt data: content checksum mismatch in frame 1 \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)/,
      { decompressors: "library" },
    );
  });

  it("bit-flipped zstd structure: a reserved block type is refused", async () => {
    // The first block header follows the 4-byte magic and the frame header; block type 3 is reserved.
    const data = Buffer.from(archive("tree.tar.zst"));
    const fhd = data[4] as number;
    const headerLength =
      5 +
      ((fhd >> 5) & 1 ? 0 : 1) +
      ([0, 1, 2, 4][fhd & 3] as number) +
      (fhd >> 6 === 0 ? (fhd >> 5) & 1 : 1 << (fhd >> 6));
    data[headerLength] = (data[headerLength] ?? 0) | 0x06;
    await rejects(write("flip-structure.tar.zst", data), /zstd: corrupt data: reserved block type/, {
      decompressors: "library",
    });
  });

  it("many frames of odd sizes, a skippable frame and a frame without checksum decode to the same files", async () => {
    // Frames of 1, 3, 7, 8, … bytes reach every tail of XXH64 (1-byte, 4-byte, 8-byte steps, < 32 and ≥ 32 bytes).
    const tar = archive("tree-gnu.tar");
    const sizes = [1, 3, 7, 8, 12, 31, 32, 33, 63, 64, 65, 1000];
    const frames: Buffer[] = [];
    for (let at = 0, i = 0; at < tar.length; i++) {
      const n = (sizes[i % sizes.length] as number) * (i >= sizes.length ? 97 : 1);
      const flags = i === 5 ? ["--no-check"] : [];
      frames.push(execFileSync("zstd", ["-q", "-c", ...flags], { input: tar.subarray(at, at + n) }));
      at += n;
    }
    frames.splice(3, 0, Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]));
    const path = write("frames.tar.zst", Buffer.concat(frames));
    execFileSync("zstd", ["-t", "-q", path]);
    expect(await bundleOf(path)).toBe(await bundleOf(variants.archives.get("tree-gnu.tar") as string));
  });
});

describe("compressed data", () => {
  it("compressed data that is not a tar archive", async () => {
    const path = write("unistd_64.h.gz", execFileSync("gzip", ["-c"], { input: header }));
    await rejects(path, /gzip-compressed data is not a tar archive/);
  });
});

describe("unrecognized and empty inputs", () => {
  it("a binary file with a tarball's name is judged by its bytes", async () => {
    await rejects(
      write("looks.tar.gz", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0])),
      /unrecognized input: expected a directory, unistd\*\.h, \*\.tbl, tar\(\.gz\|\.xz\|\.bz2\|\.zst\), \.deb or \.rpm/,
    );
  });

  it("a text file that is no header", async () => {
    await rejects(write("README", "hello\n"), /unrecognized input/);
  });

  it("an empty file", async () => {
    await rejects(write("empty.tar", ""), /empty file/);
  });

  it("a missing path", async () => {
    await rejects(join(dir, "does-not-exist"), /no such file or directory/);
  });

  it("an archive with no relevant files", async () => {
    await rejects(
      write("none.tar", await makeTar([{ name: "README", content: "x" }])),
      /no syscall headers or tables found/,
    );
  });

  it("wrong magic inside a .deb's ar members", async () => {
    const path = write(
      "bad-member.deb",
      makeAr([
        { name: "debian-binary", data: Buffer.from("2.0\n") },
        { name: "data.tar.xz", data: Buffer.from("not xz at all") },
      ]),
    );
    await rejects(path, /expected a tar archive/);
  });

  // control.tar decodes beside data.tar (deb.ts): its failure still names it, and nothing is left running.
  describe("a corrupt control.tar.xz", () => {
    const xz = (data: Buffer): Buffer => execFileSync("xz", ["-c"], { input: data });
    const deb = (control: Buffer, data: Buffer): Buffer =>
      makeAr([
        { name: "debian-binary", data: Buffer.from("2.0\n") },
        { name: "control.tar.xz", data: control },
        { name: "data.tar.xz", data },
      ]);
    const controlTar = async (): Promise<Buffer> => makeTar([{ name: "./control", content: "Version: 6.1.4-1\n" }]);
    const dataTar = async (): Promise<Buffer> =>
      makeTar([{ name: "./usr/include/x86_64-linux-gnu/asm/unistd_64.h", content: header.toString("latin1") }]);

    it("beside a good data.tar.xz: the control member is named", async () => {
      const cut = xz(await controlTar()).subarray(0, 40);
      const e = await rejects(write("bad-control.deb", deb(cut, xz(await dataTar()))), /xz/);
      expect(e.entry).toBe("control.tar.xz");
    });

    it("beside a corrupt data.tar.xz: one error, no decompressor left", async () => {
      const cut = xz(await controlTar()).subarray(0, 40);
      await rejects(write("bad-both.deb", deb(cut, Buffer.from("not xz at all"))), /tar archive|xz/);
    });

    it("beside a corrupt data.tar.xz: no decompressor starts after the read failed", async () => {
      // A control.tar that takes xz ~100 ms to decode (8 MB of hex beside the control file): its xz
      // was once spawned after data.tar had failed and the read had reaped its children.
      const slow = await makeTar([
        { name: "./control", content: "Version: 6.1.4-1\n" },
        { name: "./md5sums", content: randomBytes(4 * 1024 * 1024).toString("hex") },
      ]);
      const control = execFileSync("xz", ["-0", "-c"], { input: slow, maxBuffer: 64 * 1024 * 1024 });
      await rejects(write("slow-control.deb", deb(control, Buffer.from("not xz at all"))), /tar archive/);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(children()).toEqual([]);
    });

    it("two control.tar members", async () => {
      const control = { name: "control.tar.xz", data: xz(await controlTar()) };
      const twice = makeAr([{ name: "debian-binary", data: Buffer.from("2.0\n") }, control, control]);
      const e = await rejects(write("two-controls.deb", twice), /more than one control\.tar member/);
      expect(e.entry).toBe("control.tar.xz");
    });

    it("both good: the files and the control's version", async () => {
      const path = write("good.deb", deb(xz(await controlTar()), xz(await dataTar())));
      const bundle = await readHeaderBundle(path);
      expect(bundle.packageVersion).toBe("6.1.4");
      expect([...bundle.files.keys()]).toEqual(["usr/include/x86_64-linux-gnu/asm/unistd_64.h"]);
    });
  });
});

describe("hostile tar entries", () => {
  it("an entry with a .. component", async () => {
    const e = await rejects(
      write("dotdot.tar", await makeTar([{ name: "usr/include/../../etc/asm/unistd_64.h", content: "x" }])),
      /unsafe path/,
    );
    expect(e.entry).toBe("usr/include/../../etc/asm/unistd_64.h");
  });

  it("an absolute entry", async () => {
    await rejects(
      write("absolute.tar", await makeTar([{ name: "/usr/include/asm/unistd_64.h", content: "x" }])),
      /unsafe path: absolute/,
    );
  });

  it("a symlink escaping the root", async () => {
    const tar = await makeTar([{ name: "include/asm/unistd_64.h", type: "symlink", linkname: "../../../etc/passwd" }]);
    await rejects(write("escape.tar", tar), /escapes the archive root/);
  });

  it("an absolute symlink", async () => {
    const tar = await makeTar([{ name: "include/asm/unistd_64.h", type: "symlink", linkname: "/etc/passwd" }]);
    await rejects(write("abs-link.tar", tar), /escapes the archive root: absolute target/);
  });

  it("a hard link pointing outside", async () => {
    const tar = await makeTar([{ name: "include/asm/unistd_64.h", type: "link", linkname: "../outside" }]);
    await rejects(write("hardlink.tar", tar), /unsafe path/);
  });

  it("a fifo entry", async () => {
    const tar = await makeTar([
      { name: "usr/include/asm/unistd_64.h", content: "x" },
      { name: "pipe", type: "fifo" },
    ]);
    await rejects(write("fifo.tar", tar), /unsupported entry type fifo/);
  });

  it("a character device entry", async () => {
    await rejects(
      write("chr.tar", await makeTar([{ name: "dev/null", type: "character-device" }])),
      /unsupported entry type char-device/,
    );
  });

  it("a truncated plain tar", async () => {
    const data = archive("tree-gnu.tar");
    await rejects(write("trunc.tar", data.subarray(0, 512 * 7 + 100)), /corrupt tar archive: unexpected end of data/i);
  });
});

describe("ar (.deb) structure", () => {
  it("a member length past the end", async () => {
    const path = write(
      "past-end.deb",
      makeAr([
        { name: "debian-binary", data: Buffer.from("2.0\n") },
        { name: "data.tar", data: Buffer.alloc(1024), size: 999999 },
      ]),
    );
    await rejects(path, /ar member length past the end: header says 999999 bytes/);
  });

  it("a truncated member header", async () => {
    const whole = makeAr([{ name: "debian-binary", data: Buffer.from("2.0\n") }]);
    await rejects(
      write("trunc-header.deb", Buffer.concat([whole, Buffer.from("data.tar.xz/    0    ")])),
      /truncated ar member header/,
    );
  });

  it("a corrupt size field", async () => {
    const bad = Buffer.from(
      makeAr([{ name: "debian-binary", data: Buffer.from("2.0\n") }])
        .toString("latin1")
        .replace("4         `", "-4        `"),
      "latin1",
    );
    await rejects(write("bad-size.deb", bad), /corrupt ar member header/);
  });

  it("a real .deb cut short", async () => {
    const data = archive("deb-xz");
    await rejects(write("cut.deb", data.subarray(0, data.length - 200)), /past the end|unexpected end/i);
  });

  it("no data.tar member", async () => {
    await rejects(
      write("no-data.deb", makeAr([{ name: "debian-binary", data: Buffer.from("2.0\n") }])),
      /no data\.tar member/,
    );
  });
});

describe("rpm and cpio structure", () => {
  it("a cpio member length past the end (uncompressed rpm payload cut short)", async () => {
    const data = archive("rpm-none");
    await rejects(
      write("cut.rpm", data.subarray(0, data.length - 3000)),
      /cpio member length past the end|truncated cpio/,
    );
  });

  it("a bare cpio member length past the end", async () => {
    const cpio = Buffer.concat([
      cpioMember("usr/include/asm/unistd_64.h", header, { declaredSize: header.length + 4096 }),
      cpioTrailer(),
    ]);
    await rejects(write("past-end.cpio", cpio), /cpio member length past the end: header says \d+ bytes/);
  });

  it("a cpio fifo member", async () => {
    const cpio = Buffer.concat([cpioMember("fifo", Buffer.alloc(0), { mode: 0o010644 }), cpioTrailer()]);
    await rejects(write("fifo.cpio", cpio), /unsupported entry type fifo/);
  });

  it("a cpio .. member", async () => {
    const cpio = Buffer.concat([cpioMember("../asm/unistd_64.h", header), cpioTrailer()]);
    await rejects(write("dotdot.cpio", cpio), /unsafe path/);
  });

  it("an rpm cut inside its headers", async () => {
    await rejects(write("cut-header.rpm", archive("rpm-xz").subarray(0, 300)), /truncated rpm (signature|main) header/);
    await rejects(write("cut-lead.rpm", archive("rpm-xz").subarray(0, 50)), /truncated rpm lead/);
  });

  it("an rpm whose xz payload is cut short", async () => {
    const data = archive("rpm-xz");
    await rejects(write("cut-payload.rpm", data.subarray(0, data.length - 100)), /xz.*(unexpected end|truncated)/i);
  });
});

describe("limits", () => {
  it("a kept file over maxEntryBytes", async () => {
    const e = await rejects(variants.archives.get("tree.tar.xz") as string, /more than the 1000-byte limit/, {
      maxEntryBytes: 1000,
    });
    expect(e.entry).toMatch(/unistd/);
  });

  it("a decompression bomb stops at maxTotalBytes", async () => {
    // 128 MiB of zeros in a tar: a few KB of zstd, 32 times the limit.
    await sh(dir, "truncate -s 128M zeros && tar -cf - zeros | zstd -q -1 -c > bomb.tar.zst && rm zeros");
    for (const mode of ["system", "library"] satisfies DecompressorChoice[]) {
      await rejects(join(dir, "bomb.tar.zst"), /decompression limit exceeded/, {
        maxTotalBytes: 4 * 1024 * 1024,
        decompressors: mode,
      });
    }
  });

  // A small gzip input inflates at once up to 64 MiB or the budget left, then streams under the meter.
  it.each([
    ["under the at-once limit", 4 * 1024 * 1024],
    ["over the at-once limit", 100 * 1024 * 1024],
  ])("a gzip bomb stops at maxTotalBytes, %s", async (_, maxTotalBytes) => {
    await sh(dir, "truncate -s 128M zeros && tar -cf - zeros | gzip -1 -c > bomb.tar.gz && rm zeros");
    for (const mode of ["system", "library"] satisfies DecompressorChoice[]) {
      await rejects(join(dir, "bomb.tar.gz"), /decompression limit exceeded/, { maxTotalBytes, decompressors: mode });
    }
  });
});
