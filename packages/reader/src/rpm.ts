/**
 * RPM packages: a 96-byte lead, a signature header (padded to 8 bytes), the main header (for
 * NAME/VERSION/RELEASE and the payload format) and the payload, a cpio "newc" archive that is
 * usually compressed.
 */
import { InputError } from "@xsysgen/core";
import { ByteReader } from "./bytes.ts";
import { Collector } from "./collector.ts";
import { metered, type ReadContext } from "./context.ts";
import { readCpio } from "./cpio.ts";
import type { PackageContents } from "./deb.ts";
import { decompress } from "./decompress.ts";
import { isCompression } from "./layers.ts";
import { sniff, sniffBytes } from "./magic.ts";

const leadBytes = 96;
const tags = { name: 1000, version: 1001, release: 1002, payloadFormat: 1124, payloadCompressor: 1125 } as const;
const stringTypes = new Set([6 /* STRING */, 8 /* STRING_ARRAY */, 9 /* I18NSTRING */]);
// rpm's own sanity limits (hdrchkTags, hdrchkData in lib/header.c).
const maxIndexEntries = 0xffff;
const maxStoreBytes = 0x0fffffff;

type HeaderStrings = Map<number, string>;

async function readHeader(ctx: ReadContext, reader: ByteReader, what: string, align8: boolean): Promise<HeaderStrings> {
  const at = reader.position;
  const intro = await reader.read(16);
  if (intro.length < 16)
    throw new InputError(ctx.origin, `truncated rpm ${what} header at byte ${at}: ${intro.length} of 16 bytes`);
  if (intro[0] !== 0x8e || intro[1] !== 0xad || intro[2] !== 0xe8) {
    throw new InputError(ctx.origin, `corrupt rpm ${what} header at byte ${at}: bad magic, expected 8e ad e8`);
  }
  const count = intro.readUInt32BE(8);
  const storeBytes = intro.readUInt32BE(12);
  if (count > maxIndexEntries || storeBytes > maxStoreBytes) {
    throw new InputError(
      ctx.origin,
      `corrupt rpm ${what} header at byte ${at}: ${count} tags, ${storeBytes} data bytes`,
    );
  }
  const size = count * 16 + storeBytes;
  const body = await reader.read(size);
  if (body.length < size) {
    throw new InputError(ctx.origin, `truncated rpm ${what} header: needs ${size} bytes, ${body.length} present`);
  }
  if (align8) {
    const pad = (8 - (storeBytes % 8)) % 8;
    if ((await reader.skip(pad)) < pad) throw new InputError(ctx.origin, `truncated rpm ${what} header padding`);
  }
  const store = body.subarray(count * 16);
  const strings: HeaderStrings = new Map();
  for (let i = 0; i < count; i++) {
    const tag = body.readUInt32BE(i * 16);
    const type = body.readUInt32BE(i * 16 + 4);
    const offset = body.readUInt32BE(i * 16 + 8);
    if (!stringTypes.has(type) || !Object.values(tags).includes(tag as never)) continue;
    const end = store.indexOf(0, offset);
    if (offset >= store.length || end < 0) {
      throw new InputError(ctx.origin, `corrupt rpm ${what} header: tag ${tag} points past the data store`);
    }
    strings.set(tag, store.toString("latin1", offset, end));
  }
  return strings;
}

export async function readRpm(ctx: ReadContext, reader: ByteReader): Promise<PackageContents> {
  const lead = await reader.read(leadBytes);
  if (lead.length < leadBytes)
    throw new InputError(ctx.origin, `truncated rpm lead: ${lead.length} of ${leadBytes} bytes`);
  await readHeader(ctx, reader, "signature", true);
  const header = await readHeader(ctx, reader, "main", false);
  const payloadFormat = header.get(tags.payloadFormat) ?? "cpio";
  if (payloadFormat !== "cpio")
    throw new InputError(ctx.origin, `rpm payload format ${payloadFormat} is not supported: expected cpio`);

  const payload = new ByteReader(reader.rest());
  const format = sniff(await payload.peek(sniffBytes));
  const cpio = isCompression(format)
    ? new ByteReader(metered(ctx, decompress(ctx, format, payload.rest(), "payload")))
    : new ByteReader(metered(ctx, payload.rest()));
  if (!/^07070[12]/.test((await cpio.peek(6)).toString("latin1"))) {
    const compressor = header.get(tags.payloadCompressor);
    throw new InputError(
      ctx.origin,
      `rpm payload is not a cpio archive (payload compressor tag: ${compressor ?? "none"})`,
      "payload",
    );
  }
  const collector = new Collector(ctx);
  await readCpio(ctx, cpio, collector);
  // Read past TRAILER!!! to the end so the decompressor verifies the payload's check.
  for await (const _ of cpio.rest());

  const version = header.get(tags.version);
  const release = header.get(tags.release);
  const files = collector.finish();
  if (version === undefined) return { files };
  return { files, packageVersion: release === undefined ? version : `${version}-${release}` };
}
