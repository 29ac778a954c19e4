/**
 * The 2-D part of DOMMatrix, for pdf.js in Node. pdf.js borrows DOMMatrix from the native @napi-rs/canvas
 * package when it can load it; the packaged app ships no native module but better-sqlite3, and reading text
 * needs only affine matrices (a Type 3 glyph's outline is scaled and moved with one). Installed only where
 * the global is missing.
 */
interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export class AffineMatrix implements Affine {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  readonly is2D = true;

  constructor(init?: readonly number[]) {
    if (init && init.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init as [number, number, number, number, number, number];
    else if (init && init.length !== 0) throw new TypeError('AffineMatrix: only 2-D matrices (6 numbers) are supported');
  }

  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  private set(m: Affine): this {
    ({ a: this.a, b: this.b, c: this.c, d: this.d, e: this.e, f: this.f } = m);
    return this;
  }

  /** this × n */
  multiplySelf(n: Affine): this {
    const m = { a: this.a, b: this.b, c: this.c, d: this.d, e: this.e, f: this.f };
    return this.set(product(m, n));
  }

  /** n × this */
  preMultiplySelf(n: Affine): this {
    return this.set(product(n, { a: this.a, b: this.b, c: this.c, d: this.d, e: this.e, f: this.f }));
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf({ a: 1, b: 0, c: 0, d: 1, e: tx, f: ty });
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf({ a: sx, b: 0, c: 0, d: sy, e: 0, f: 0 });
  }

  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    if (det === 0) return this.set({ a: NaN, b: NaN, c: NaN, d: NaN, e: NaN, f: NaN });
    const { a, b, c, d, e, f } = this;
    return this.set({ a: d / det, b: -b / det, c: -c / det, d: a / det, e: (c * f - d * e) / det, f: (b * e - a * f) / det });
  }

  transformPoint(p: { x?: number; y?: number } = {}): { x: number; y: number; z: number; w: number } {
    const x = p.x ?? 0;
    const y = p.y ?? 0;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f, z: 0, w: 1 };
  }
}

function product(m: Affine, n: Affine): Affine {
  return {
    a: m.a * n.a + m.c * n.b,
    b: m.b * n.a + m.d * n.b,
    c: m.a * n.c + m.c * n.d,
    d: m.b * n.c + m.d * n.d,
    e: m.a * n.e + m.c * n.f + m.e,
    f: m.b * n.e + m.d * n.f + m.f,
  };
}

export function installDomMatrix(): void {
  const g = globalThis as { DOMMatrix?: unknown };
  g.DOMMatrix ??= AffineMatrix;
}
