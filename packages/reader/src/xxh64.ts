/**
 * Streaming XXH64 (seed 0), the hash a zstd frame's Content_Checksum keeps the low 32 bits of
 * (RFC 8878 §3.1.1). fzstd does not check it, so the library zstd path does (`zstd -t`
 * semantics). 64-bit words are kept as two unsigned 32-bit halves: BigInt arithmetic is an order
 * of magnitude slower, and this runs over every decompressed byte.
 */

// The five XXH64 primes as [high, low] halves.
const P1h = 0x9e3779b1, P1l = 0x85ebca87;
const P2h = 0xc2b2ae3d, P2l = 0x27d4eb4f;
const P3h = 0x165667b1, P3l = 0x9e3779f9;
const P4h = 0x85ebca77, P4l = 0xc2b2ae63;
const P5h = 0x27d4eb2f, P5l = 0x165667c5;

// Results of the helpers below (no allocation per 8 bytes hashed).
let rh = 0;
let rl = 0;

function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const carry = Math.floor((a1 * b0 + a0 * b1 + ((a0 * b0) >>> 16)) / 0x10000);
  rl = Math.imul(al, bl) >>> 0;
  rh = (a1 * b1 + carry + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

function add(ah: number, al: number, bh: number, bl: number): void {
  const lo = al + bl;
  rl = lo >>> 0;
  rh = (ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0;
}

/** Rotate left by 1..31. */
function rotl(h: number, l: number, r: number): void {
  rh = ((h << r) | (l >>> (32 - r))) >>> 0;
  rl = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** round(acc, input) = rotl(acc + input * P2, 31) * P1 */
function round(acch: number, accl: number, ih: number, il: number): void {
  mul(ih, il, P2h, P2l);
  add(acch, accl, rh, rl);
  rotl(rh, rl, 31);
  mul(rh, rl, P1h, P1l);
}

export class Xxh64 {
  // Lanes v1..v4 as [h, l] pairs.
  private readonly v = new Uint32Array([0, 0, 0, 0, 0, 0, 0, 0]);
  private readonly pending = Buffer.alloc(32);
  private pendingLength = 0;
  private total = 0;

  constructor() {
    add(P1h, P1l, P2h, P2l);
    this.v.set([rh, rl, P2h, P2l, 0, 0, ~P1h >>> 0, (~P1l + 1) >>> 0]);
    // v4 = 0 - P1: two's complement of P1 (P1's low half is non-zero, so no borrow into high).
  }

  update(data: Uint8Array): void {
    this.total += data.length;
    let at = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(32 - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      at = take;
      if (this.pendingLength < 32) return;
      this.stripe(this.pending, 0);
      this.pendingLength = 0;
    }
    const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
    for (; at + 32 <= buf.length; at += 32) this.stripe(buf, at);
    buf.copy(this.pending, 0, at);
    this.pendingLength = buf.length - at;
  }

  private stripe(buf: Buffer, at: number): void {
    const v = this.v;
    for (let lane = 0; lane < 4; lane++) {
      const off = at + lane * 8;
      round(v[lane * 2] as number, v[lane * 2 + 1] as number, buf.readUInt32LE(off + 4), buf.readUInt32LE(off));
      v[lane * 2] = rh;
      v[lane * 2 + 1] = rl;
    }
  }

  /** The low 32 bits of the digest, as zstd stores them. */
  digestLow32(): number {
    let hh: number, hl: number;
    const v = this.v;
    if (this.total >= 32) {
      rotl(v[0] as number, v[1] as number, 1);
      let sh = rh, sl = rl;
      for (const [lane, r] of [[1, 7], [2, 12], [3, 18]] as const) {
        rotl(v[lane * 2] as number, v[lane * 2 + 1] as number, r);
        add(sh, sl, rh, rl);
        sh = rh;
        sl = rl;
      }
      for (let lane = 0; lane < 4; lane++) {
        round(0, 0, v[lane * 2] as number, v[lane * 2 + 1] as number);
        mul((sh ^ rh) >>> 0, (sl ^ rl) >>> 0, P1h, P1l);
        add(rh, rl, P4h, P4l);
        sh = rh;
        sl = rl;
      }
      hh = sh;
      hl = sl;
    } else {
      hh = P5h;
      hl = P5l;
    }
    add(hh, hl, Math.floor(this.total / 0x100000000) >>> 0, this.total >>> 0);
    hh = rh;
    hl = rl;
    const p = this.pending;
    let at = 0;
    for (; at + 8 <= this.pendingLength; at += 8) {
      round(0, 0, p.readUInt32LE(at + 4), p.readUInt32LE(at));
      rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 27);
      mul(rh, rl, P1h, P1l);
      add(rh, rl, P4h, P4l);
      hh = rh;
      hl = rl;
    }
    if (at + 4 <= this.pendingLength) {
      mul(0, p.readUInt32LE(at), P1h, P1l);
      rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 23);
      mul(rh, rl, P2h, P2l);
      add(rh, rl, P3h, P3l);
      hh = rh;
      hl = rl;
      at += 4;
    }
    for (; at < this.pendingLength; at++) {
      mul(0, p[at] as number, P5h, P5l);
      rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 11);
      mul(rh, rl, P1h, P1l);
      hh = rh;
      hl = rl;
    }
    // Avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32.
    hl = (hl ^ (hh >>> 1)) >>> 0;
    mul(hh, hl, P2h, P2l);
    hh = rh;
    hl = (rl ^ ((rl >>> 29) | (rh << 3))) >>> 0;
    hh = (hh ^ (hh >>> 29)) >>> 0;
    mul(hh, hl, P3h, P3l);
    return (rl ^ rh) >>> 0;
  }
}
