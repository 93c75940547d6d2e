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
