/**
 * The inputs scripts/build-bin.ts trains the bin's V8 code cache on, written into `dir` from the
 * registry (nothing downloaded: a fresh clone builds the bin before fetching test inputs): x86's
 * three installed per-ABI headers as Linux 6.1's `make headers_install` writes them, as a tree,
 * in a .deb (data.tar.xz, through the system `xz` like Debian's) and in an .rpm (gzip payload).
 * Each command line returned covers one path of `gen` users time: the registry, a diff, one
 * header, a directory, a tar, an ar, a cpio, both kinds of decompressor.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { findTarget, type TargetName } from "../../packages/core/src/index.ts";
import { getTable } from "../../packages/kernels/src/index.ts";
import { cpioMember, cpioTrailer, makeAr, makeTar, rpmHeader, rpmLead } from "../hostile/archives.ts";

const kernel = "6.1";
const abis: readonly TargetName[] = ["386", "amd64", "x32"];

/** `usr/include/asm/<installed header>` → text, for each of x86's ABIs. */
function installedHeaders(): Map<string, string> {
  const headers = new Map<string, string>();
  for (const abi of abis) {
    const installed = findTarget(abi)?.installedHeader;
    if (installed === undefined) throw new Error(`${abi} has no installed per-ABI header in the targets table`);
    const guard = `_ASM_${installed.replace(/\W/g, "_").toUpperCase()}`;
    const defines = getTable(kernel, abi).entries.map((e) => `#define __NR_${e.name} ${e.number}\n`);
    headers.set(`usr/include/asm/${installed}`, `#ifndef ${guard}\n#define ${guard}\n\n${defines.join("")}\n#endif\n`);
  }
  return headers;
}

/** Writes the inputs under `dir`; returns the xsysgen command lines to train on, outputs under `dir` too. */
export function writeTrainingInputs(dir: string): string[][] {
  const headers = installedHeaders();
  const tree = join(dir, "tree");
  for (const [path, text] of headers) {
    mkdirSync(join(tree, path, ".."), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  const oneHeader = join(tree, [...headers.keys()][1] as string);

  const tar = makeTar([...headers].map(([path, text]) => ({ name: `./${path}`, content: text })));
  const control = makeTar([{ name: "./control", content: `Package: linux-libc-dev\nVersion: ${kernel}.0-1\n` }]);
  const deb = join(dir, "linux-libc-dev.deb");
  writeFileSync(
    deb,
    makeAr([
      { name: "debian-binary", data: Buffer.from("2.0\n") },
      { name: "control.tar.gz", data: gzipSync(control) },
      { name: "data.tar.xz", data: execFileSync("xz", ["-c"], { input: tar }) },
    ]),
  );

  // An rpm with empty signature and main headers: the payload format defaults to cpio.
  const cpio = Buffer.concat([
    ...[...headers].map(([path, text]) => cpioMember(`./${path}`, Buffer.from(text))),
    cpioTrailer(),
  ]);
  const empty = rpmHeader(0, 0, Buffer.alloc(0));
  const rpm = join(dir, "kernel-headers.rpm");
  writeFileSync(rpm, Buffer.concat([rpmLead(), empty, empty, gzipSync(cpio)]));

  const out = (name: string): string => join(dir, "out", name);
  return [
    ["gen", "--kernel", "3.10.0", "--arch", "all", "--out", out("kernel")],
    ["diff", "3.10", kernel, "--arch", "all", "--format", "json", "--out", out("diff.json")],
    ["gen", "--headers", oneHeader, "--exact", "--out", out("header")],
    ["gen", "--headers", tree, "--exact", "--out", out("tree")],
    ["gen", "--headers", deb, "--exact", "--out", out("deb")],
    ["gen", "--headers", rpm, "--exact", "--out", out("rpm")],
  ];
}
