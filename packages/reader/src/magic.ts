/**
 * Input formats recognised by their leading bytes (never by file name).
 */

export type Compression = "gzip" | "xz" | "lzma" | "bzip2" | "zstd";
type Container = "tar" | "ar" | "rpm" | "cpio";
export type Format = Compression | Container;

/** How many leading bytes `sniff` wants (a tar header block). */
export const sniffBytes = 512;

function startsWith(head: Buffer, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** Whether a 512-byte block is a tar header: ustar/GNU magic, or a v7 header with a valid checksum. */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < 512) return false;
  const magic = block.toString("latin1", 257, 263);
  if (magic === "ustar\0" || magic === "ustar ") return true;
  const stored = parseInt(
    block
      .toString("latin1", 148, 156)
      .replace(/[\0 ]+$/, "")
      .trim(),
    8,
  );
  if (!Number.isFinite(stored) || block.every((b) => b === 0)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === stored;
}

/** The format of data starting with `head`, or undefined when it is none of the archive forms. */
export function sniff(head: Buffer): Format | undefined {
  if (startsWith(head, [0x1f, 0x8b])) return "gzip";
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd";
  if (startsWith(head, [0x42, 0x5a, 0x68]) && (head[3] ?? 0) >= 0x31 && (head[3] ?? 0) <= 0x39) return "bzip2";
  if (head.toString("latin1", 0, 8) === "!<arch>\n") return "ar";
  if (startsWith(head, [0xed, 0xab, 0xee, 0xdb])) return "rpm";
  if (/^07070[12]/.test(head.toString("latin1", 0, 6))) return "cpio";
  if (isTarHeader(head)) return "tar";
  // Legacy .lzma ("lzma_alone", old RPM payloads): properties byte 0x5d (lc=3 lp=0 pb=2) and
  // a dictionary size that is a multiple of 64 KiB.
  if (head[0] === 0x5d && head[1] === 0x00 && head[2] === 0x00 && head.length >= 13) return "lzma";
  return undefined;
}
