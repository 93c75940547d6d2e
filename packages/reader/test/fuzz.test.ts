/**
 * Issue 6's fuzz property: random mutations (bit flips, truncations, insertions of bytes or C
 * fragments, splices from another input) of real kernel headers and tables and of archives built
 * from them (tar, tar.gz, a .deb-shaped ar, cpio) go through readHeaderBundle + parseBundle.
 * Whatever happens, it is a result or a typed InputError / ParseError / ConflictError — never
 * another exception, never a hang (each case has a time guard).
 *
 * XSYSGEN_FUZZ_RUNS (default 200) bounds the cases; XSYSGEN_FUZZ_SEED replays a failure (fast-check
 * prints the seed and the shrunk counterexample).
 *
 * @module-tag network
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBundle } from "@xsysgen/parser";
import { ConflictError, InputError, ParseError } from "@xsysgen/core";
import { debFile, suiteDeb } from "../../../scripts/lib/debian.ts";
import { cpioMember, cpioTrailer, makeAr, makeTar } from "../../../scripts/hostile/archives.ts";
import { linuxSource61 } from "../../../scripts/lib/linux-source.ts";
import { readHeaderBundle } from "../src/index.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

// Real headers and tables: Debian 11's amd64 and Debian 12's arm64-cross linux-libc-dev (.cache/debian)
// and the x86 table of Debian's linux-source-6.1 (.cache/linux-source-6.1).
const amd64Deb = suiteDeb("bullseye", "linux-libc-dev");
const arm64Deb = suiteDeb("bookworm", "linux-libc-dev-arm64-cross");
const read = (rel: string): Buffer => debFile(amd64Deb, `usr/include/x86_64-linux-gnu/${rel}`);
const debianAsm = "asm";

const wrapper = debFile(arm64Deb, "usr/aarch64-linux-gnu/include/asm/unistd.h");
const generic = debFile(arm64Deb, "usr/aarch64-linux-gnu/include/asm-generic/unistd.h");
const tree = makeTar([
  { name: "usr/include/x86_64-linux-gnu/asm/unistd.h", content: read(`${debianAsm}/unistd.h`) },
  { name: "usr/include/x86_64-linux-gnu/asm/unistd_64.h", content: read(`${debianAsm}/unistd_64.h`) },
  { name: "usr/include/aarch64-linux-gnu/asm/unistd.h", content: wrapper },
  { name: "usr/include/asm-generic/unistd.h", content: generic },
]);

/** Real inputs, each saved under a name the reader recognises. */
const seeds: readonly { readonly name: string; readonly data: Buffer }[] = [
  { name: "unistd_64.h", data: read(`${debianAsm}/unistd_64.h`) },
  { name: "unistd_32.h", data: read(`${debianAsm}/unistd_32.h`) },
  { name: "unistd.h", data: generic },
  { name: "syscall_64.tbl", data: readFileSync(join(linuxSource61(), "arch/x86/entry/syscalls/syscall_64.tbl")) },
  { name: "headers.tar", data: tree },
  { name: "headers.tar.gz", data: gzipSync(tree) },
  { name: "headers.tar.xz", data: execFileSync("xz", ["-c"], { input: tree }) },
  { name: "headers.tar.zst", data: execFileSync("zstd", ["-q", "-c"], { input: tree }) },
  { name: "headers.tar.bz2", data: execFileSync("bzip2", ["-c"], { input: tree }) },
  {
    name: "headers.deb",
    data: makeAr([
      { name: "debian-binary", data: Buffer.from("2.0\n") },
      { name: "data.tar.gz", data: gzipSync(tree) },
    ]),
  },
  {
    name: "headers.cpio",
    data: Buffer.concat([
      cpioMember("usr/include/x86_64-linux-gnu/asm/unistd_64.h", read(`${debianAsm}/unistd_64.h`)),
      cpioTrailer(),
    ]),
  },
];

const fragments = [
  "#if ",
  "#endif\n",
  "#else\n",
  "#include <asm/unistd.h>\n",
  "#define __NR_read __NR_read\n",
  "(",
  ")",
  "\\\n",
  "/*",
  "*/",
  "\0",
  "#error x\n",
  "__NR_",
  "0x",
  "99999999999999999999",
  "\xff\xfe",
  "../",
  "ustar\0",
];

type Mutation =
  | { kind: "flip"; at: number; mask: number }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "fragment"; at: number; text: string }
  | { kind: "splice"; at: number; donor: number; from: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({ kind: fc.constant("fragment" as const), at: fc.nat(), text: fc.constantFrom(...fragments) }),
  fc.record({
    kind: fc.constant("splice" as const),
    at: fc.nat(),
    donor: fc.nat(seeds.length - 1),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 4096 }),
  }),
);

function mutate(data: Buffer, m: Mutation): Buffer {
  const at = data.length === 0 ? 0 : m.at % (data.length + 1);
  switch (m.kind) {
    case "flip": {
      if (data.length === 0) return data;
      const out = Buffer.from(data);
      const i = m.at % data.length;
      out[i] = (out[i] as number) ^ m.mask;
      return out;
    }
    case "truncate":
      return data.subarray(0, at);
    case "insert":
      return Buffer.concat([data.subarray(0, at), Buffer.from(m.bytes), data.subarray(at)]);
    case "fragment":
      return Buffer.concat([data.subarray(0, at), Buffer.from(m.text, "latin1"), data.subarray(at)]);
    case "splice": {
      const donor = (seeds[m.donor] as (typeof seeds)[number]).data;
      const from = m.from % donor.length;
      return Buffer.concat([data.subarray(0, at), donor.subarray(from, from + m.length), data.subarray(at)]);
    }
  }
}

const runs = Number(process.env["XSYSGEN_FUZZ_RUNS"] ?? 200);
const seed = process.env["XSYSGEN_FUZZ_SEED"] === undefined ? undefined : Number(process.env["XSYSGEN_FUZZ_SEED"]);
/** A hang detector, not a speed requirement: one case reads and parses a few KiB. */
const perCaseMs = 30_000;

let dir = "";
beforeAll(() => {
  dir = scratchDir();
});

async function readAndParse(path: string): Promise<"ok" | "typed error"> {
  try {
    await parseBundle(await readHeaderBundle(path));
    return "ok";
  } catch (e) {
    if (e instanceof InputError || e instanceof ParseError || e instanceof ConflictError) {
      if (e.message.includes("\n")) throw new Error(`multi-line message: ${JSON.stringify(e.message)}`);
      return "typed error";
    }
    throw e;
  }
}

function withTimeGuard<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${perCaseMs} ms: ${what}`)), perCaseMs);
  });
  return Promise.race([work, guard]).finally(() => clearTimeout(timer));
}

describe("fuzz: mutated real headers and archives", () => {
  it("every outcome is a bundle or a typed error", async () => {
    const outcomes = { ok: 0, "typed error": 0 };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(seeds.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (which, mutations) => {
          const input = seeds[which] as (typeof seeds)[number];
          const data = mutations.reduce(mutate, input.data);
          const sub = join(dir, String(n++));
          mkdirSync(sub);
          const path = join(sub, input.name);
          writeFileSync(path, data);
          outcomes[await withTimeGuard(readAndParse(path), `${input.name} ${JSON.stringify(mutations)}`)]++;
          rmSync(sub, { recursive: true, force: true });
        },
      ),
      { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
    );
    // Both branches were exercised: the mutations are neither all harmless nor all fatal.
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes["typed error"]).toBeGreaterThan(0);
  });
});
