/**
 * Debian packages: an `ar` archive (parsed here, streaming) holding debian-binary,
 * control.tar.* (for `Version:`) and data.tar.* (the files; a kernel source tarball among them,
 * as Debian's linux-source-<x.y> ships, is read through).
 */
import { InputError } from "@xsysgen/core";
import type { ByteReader } from "./bytes.ts";
import { bufferBody, Collector, readBody } from "./collector.ts";
import type { ReadContext } from "./context.ts";
import { readTarLayer } from "./layers.ts";

const arMagic = "!<arch>\n";
/** `usr/src/linux-source-6.1.tar.xz`: the tarball Debian's linux-source-<x.y> packages hold. */
const kernelSourceTarball = /^(?:\.\/)*usr\/src\/linux-source-[^/]+\.tar(?:\.(?:gz|xz|bz2|zst))?$/;
const headerBytes = 60;

export interface PackageContents {
  readonly files: Map<string, string>;
  readonly packageVersion?: string;
}

/** The upstream part of a Debian version: no epoch, no Debian revision ("1:6.1.4-1cross1" -> "6.1.4"). */
export function debianUpstreamVersion(version: string): string {
  const noEpoch = version.replace(/^\d+:/, "");
  const dash = noEpoch.lastIndexOf("-");
  return dash < 0 ? noEpoch : noEpoch.slice(0, dash);
}

async function readControlVersion(
  ctx: ReadContext,
  body: AsyncIterable<Buffer>,
  member: string,
): Promise<string | undefined> {
  let version: string | undefined;
  await readTarLayer(
    ctx,
    body,
    async (entry, content) => {
      if (entry.type !== "file" || entry.name.replace(/^(\.\/)+/, "") !== "control") return;
      const text = await readBody(ctx, `${member}/control`, entry.size, content);
      version = /^Version:[ \t]*(\S+)/m.exec(text)?.[1];
    },
    member,
  );
  return version;
}

export async function readDeb(ctx: ReadContext, reader: ByteReader): Promise<PackageContents> {
  const magic = (await reader.read(arMagic.length)).toString("latin1");
  if (magic !== arMagic) throw new InputError(ctx.origin, "not an ar archive: bad magic");
  const collector = new Collector(ctx);
  let control: Promise<string | undefined> | undefined;
  let sawData = false;
  try {
    while (!(await reader.atEnd())) {
      const at = reader.position;
      const header = await reader.read(headerBytes);
      if (header.length < headerBytes) {
        throw new InputError(
          ctx.origin,
          `truncated ar member header at byte ${at}: ${header.length} of ${headerBytes} bytes`,
        );
      }
      const rawName = header.toString("latin1", 0, 16).trimEnd();
      const sizeField = header.toString("latin1", 48, 58);
      if (header.toString("latin1", 58, 60) !== "`\n" || !/^\d+ *$/.test(sizeField)) {
        throw new InputError(ctx.origin, `corrupt ar member header at byte ${at}`, rawName);
      }
      // GNU ar ends member names with "/"; dpkg-deb writes them without.
      const name = rawName.replace(/\/$/, "");
      const size = Number(sizeField.trim());
      const start = reader.position;
      const body = reader.take(
        size,
        (got) =>
          new InputError(ctx.origin, `ar member length past the end: header says ${size} bytes, ${got} present`, name),
      );
      if (name.startsWith("control.tar")) {
        if (control !== undefined) throw new InputError(ctx.origin, "more than one control.tar member", name);
        // A few kilobytes, decoded beside data.tar rather than before it: each xz run is a process
        // start plus decoding (~10 ms of a linux-libc-dev .deb's ~170), and two run on two cores.
        const bytes = Buffer.from(await readBody(ctx, name, size, body), "latin1");
        control = readControlVersion(ctx, bufferBody(bytes), name);
        // Awaited after data.tar; until then a failure must not count as an unhandled rejection.
        control.catch(() => undefined);
      } else if (name.startsWith("data.tar")) {
        if (sawData) throw new InputError(ctx.origin, "more than one data.tar member", name);
        sawData = true;
        await readTarLayer(
          ctx,
          body,
          (entry, content) =>
            // Debian's linux-source-<x.y> ships the kernel tree as one tarball in /usr/src: read through it.
            entry.type === "file" && kernelSourceTarball.test(entry.name)
              ? readTarLayer(ctx, content, (inner, data) => collector.add(inner, data), `${name}/${entry.name}`)
              : collector.add(entry, content),
          name,
        );
      }
      const left = start + size - reader.position;
      if ((await reader.skip(left)) < left) {
        throw new InputError(
          ctx.origin,
          `ar member length past the end: header says ${size} bytes, ${reader.position - start} present`,
          name,
        );
      }
      // Members start on even offsets; the pad byte after an odd-sized last member may be absent.
      if (size % 2 === 1) await reader.skip(1);
    }
    if (!sawData) throw new InputError(ctx.origin, "Debian package has no data.tar member");
  } catch (e) {
    // control.tar's decoder finishes first: the reader's caller reaps the children it knows of
    // when this returns, and one spawned later would outlive the read.
    await control?.catch(() => undefined);
    throw e;
  }
  const version = await control;
  const files = collector.finish();
  return version === undefined ? { files } : { files, packageVersion: debianUpstreamVersion(version) };
}
