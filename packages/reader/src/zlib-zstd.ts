/**
 * node:zlib's zstd decoder (Node 22.15 and 23.8 on), when this Node has one that reads zstd as
 * `zstd -d` does. Node 22's (22.23.3 tested) takes a frame cut short for a whole one — it returns
 * what it decoded and no error, so a truncated archive would read as a shorter one — and is left
 * out by a probe rather than a version number: Node 24's and 26's refuse the cut frame.
 * libzstd checks each frame's Content_Checksum and Frame_Content_Size itself.
 */
/** What the reader uses of node:zlib's zstd, which @types/node 20 does not declare. */
export interface ZlibZstd {
  zstdDecompressSync(data: Buffer, options: { chunkSize?: number; maxOutputLength?: number }): Buffer;
}

/** `printf xsysgen | zstd -c` (zstd 1.5.4): one frame with its content size and checksum. */
const probeFrame = [
  0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58, 0x39, 0x00, 0x00, 0x78, 0x73, 0x79, 0x73, 0x67, 0x65, 0x6e, 0x3a, 0x15, 0xb6,
  0xfa,
];

let checked: ZlibZstd | null | undefined;

function refusesTruncation(candidate: ZlibZstd): boolean {
  const frame = Buffer.from(probeFrame);
  try {
    if (candidate.zstdDecompressSync(frame, {}).toString("latin1") !== "xsysgen") return false;
  } catch {
    return false;
  }
  try {
    // Without its 4-byte checksum: an incomplete frame, which a correct decoder refuses.
    candidate.zstdDecompressSync(frame.subarray(0, frame.length - 4), {});
    return false;
  } catch {
    return true;
  }
}

/** node:zlib's zstd when it is there and correct, else undefined (then the zstd tool or fzstd). */
export async function zlibZstd(): Promise<ZlibZstd | undefined> {
  // process.versions.zstd says whether this Node links libzstd: Node 20 never loads node:zlib here.
  if (checked === undefined && process.versions["zstd"] === undefined) checked = null;
  if (checked === undefined) {
    const candidate = (await import("node:zlib")) as unknown as Partial<ZlibZstd>;
    checked =
      typeof candidate.zstdDecompressSync === "function" && refusesTruncation(candidate as ZlibZstd)
        ? (candidate as ZlibZstd)
        : null;
  }
  return checked ?? undefined;
}
