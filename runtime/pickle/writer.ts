/**
 * MessagePack tokens into a growing buffer: the byte layer under the encoder. Knows
 * nothing of identity or kinds.
 *
 * Choices that matter for round trips:
 * - Integers use the smallest msgpack int form; -0 is not an integer here (it is written
 *   as float32 -0), and integers beyond 2^53 stay float64, as they are in JS.
 * - Other numbers are float32 when that is exact (NaN and ±Infinity included), else
 *   float64: smaller, and the decoder widens them back to the same double.
 * - Strings are UTF-8, except strings that are not well-formed UTF-16 (lone
 *   surrogates), which UTF-8 cannot carry: those go as EXT.WTF16 code units.
 */
import { EXT } from "./extensions.js";

const utf8 = new TextEncoder();
const f32 = new Float32Array(1);

export class ByteWriter {
  buf: Uint8Array;
  view: DataView;
  pos = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  number(v: number): void {
    this.ensure(9);
    const buf = this.buf;
    if (v >>> 0 === v) {
      if (v === 0 && 1 / v < 0) {
        // -0 passes the uint32 test (0 === -0): keep its sign as a float.
        buf[this.pos++] = 0xca;
        this.view.setFloat32(this.pos, -0);
        this.pos += 4;
      } else if (v < 0x80) buf[this.pos++] = v;
      else if (v < 0x100) {
        buf[this.pos++] = 0xcc;
        buf[this.pos++] = v;
      } else if (v < 0x10000) {
        buf[this.pos++] = 0xcd;
        buf[this.pos++] = v >>> 8;
        buf[this.pos++] = v & 0xff;
      } else {
        buf[this.pos++] = 0xce;
        this.view.setUint32(this.pos, v);
        this.pos += 4;
      }
    } else if ((v | 0) === v) {
      if (v >= -0x20) buf[this.pos++] = v & 0xff;
      else if (v >= -0x80) {
        buf[this.pos++] = 0xd0;
        buf[this.pos++] = v & 0xff;
      } else if (v >= -0x8000) {
        buf[this.pos++] = 0xd1;
        this.view.setInt16(this.pos, v);
        this.pos += 2;
      } else {
        buf[this.pos++] = 0xd2;
        this.view.setInt32(this.pos, v);
        this.pos += 4;
      }
    } else if (Number.isSafeInteger(v)) {
      // 2^32 <= |v| < 2^53: int64 (the decoder rebuilds the same number from two halves).
      buf[this.pos++] = v > 0 ? 0xcf : 0xd3;
      this.view.setBigInt64(this.pos, BigInt(v));
      this.pos += 8;
    } else {
      f32[0] = v;
      if (f32[0] === v || v !== v) {
        buf[this.pos++] = 0xca;
        this.view.setFloat32(this.pos, v);
        this.pos += 4;
      } else {
        buf[this.pos++] = 0xcb;
        this.view.setFloat64(this.pos, v);
        this.pos += 8;
      }
    }
  }

  string(s: string): void {
    const len = s.length;
    if (len < 64) {
      // Short strings: UTF-8 by hand (no call into TextEncoder), header sized for the
      // worst case (3 bytes per UTF-16 unit) and shrunk after.
      this.ensure(2 + len * 3);
      const buf = this.buf;
      const start = this.pos;
      const head = len * 3 < 32 ? 1 : 2;
      let p = start + head;
      for (let i = 0; i < len; i++) {
        let c = s.charCodeAt(i);
        if (c < 0x80) buf[p++] = c;
        else if (c < 0x800) {
          buf[p++] = 0xc0 | (c >> 6);
          buf[p++] = 0x80 | (c & 0x3f);
        } else if (c >= 0xd800 && c <= 0xdfff) {
          const d = i + 1 < len ? s.charCodeAt(i + 1) : 0;
          if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) {
            this.pos = start;
            this.wtf16(s);
            return;
          }
          i++;
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[p++] = 0xf0 | (c >> 18);
          buf[p++] = 0x80 | ((c >> 12) & 0x3f);
          buf[p++] = 0x80 | ((c >> 6) & 0x3f);
          buf[p++] = 0x80 | (c & 0x3f);
        } else {
          buf[p++] = 0xe0 | (c >> 12);
          buf[p++] = 0x80 | ((c >> 6) & 0x3f);
          buf[p++] = 0x80 | (c & 0x3f);
        }
      }
      const n = p - start - head;
      if (head === 1) buf[start] = 0xa0 | n;
      else if (n < 32) {
        buf.copyWithin(start + 1, start + 2, p);
        buf[start] = 0xa0 | n;
        p--;
      } else {
        buf[start] = 0xd9;
        buf[start + 1] = n;
      }
      this.pos = p;
      return;
    }
    if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) {
      this.wtf16(s);
      return;
    }
    const max = len * 3;
    this.ensure(5 + max);
    const head = max < 0x100 ? 2 : max < 0x10000 ? 3 : 5;
    const start = this.pos;
    const n = utf8.encodeInto(s, this.buf.subarray(start + head)).written;
    if (head === 2) {
      this.buf[start] = 0xd9;
      this.buf[start + 1] = n;
    } else if (head === 3) {
      this.buf[start] = 0xda;
      this.view.setUint16(start + 1, n);
    } else {
      this.buf[start] = 0xdb;
      this.view.setUint32(start + 1, n);
    }
    this.pos = start + head + n;
  }

  /** A string with lone surrogates: its UTF-16 code units, big-endian, as EXT.WTF16. */
  private wtf16(s: string): void {
    this.extHeader(EXT.WTF16, s.length * 2);
    this.ensure(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      this.view.setUint16(this.pos, s.charCodeAt(i));
      this.pos += 2;
    }
  }

  arrayHeader(n: number): void {
    this.ensure(5);
    if (n < 16) this.buf[this.pos++] = 0x90 | n;
    else if (n < 0x10000) {
      this.buf[this.pos++] = 0xdc;
      this.view.setUint16(this.pos, n);
      this.pos += 2;
    } else {
      this.buf[this.pos++] = 0xdd;
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
  }

  mapHeader(n: number): void {
    this.ensure(5);
    if (n < 16) this.buf[this.pos++] = 0x80 | n;
    else if (n < 0x10000) {
      this.buf[this.pos++] = 0xde;
      this.view.setUint16(this.pos, n);
      this.pos += 2;
    } else {
      this.buf[this.pos++] = 0xdf;
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
  }

  bin(bytes: Uint8Array): void {
    const n = bytes.length;
    this.ensure(5 + n);
    if (n < 0x100) {
      this.buf[this.pos++] = 0xc4;
      this.buf[this.pos++] = n;
    } else if (n < 0x10000) {
      this.buf[this.pos++] = 0xc5;
      this.view.setUint16(this.pos, n);
      this.pos += 2;
    } else {
      this.buf[this.pos++] = 0xc6;
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
    this.buf.set(bytes, this.pos);
    this.pos += n;
  }

  /** Header of an ext of `n` data bytes (fixext when n is 1, 2, 4, 8 or 16); the data follows. */
  extHeader(type: number, n: number): void {
    this.ensure(6);
    const buf = this.buf;
    switch (n) {
      case 1: buf[this.pos++] = 0xd4; break;
      case 2: buf[this.pos++] = 0xd5; break;
      case 4: buf[this.pos++] = 0xd6; break;
      case 8: buf[this.pos++] = 0xd7; break;
      case 16: buf[this.pos++] = 0xd8; break;
      default:
        if (n < 0x100) {
          buf[this.pos++] = 0xc7;
          buf[this.pos++] = n;
        } else if (n < 0x10000) {
          buf[this.pos++] = 0xc8;
          this.view.setUint16(this.pos, n);
          this.pos += 2;
        } else {
          buf[this.pos++] = 0xc9;
          this.view.setUint32(this.pos, n);
          this.pos += 4;
        }
    }
    buf[this.pos++] = type;
  }

  /** A tag: `fixext1 type variant`; the kind's payload follows as msgpack values. */
  tag(type: number, variant: number): void {
    this.ensure(3);
    this.buf[this.pos++] = 0xd4;
    this.buf[this.pos++] = type;
    this.buf[this.pos++] = variant;
  }

  /** An unsigned number as the smallest of fixext1/2/4 (REF, HOLES, SHAPED). */
  extUint(type: number, v: number): void {
    this.ensure(6);
    const buf = this.buf;
    if (v < 0x100) {
      buf[this.pos++] = 0xd4;
      buf[this.pos++] = type;
      buf[this.pos++] = v;
    } else if (v < 0x10000) {
      buf[this.pos++] = 0xd5;
      buf[this.pos++] = type;
      buf[this.pos++] = v >>> 8;
      buf[this.pos++] = v & 0xff;
    } else {
      buf[this.pos++] = 0xd6;
      buf[this.pos++] = type;
      this.view.setUint32(this.pos, v);
      this.pos += 4;
    }
  }
}
