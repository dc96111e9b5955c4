// A SCALE Vec that blocks append to (a registration's per-UID vectors): the overlay keeps the
// pushed items as chunks and encodes the whole vector once, when it is read or the diff is taken.
import { compactBytes, readCompactNumber, Reader } from '../codec/scale.js'

/**
 * One pushed element: its encoding, or its encoding's parts in order (an event record is a phase,
 * the event and its topics: kept as the three, not joined into a fresh array per event).
 */
export type AppendedItem = Uint8Array | readonly Uint8Array[]

/** An append-only SCALE Vec built up without re-encoding the whole vector on every push. */
export class Appended {
  constructor(readonly prev: Appended | Uint8Array | null, readonly items: AppendedItem[], public owner: number) {}
  materialize(): Uint8Array {
    const chunks: AppendedItem[][] = []
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
    for (const c of chunks) for (const it of c) { size += itemLength(it); count++ }
    const prefix = compactBytes(count)
    const out = new Uint8Array(prefix.length + size)
    out.set(prefix)
    let off = prefix.length
    out.set(basePayload, off); off += basePayload.length
    for (let i = chunks.length - 1; i >= 0; i--) {
      for (const it of chunks[i]!) {
        if (it instanceof Uint8Array) { out.set(it, off); off += it.length } else for (const part of it) { out.set(part, off); off += part.length }
      }
    }
    return out
  }

  /** What materialize() would give, as its element count and the bytes after its length prefix. */
  shape(): VecShape {
    let count = 0
    let bytes = 0
    let node: Appended | Uint8Array | null = this
    while (node instanceof Appended) {
      for (const it of node.items) { count++; bytes += itemLength(it) }
      node = node.prev
    }
    if (node === null) return { count, bytes }
    const base = vecShapeOf(node)
    return { count: count + base.count, bytes: bytes + base.bytes }
  }
}

function itemLength(it: AppendedItem): number {
  if (it instanceof Uint8Array) return it.length
  let n = 0
  for (const part of it) n += part.length
  return n
}

/** A SCALE Vec's element count (its compact prefix) and the bytes after that prefix. */
export interface VecShape { count: number; bytes: number }

export function vecShapeOf(raw: Uint8Array): VecShape {
  const r = new Reader(raw)
  const count = readCompactNumber(r)
  return { count, bytes: raw.length - r.pos }
}
