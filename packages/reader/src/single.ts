/**
 * A single header or table passed by itself: one entry keyed by its base name, which the parser
 * interprets (unistd_64.h, syscall_64.tbl, unistd.h of asm-generic ...).
 */
import { basename } from "node:path";
import { isRelevantPath } from "@xsysgen/parser";
import { InputError } from "@xsysgen/core";
import type { ByteReader } from "./bytes.ts";
import { readBody } from "./collector.ts";
import type { ReadContext } from "./context.ts";

export const unrecognized =
  "unrecognized input: expected a directory, unistd*.h, *.tbl, tar(.gz|.xz|.bz2|.zst), .deb or .rpm";

const headerNames = [/^unistd[^/]*\.h$/, /\.tbl$/, /^(version|bitsperlong)\.h$/];
// Syscall-number text: `#define __NR_x`, asm-generic's `__NR3264_`, or a `<nr> <abi> <name>` table line.
const syscallText = /__NR(3264)?_\w|^\d+\s+\w+\s+\w+/m;

export async function readSingleFile(
  ctx: ReadContext,
  path: string,
  size: number,
  reader: ByteReader,
): Promise<Map<string, string>> {
  const name = basename(path);
  const head = await reader.peek(64 * 1024);
  const text = head.includes(0) ? undefined : head.toString("latin1");
  const named = headerNames.some((re) => re.test(name)) || isRelevantPath(name);
  if (text === undefined || !(named || syscallText.test(text))) throw new InputError(ctx.origin, unrecognized);
  return new Map([[name, await readBody(ctx, name, size, reader.rest())]]);
}
