/**
 * Byte-level archive writers for the hostile corpus. They write exactly what they are told —
 * `../` and absolute names, links out of the tree, device entries, size fields that lie — which
 * the real tools refuse to produce.
 */

type TarType = "file" | "hardlink" | "symlink" | "char-device" | "block-device" | "directory" | "fifo";

export interface TarEntry {
  readonly name: string;
  readonly type?: TarType;
  readonly content?: Buffer | string;
  readonly linkname?: string;
}

const typeFlags: Record<TarType, string> = {
  file: "0",
  hardlink: "1",
  symlink: "2",
  "char-device": "3",
  "block-device": "4",
  directory: "5",
  fifo: "6",
};

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

/** One ustar header block; `size` may differ from the data that follows (for lying headers). */
export function tarHeader(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  const type = entry.type ?? "file";
  block.write(entry.name, 0, 100, "latin1");
  block.write(octal(type === "directory" ? 0o755 : 0o644, 8), 100, "latin1");
  block.write(octal(0, 8), 108, "latin1");
  block.write(octal(0, 8), 116, "latin1");
  block.write(octal(size, 12), 124, "latin1");
  block.write(octal(0, 12), 136, "latin1");
  block.write(typeFlags[type], 156, "latin1");
  block.write(entry.linkname ?? "", 157, 100, "latin1");
  block.write("ustar\0" + "00", 257, "latin1");
  if (type === "char-device" || type === "block-device") {
    block.write(octal(1, 8), 329, "latin1");
    block.write(octal(3, 8), 337, "latin1");
  }
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(octal(sum, 7) + " ", 148, "latin1");
  return block;
}

function pad512(n: number): Buffer {
  return Buffer.alloc((512 - (n % 512)) % 512);
}

/** A complete ustar archive (with the two zero blocks at the end). */
export function makeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data =
      typeof entry.content === "string" || entry.content === undefined
        ? Buffer.from(entry.content ?? "", "latin1")
        : entry.content;
    parts.push(tarHeader(entry, data.length), data, pad512(data.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** An ar archive (a .deb is one); `size` overrides a member's size field. */
export function makeAr(members: readonly { name: string; data: Buffer; size?: number }[]): Buffer {
  const parts: Buffer[] = [Buffer.from("!<arch>\n", "latin1")];
  for (const m of members) {
    const header =
      m.name.padEnd(16) +
      "0".padEnd(12) +
      "0".padEnd(6) +
      "0".padEnd(6) +
      "100644".padEnd(8) +
      String(m.size ?? m.data.length).padEnd(10) +
      "`\n";
    parts.push(Buffer.from(header, "latin1"), m.data);
    if (m.data.length % 2 === 1) parts.push(Buffer.from("\n"));
  }
  return Buffer.concat(parts);
}

/** One cpio newc member; `declaredSize` overrides the filesize field, `mode` the file type and permissions. */
export function cpioMember(
  name: string,
  data: Buffer,
  { mode = 0o100644, declaredSize = data.length }: { mode?: number; declaredSize?: number } = {},
): Buffer {
  const hex = (n: number): string => n.toString(16).padStart(8, "0");
  const nameBytes = Buffer.from(`${name}\0`, "latin1");
  const header = "070701" + [1, mode, 0, 0, 1, 0, declaredSize, 0, 0, 0, 0, nameBytes.length, 0].map(hex).join("");
  const pad = (n: number): Buffer => Buffer.alloc((4 - (n % 4)) % 4);
  return Buffer.concat([Buffer.from(header, "latin1"), nameBytes, pad(110 + nameBytes.length), data, pad(data.length)]);
}

/** The member that ends a cpio archive. */
export function cpioTrailer(): Buffer {
  return cpioMember("TRAILER!!!", Buffer.alloc(0), { mode: 0 });
}

/** An rpm lead (96 bytes, magic ed ab ee db, binary package). */
export function rpmLead(): Buffer {
  const lead = Buffer.alloc(96);
  Buffer.from([0xed, 0xab, 0xee, 0xdb, 3, 0]).copy(lead);
  lead.write("hostile", 10, "latin1");
  lead.writeUInt16BE(5, 78); // signature type: header-style
  return lead;
}

/** An rpm header structure: intro claiming `count` index entries and `storeBytes`, then `body`. */
export function rpmHeader(count: number, storeBytes: number, body: Buffer): Buffer {
  const intro = Buffer.alloc(16);
  Buffer.from([0x8e, 0xad, 0xe8, 0x01]).copy(intro);
  intro.writeUInt32BE(count, 8);
  intro.writeUInt32BE(storeBytes, 12);
  return Buffer.concat([intro, body]);
}

/** One rpm index entry (tag, type, offset, count). */
export function rpmIndex(tag: number, type: number, offset: number, count: number): Buffer {
  const entry = Buffer.alloc(16);
  entry.writeUInt32BE(tag, 0);
  entry.writeUInt32BE(type, 4);
  entry.writeUInt32BE(offset, 8);
  entry.writeUInt32BE(count, 12);
  return entry;
}
