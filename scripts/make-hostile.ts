/**
 * The binary half of the hostile-input corpus (testdata/hostile/README.md): corrupt compression,
 * archives with escaping, linking or device entries, lying ar/cpio/rpm lengths, decompression
 * bombs, a 50 MB `#if` nest. Binary and large cases are generated rather than committed; the
 * hostile CLI test builds them into a scratch directory, and `tsx scripts/make-hostile.ts <dir>` writes
 * them for a look by hand. The text cases are committed under testdata/hostile/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { findTarget, type Target } from "../packages/core/src/index.ts";
import { debFile, repoRoot, suiteDeb } from "./lib/debian.ts";
import {
  cpioMember,
  makeAr,
  makeTar,
  rpmHeader,
  rpmIndex,
  rpmLead,
  tarHeader,
  type TarEntry,
} from "./hostile/archives.ts";

export interface HostileCase {
  readonly name: string;
  /** What `--headers` gets. */
  readonly input: string;
  /** Further text the one stderr line must hold (the entry, a line number, the cause). */
  readonly mentions: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Run the CLI as an unprivileged user (root reads through chmod 000). */
  readonly unprivileged?: boolean;
}

export const hostileFixtures = join(repoRoot, "testdata", "hostile");

/** amd64's row: its installed per-ABI header (unistd_64.h) and triplet (x86_64-linux-gnu). */
const amd64 = findTarget("amd64") as Target;
/** `asm/unistd_64.h`: the header every hostile directory case breaks. */
const amd64Asm = `asm/${amd64.installedHeader as string}`;

/**
 * A valid installed-headers tree: usr/include/<amd64 triplet>/asm/unistd{,_64}.h of Debian 11's
 * linux-libc-dev 5.10.
 */
function goodEntries(): TarEntry[] {
  const deb = suiteDeb("bullseye", "linux-libc-dev");
  const dir = `usr/include/${amd64.triplets[0]}/asm`;
  return ["unistd.h", amd64.installedHeader as string].map((f) => ({
    name: `${dir}/${f}`,
    content: debFile(deb, `${dir}/${f}`),
  }));
}

const compressors = {
  gz: (data: Buffer) => gzipSync(data),
  xz: (data: Buffer) => execFileSync("xz", ["-c", "-6"], { input: data, maxBuffer: 1 << 30 }),
  bz2: (data: Buffer) => execFileSync("bzip2", ["-c", "-9"], { input: data, maxBuffer: 1 << 30 }),
  zst: (data: Buffer) => execFileSync("zstd", ["-q", "-c", "-19"], { input: data, maxBuffer: 1 << 30 }),
} as const;

/** Flips every bit of one byte in the middle of the compressed body. */
function bitFlip(data: Buffer): Buffer {
  const out = Buffer.from(data);
  const at = Math.floor(out.length / 2);
  out[at] = (out[at] as number) ^ 0xff;
  return out;
}

/** A tar whose first member is `zeroBytes` of zeros, piped through `compress` without holding them. */
function bomb(path: string, zeroBytes: number, compress: string): void {
  const header = join(`${path}.header`);
  writeFileSync(header, tarHeader({ name: "usr/share/zeros" }, zeroBytes));
  execFileSync("sh", [
    "-ec",
    `{ cat "$1"; head -c ${zeroBytes} /dev/zero; head -c 1024 /dev/zero; } | ${compress} > "$2"; rm "$1"`,
    "sh",
    header,
    path,
  ]);
}

/** `make` run once, on first use. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * Every case, committed ones included, with the generated ones' inputs under `dir`, and `write`, which
 * writes those there. Nothing is read or written before `write` runs: the cases can be listed (a test
 * names one test per case while it is collected) before the directory exists.
 */
export function hostileCorpus(dir: string): { cases: HostileCase[]; write: () => void } {
  const cases: HostileCase[] = [];
  const writes: (() => void)[] = [() => mkdirSync(dir, { recursive: true })];
  const file = (
    name: string,
    data: () => Buffer | string,
    mentions: string[] = [],
    extra: Partial<HostileCase> = {},
  ): void => {
    writes.push(() => writeFileSync(join(dir, name), data()));
    cases.push({ name, input: join(dir, name), mentions, ...extra });
  };
  const good = once(() => makeTar(goodEntries()));

  for (const [ext, compress] of Object.entries(compressors)) {
    const packed = once(() => compress(good()));
    file(`truncated.tar.${ext}`, () => packed().subarray(0, Math.floor(packed().length * 0.6)));
    file(`bit-flipped.tar.${ext}`, () => bitFlip(packed()));
  }
  file(
    "wrong-magic.tar.xz",
    () => Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x01]), compressors.xz(good()).subarray(6)]),
    ["unrecognized input"],
  );
  file("unknown-gzip-method.tar.gz", () => {
    const gz = compressors.gz(good());
    gz[2] = 9; // gzip's method byte: 8 is deflate, nothing else exists
    return gz;
  });
  file("not-an-archive.bin", () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)), [
    "unrecognized input",
  ]);
  file("empty", () => "", ["empty file"]);
  file("no-syscall-headers.tar.gz", () => compressors.gz(makeTar([{ name: "README", content: "nothing here\n" }])), [
    "no syscall headers",
  ]);

  const hostileTar = (name: string, entry: TarEntry, mentions: string[]): void =>
    file(name, () => makeTar([...goodEntries(), entry]), mentions);
  hostileTar("dot-dot.tar", { name: "usr/include/../../../escape/asm/unistd.h", content: "#define __NR_read 0\n" }, [
    "..",
    "escape/asm/unistd.h",
  ]);
  hostileTar("absolute.tar", { name: "/tmp/xsysgen-hostile-absolute/asm/unistd.h", content: "#define __NR_read 0\n" }, [
    "absolute",
    "/tmp/xsysgen-hostile-absolute/asm/unistd.h",
  ]);
  hostileTar(
    "symlink-out.tar",
    { name: "usr/include/asm/unistd.h", type: "symlink", linkname: "../../../../../etc/passwd" },
    ["usr/include/asm/unistd.h", "escapes"],
  );
  hostileTar("symlink-absolute.tar", { name: "usr/include/asm/unistd.h", type: "symlink", linkname: "/etc/passwd" }, [
    "usr/include/asm/unistd.h",
    "/etc/passwd",
  ]);
  hostileTar("hardlink-out.tar", { name: "usr/include/asm/unistd.h", type: "hardlink", linkname: "../../etc/passwd" }, [
    "usr/include/asm/unistd.h",
    "../../etc/passwd",
  ]);
  hostileTar("char-device.tar", { name: "dev/null", type: "char-device" }, ["dev/null", "char-device"]);
  hostileTar("fifo.tar", { name: "usr/include/asm/unistd.h", type: "fifo" }, ["usr/include/asm/unistd.h", "fifo"]);

  // Bombs: kilobytes in, a GiB out; the limit is lowered so the case stays fast.
  const limit = { XSYSGEN_MAX_TOTAL_BYTES: String(16 * 1024 * 1024) };
  writes.push(() => bomb(join(dir, "bomb.tar.zst"), 1024 ** 3, "zstd -q -c -3"));
  cases.push({
    name: "bomb.tar.zst",
    input: join(dir, "bomb.tar.zst"),
    mentions: ["decompression limit exceeded"],
    env: limit,
  });
  writes.push(() => bomb(join(dir, "bomb.tar.gz"), 256 * 1024 ** 2, "gzip -c -9"));
  cases.push({
    name: "bomb.tar.gz",
    input: join(dir, "bomb.tar.gz"),
    mentions: ["decompression limit exceeded"],
    env: limit,
  });

  file(
    "ar-length-past-end.deb",
    () => {
      const dataTar = compressors.gz(good());
      return makeAr([
        { name: "debian-binary", data: Buffer.from("2.0\n") },
        { name: "data.tar.gz", data: dataTar, size: dataTar.length + 1_000_000 },
      ]);
    },
    ["data.tar.gz", "past the end"],
  );
  file(
    "cpio-length-past-end.cpio",
    () => cpioMember(`usr/include/${amd64Asm}`, Buffer.from("#define __NR_read 0\n"), { declaredSize: 1_000_000 }),
    [`usr/include/${amd64Asm}`, "past the end"],
  );
  file("rpm-header-past-end.rpm", () => Buffer.concat([rpmLead(), rpmHeader(40, 100_000, Buffer.alloc(64))]), [
    "rpm signature header",
  ]);
  const store = Buffer.from("hostile\0");
  file(
    "rpm-tag-past-store.rpm",
    () =>
      Buffer.concat([
        rpmLead(),
        rpmHeader(0, 0, Buffer.alloc(0)),
        rpmHeader(1, store.length, Buffer.concat([rpmIndex(1000, 6, 5000, 1), store])),
      ]),
    ["tag 1000", "past the data store"],
  );

  // 50 MB of one `#if` nest: over the 16 MiB kept-file limit. A smaller nest (under the limit)
  // reaches the preprocessor, which caps conditional depth.
  const nest = (levels: number): string =>
    `${"#if 1\n".repeat(levels)}#define __NR_read 0\n${"#endif\n".repeat(levels)}`;
  writes.push(() => {
    mkdirSync(join(dir, "if-nest-50mb", "asm"), { recursive: true });
    writeFileSync(join(dir, "if-nest-50mb", amd64Asm), nest(Math.ceil((50 * 1024 * 1024) / 13)));
  });
  cases.push({ name: "if-nest-50mb", input: join(dir, "if-nest-50mb"), mentions: [amd64Asm, "limit"] });
  writes.push(() => {
    mkdirSync(join(dir, "if-nest-2mb", "asm"), { recursive: true });
    writeFileSync(join(dir, "if-nest-2mb", amd64Asm), nest(160_000));
  });
  cases.push({ name: "if-nest-2mb", input: join(dir, "if-nest-2mb"), mentions: [`${amd64Asm}:201`, "nesting"] });

  // Unreadable inputs in a directory: a FIFO where a header should be (open() would block), and
  // a chmod 000 header read by an unprivileged user (root's CAP_DAC_OVERRIDE reads through it).
  writes.push(() => {
    mkdirSync(join(dir, "fifo-dir", "asm"), { recursive: true });
    execFileSync("mkfifo", [join(dir, "fifo-dir", amd64Asm)]);
  });
  cases.push({ name: "fifo-dir", input: join(dir, "fifo-dir"), mentions: [amd64Asm, "not a regular file"] });
  writes.push(() => {
    mkdirSync(join(dir, "unreadable-dir", "asm"), { recursive: true });
    writeFileSync(join(dir, "unreadable-dir", amd64Asm), "#define __NR_read 0\n", { mode: 0o000 });
  });
  cases.push({
    name: "unreadable-dir",
    input: join(dir, "unreadable-dir"),
    mentions: [amd64Asm, "EACCES"],
    unprivileged: true,
  });
  writes.push(() => {
    mkdirSync(join(dir, "dangling-dir", "asm"), { recursive: true });
    symlinkSync(`../missing/${amd64.installedHeader as string}`, join(dir, "dangling-dir", amd64Asm));
  });
  cases.push({ name: "dangling-dir", input: join(dir, "dangling-dir"), mentions: ["no syscall headers"] });

  for (const [name, mentions] of [
    ["recursive-include", [amd64Asm, "recursive include"]],
    ["self-macro", [`${amd64Asm}:2`, "__NR_read"]],
    ["mutual-macros", [`${amd64Asm}:2`, "__NR_write"]],
    ["syntax-error", [`${amd64Asm}:3`, "syntax error"]],
    ["active-error", [`${amd64Asm}:3`, "#error"]],
    ["conflicting-numbers", ["__NR_read", "0", "17"]],
    ["non-utf8-define", [`${amd64Asm}:2`, "__NR_write"]],
    ["no-syscall-headers", ["no syscall headers"]],
  ] as const) {
    cases.push({ name, input: join(hostileFixtures, name), mentions });
  }
  return { cases, write: () => writes.forEach((w) => w()) };
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "\0")) {
  const dir = process.argv[2];
  if (dir === undefined) {
    process.stderr.write("usage: tsx scripts/make-hostile.ts <dir>\n");
    process.exit(2);
  }
  const corpus = hostileCorpus(dir);
  corpus.write();
  for (const c of corpus.cases) process.stdout.write(`${c.name}\t${c.input}\n`);
}
