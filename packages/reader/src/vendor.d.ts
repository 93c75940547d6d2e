// Minimal typings for the two fallback decompressors that ship none.

declare module "lzma-native" {
  import type { Duplex } from "node:stream";
  export function createDecompressor(options?: { memlimit?: number; flags?: number }): Duplex;
}

declare module "unbzip2-stream" {
  import type { Stream } from "node:stream";
  interface ThroughStream extends Stream {
    write(chunk: Buffer): boolean;
    end(): void;
    destroy(): void;
  }
  export default function unbzip2Stream(): ThroughStream;
}
