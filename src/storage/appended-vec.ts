// A SCALE Vec that blocks append to (a registration's per-UID vectors): the overlay keeps the
// pushed items as chunks and encodes the whole vector once, when it is read or the diff is taken.
import { compactBytes, readCompactNumber, Reader } from '../codec/scale.js'

/** An append-only SCALE Vec built up without re-encoding the whole vector on every push. */
export class Appended {
  constructor(readonly prev: Appended | Uint8Array | null, readonly items: Uint8Array[], public owner: number) {}
  materialize(): Uint8Array {
    const chunks: Uint8Array[][] = []
    let node: Appended | Uint8Array | null = this
    while (node instanceof Appended) { chunks.push(node.items); node = node.prev }
    let count = 0
    let basePayload: Uint8Array = new Uint8Array(0)
    if (node) {
      const r = new Reader(node)
      count = readCompactNumber(r)
      basePayload = node.subarray(r.pos)
    }
    let size = basePayload.length
    for (const c of chunks) for (const it of c) { size += it.length; count++ }
    const prefix = compactBytes(count)
    const out = new Uint8Array(prefix.length + size)
    out.set(prefix)
    let off = prefix.length
    out.set(basePayload, off); off += basePayload.length
    for (let i = chunks.length - 1; i >= 0; i--) for (const it of chunks[i]!) { out.set(it, off); off += it.length }
    return out
  }

  /** What materialize() would give, as its element count and the bytes after its length prefix. */
  shape(): VecShape {
    let count = 0
    let bytes = 0
    let node: Appended | Uint8Array | null = this
    while (node instanceof Appended) {
      for (const it of node.items) { count++; bytes += it.length }
      node = node.prev
    }
    if (node === null) return { count, bytes }
    const base = vecShapeOf(node)
    return { count: count + base.count, bytes: bytes + base.bytes }
  }
}

/** A SCALE Vec's element count (its compact prefix) and the bytes after that prefix. */
export interface VecShape { count: number; bytes: number }

export function vecShapeOf(raw: Uint8Array): VecShape {
  const r = new Reader(raw)
  const count = readCompactNumber(r)
  return { count, bytes: raw.length - r.pos }
}
