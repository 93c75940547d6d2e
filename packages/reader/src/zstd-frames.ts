/**
 * Cuts a zstd stream into its frames (RFC 8878 §3.1) so each can be decoded by a fresh fzstd
 * decoder and its Content_Checksum and Frame_Content_Size verified: fzstd skips the checksum, and
 * a flipped bit in a compressed block can decode to different bytes without an error. Only the
 * headers are read here (frame header, 3-byte block headers, checksum); block contents pass through.
 */

export type FramePiece =
  | { readonly kind: "start"; readonly contentSize: number | undefined; readonly hasChecksum: boolean }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "end"; readonly checksum: number | undefined };

const zstdMagic = 0xfd2fb528;
/** Block_Maximum_Size is 128 KiB (§3.1.1.2.4); a bigger Block_Size is corruption. */
const maxBlockSize = 128 * 1024;

export class ZstdFrameError extends Error {}

type State =
  | { readonly at: "magic" }
  | { readonly at: "header"; readonly need: number }
  | { readonly at: "block" }
  | { readonly at: "body"; left: number; readonly last: boolean }
  | { readonly at: "checksum" }
  | { readonly at: "skip"; left: number }
  | { readonly at: "skip-size" };

export class ZstdFrames {
  private state: State = { at: "magic" };
  private held: Buffer = Buffer.alloc(0);
  private hasChecksum = false;
  private frames = 0;

  /** Splits `chunk` into frame pieces; header bytes are returned inside "bytes" pieces too. */
  *feed(chunk: Uint8Array): Generator<FramePiece> {
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    while (data.length > 0) {
      const state = this.state;
      if (state.at === "body" || state.at === "skip") {
        const take = Math.min(state.left, data.length);
        if (state.at === "body") yield { kind: "bytes", bytes: data.subarray(0, take) };
        state.left -= take;
        data = data.subarray(take);
        if (state.left > 0) continue;
        if (state.at === "skip") this.state = { at: "magic" };
        else yield* this.blockDone(state.last);
        continue;
      }
      const need = this.needed(state);
      const take = Math.min(need - this.held.length, data.length);
      this.held = Buffer.concat([this.held, data.subarray(0, take)]);
      data = data.subarray(take);
      if (this.held.length < need) break;
      const whole = this.held;
      this.held = Buffer.alloc(0);
      yield* this.complete(state, whole);
    }
  }

  /** Throws unless the stream ended at a frame boundary after at least one frame. */
  finish(): void {
    if (this.state.at !== "magic" || this.held.length > 0)
      throw new ZstdFrameError("unexpected end of input (truncated zstd frame)");
    if (this.frames === 0) throw new ZstdFrameError("unexpected end of input (no zstd frame)");
  }

  /** After a block's last byte: the next block, the checksum, or (no checksum) the frame's end. */
  private *blockDone(last: boolean): Generator<FramePiece> {
    if (!last) this.state = { at: "block" };
    else if (this.hasChecksum) this.state = { at: "checksum" };
    else {
      this.state = { at: "magic" };
      yield { kind: "end", checksum: undefined };
    }
  }

  private needed(state: State): number {
    switch (state.at) {
      case "magic":
        return 4;
      case "header":
        return state.need;
      case "block":
        return 3;
      case "checksum":
        return 4;
      case "skip-size":
        return 4;
      default:
        return 0;
    }
  }

  private *complete(state: State, bytes: Buffer): Generator<FramePiece> {
    switch (state.at) {
      case "magic": {
        const magic = bytes.readUInt32LE(0);
        if (magic === zstdMagic) {
          this.state = { at: "header", need: 5 };
          this.held = bytes; // the frame header is read with its magic
        } else if (magic >>> 4 === 0x184d2a5) this.state = { at: "skip-size" };
        else throw new ZstdFrameError(`corrupt data: unknown frame magic 0x${magic.toString(16)}`);
        return;
      }
      case "header": {
        const fhd = bytes[4] as number;
        const fcsFlag = fhd >> 6;
        const single = (fhd >> 5) & 1;
        const dictBytes = [0, 1, 2, 4][fhd & 3] as number;
        const fcsBytes = fcsFlag === 0 ? single : 1 << fcsFlag;
        const need = 5 + (single ? 0 : 1) + dictBytes + fcsBytes;
        if (bytes.length < need) {
          this.state = { at: "header", need };
          this.held = bytes;
          return;
        }
        if (fhd & 0x08) throw new ZstdFrameError("corrupt data: reserved bit set in a frame header");
        const fcsAt = 5 + (single ? 0 : 1) + dictBytes;
        let contentSize: number | undefined;
        if (fcsBytes === 1) contentSize = bytes[fcsAt] as number;
        else if (fcsBytes === 2) contentSize = bytes.readUInt16LE(fcsAt) + 256;
        else if (fcsBytes === 4) contentSize = bytes.readUInt32LE(fcsAt);
        else if (fcsBytes === 8) contentSize = Number(bytes.readBigUInt64LE(fcsAt));
        this.hasChecksum = ((fhd >> 2) & 1) === 1;
        this.frames++;
        yield { kind: "start", contentSize, hasChecksum: this.hasChecksum };
        yield { kind: "bytes", bytes };
        this.state = { at: "block" };
        return;
      }
      case "block": {
        const header = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16);
        const last = (header & 1) === 1;
        const type = (header >> 1) & 3;
        const size = header >>> 3;
        if (type === 3) throw new ZstdFrameError("corrupt data: reserved block type");
        if (size > maxBlockSize && type !== 1)
          throw new ZstdFrameError(`corrupt data: block of ${size} bytes (at most ${maxBlockSize})`);
        yield { kind: "bytes", bytes };
        // An RLE block stores one byte whatever its size.
        const left = type === 1 ? 1 : size;
        if (left > 0) this.state = { at: "body", left, last };
        else yield* this.blockDone(last);
        return;
      }
      case "checksum": {
        yield { kind: "bytes", bytes };
        yield { kind: "end", checksum: bytes.readUInt32LE(0) };
        this.state = { at: "magic" };
        return;
      }
      case "skip-size": {
        const left = bytes.readUInt32LE(0);
        this.state = left > 0 ? { at: "skip", left } : { at: "magic" };
        return;
      }
      default:
        return;
    }
  }
}
