// Events whose fields all have a fixed width (AccountId32, u64 balances, u16 netuids, bools: most
// of Balances' and many of SubtensorModule's) have one encoded size, so EventDef encodes them
// straight into an array of that size by a layout derived from the event's declaration, instead
// of through the generic codec's pooled writer, per-field closures and the exact-size copy (the
// coinbase deposits ~32 Balances Deposit events a block). A fresh array, as the generic path's
// copy is: a view made on a shared slab measured slower (its constructor).
import { isByte, putBigLE } from '../../codec/scale.js'
import { putSmallLE, UNSIGNED_WIDTH } from './fixed-values.js'
import type { Field, Ty } from '../../codec/types.js'

// How a field is written: a bool, a u8/u16/u32 from a number, a u64/u128 from a bigint, [u8; N].
const BOOL = 0
const SMALL = 1
const BIG = 2
const BYTES = 3
type Kind = typeof BOOL | typeof SMALL | typeof BIG | typeof BYTES

/**
 * One field's place in the encoding: its name, how it is written, its width and offset, and the
 * bound of its integers (2^(8·width)).
 */
interface Slot {
  readonly name: string; readonly kind: Kind; readonly width: number; readonly at: number
  readonly smallLimit: number; readonly bigLimit: bigint
}

/** How a value of `t` is written when its encoding has a fixed width; null for any other type. */
function fixedShapeOf(t: Ty): { kind: Kind; width: number } | null {
  const d = t.def
  // A newtype (AccountId32 over [u8; 32]) encodes as its one unnamed field.
  if (d.tag === 'composite') return d.fields.length === 1 && !d.fields[0]!.name ? fixedShapeOf(d.fields[0]!.type) : null
  if (d.tag === 'array') return isByte(d.of) ? { kind: BYTES, width: d.len } : null
  if (d.tag !== 'primitive') return null
  if (d.prim === 'bool') return { kind: BOOL, width: 1 }
  const width = UNSIGNED_WIDTH[d.prim]
  return width === undefined ? null : { kind: width <= 4 ? SMALL : BIG, width }
}

/**
 * An encoder of the RuntimeEvent `[palletIndex, index, ...fields]` for an event whose fields are
 * all named and of fixed width, or null when the event has another shape. The encoder returns
 * null (and writes nothing anyone sees) for a value it does not take as it is: a field of another
 * JS type (a number for a u64, a hex string for bytes), out of range or missing. The generic
 * codec then encodes it, or raises its error.
 */
export function fixedEventEncoder(palletIndex: number, index: number, fields: readonly Field[]): ((value: unknown) => Uint8Array | null) | null {
  const slots: Slot[] = []
  let at = 2
  for (const f of fields) {
    if (!f.name) return null
    const shape = fixedShapeOf(f.type)
    if (shape === null) return null
    slots.push({ name: f.name, kind: shape.kind, width: shape.width, at, smallLimit: 2 ** (8 * shape.width), bigLimit: 1n << BigInt(8 * shape.width) })
    at += shape.width
  }
  const size = at
  return (value) => {
    if (slots.length !== 0 && (value === null || typeof value !== 'object')) return null
    const o = value as Record<string, unknown>
    // (a fresh array: one a value does not fit is dropped unseen)
    const out = new Uint8Array(size)
    out[0] = palletIndex
    out[1] = index
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!
      const v = o[slot.name]
      if (!fits(slot, v)) return null
      put(out, slot, v)
    }
    return out
  }
}

/** Does `v` go into `slot` as the generic codec would write it, with no conversion or error? */
function fits(slot: Slot, v: unknown): boolean {
  switch (slot.kind) {
    case BOOL: return v === true || v === false
    case SMALL: return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < slot.smallLimit
    case BIG: return typeof v === 'bigint' && v >= 0n && v < slot.bigLimit
    case BYTES: return v instanceof Uint8Array && v.length === slot.width
  }
}

/** Write `v` (which fits) at the slot's offset, little-endian as SCALE. */
function put(out: Uint8Array, slot: Slot, v: unknown): void {
  const at = slot.at
  switch (slot.kind) {
    case BOOL: out[at] = v === true ? 1 : 0; return
    case SMALL: putSmallLE(out, at, v as number, slot.width); return
    case BIG: putBigLE(out, at, v as bigint, slot.width); return
    case BYTES: out.set(v as Uint8Array, at); return
  }
}
