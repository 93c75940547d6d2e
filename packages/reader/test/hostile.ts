/**
 * Hand-made malformed and hostile archives for the error tests: tar entries built with
 * tar-stream's packer (which writes whatever name or type it is given), raw ar and cpio bytes.
 */
import * as tarStream from "tar-stream";

export interface TarItem {
  name: string;
  type?: "file" | "symlink" | "link" | "fifo" | "directory" | "character-device";
  linkname?: string;
  content?: string;
}

export async function makeTar(items: readonly TarItem[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const item of items) {
    const content = Buffer.from(item.content ?? "", "latin1");
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: item.name,
        type: item.type ?? "file",
        linkname: item.linkname,
        size: item.type === undefined || item.type === "file" ? content.length : 0,
      };
      const done = (err?: Error | null): void => (err ? reject(err) : resolve());
      if (header.size > 0) pack.entry(header, content, done);
      else pack.entry(header, done).end(undefined as never);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** An ar archive; `size` overrides the size field written for a member. */
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

/** One cpio newc member; `declaredSize` overrides the filesize field. */
export function cpioMember(name: string, data: Buffer, mode = 0o100644, declaredSize = data.length): Buffer {
  const hex = (n: number): string => n.toString(16).padStart(8, "0");
  const nameBytes = Buffer.from(`${name}\0`, "latin1");
  const header = "070701" + [1, mode, 0, 0, 1, 0, declaredSize, 0, 0, 0, 0, nameBytes.length, 0].map(hex).join("");
  const pad = (n: number): Buffer => Buffer.alloc((4 - (n % 4)) % 4);
  return Buffer.concat([Buffer.from(header, "latin1"), nameBytes, pad(110 + nameBytes.length), data, pad(data.length)]);
}

export function cpioTrailer(): Buffer {
  return cpioMember("TRAILER!!!", Buffer.alloc(0), 0);
}
