// Events of fixed-width fields are encoded by their layout (event-layout.ts): the same bytes, or
// the same error, as the generic codec for any value, and the layout taken for the values it fits.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { array, bool, bytes, compact, composite, i32, u128, u16, u32, u64, u8, u8a32, type Field, type Ty } from '../../codec/types.js'
import { AccountId32 } from '../primitives.js'
import { fixedEventEncoder } from './event-layout.js'
import { EventDef } from './pallet.js'

/** A field type, whether its encoding has a fixed width, and values of it: in range and not. */
const kinds: Array<{ ty: Ty; fixed: boolean; value: fc.Arbitrary<unknown> }> = [
  { ty: bool, fixed: true, value: fc.oneof(fc.boolean(), fc.constantFrom(0, 1, 'x')) },
  { ty: u8, fixed: true, value: fc.oneof(fc.integer({ min: -2, max: 300 }), fc.constantFrom(1.5, 7n, NaN)) },
  { ty: u16, fixed: true, value: fc.oneof(fc.integer({ min: -2, max: 70_000 }), fc.constant(9n)) },
  { ty: u32, fixed: true, value: fc.oneof(fc.integer({ min: -2, max: 2 ** 32 + 3 }), fc.constantFrom(2 ** 32 - 1, 2 ** 32)) },
  { ty: u64, fixed: true, value: fc.oneof(fc.bigInt({ min: -2n, max: (1n << 64n) + 2n }), fc.constantFrom((1n << 64n) - 1n, 1n << 64n, 12), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })) },
  { ty: u128, fixed: true, value: fc.oneof(fc.bigInt({ min: -2n, max: (1n << 128n) + 2n }), fc.constantFrom((1n << 128n) - 1n, 1n << 128n), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n })) },
  { ty: AccountId32, fixed: true, value: fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 31, maxLength: 33 }), fc.constant('0x' + '11'.repeat(32))) },
  { ty: u8a32, fixed: true, value: fc.uint8Array({ minLength: 31, maxLength: 33 }) },
  { ty: array(20, u8), fixed: true, value: fc.uint8Array({ minLength: 19, maxLength: 21 }) },
  { ty: composite('Netuid', [{ type: u16 }]), fixed: true, value: fc.integer({ min: 0, max: 65_535 }) },
  { ty: compact(u32), fixed: false, value: fc.integer({ min: 0, max: 1000 }) },
  { ty: bytes, fixed: false, value: fc.uint8Array({ maxLength: 4 }) },
  { ty: i32, fixed: false, value: fc.integer({ min: -5, max: 5 }) },
]

type Outcome = { bytes: string } | { error: string }
function outcome(f: () => Uint8Array): Outcome {
  try { return { bytes: Buffer.from(f()).toString('hex') } } catch (e) { return { error: String(e) } }
}

const eventArb = fc.tuple(
  fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }),
  fc.array(fc.integer({ min: 0, max: kinds.length - 1 }), { maxLength: 4 }),
).chain(([pallet, index, picks]) => {
  const fields: Field[] = picks.map((k, i) => ({ name: `f${i}`, type: kinds[k]!.ty }))
  const value = fc.tuple(...picks.map((k) => fc.option(kinds[k]!.value, { freq: 12, nil: undefined })))
    .map((vs) => Object.fromEntries(vs.flatMap((v, i) => (v === undefined ? [] : [[`f${i}`, v]]))))
  return fc.tuple(fc.constant({ pallet, index, fields, fixed: picks.every((k) => kinds[k]!.fixed) }), value)
})

describe('fixed-width event layouts', () => {
  it('encode the bytes (or raise the error) of the generic codec, and take every value that fits', () => {
    let taken = 0
    fc.assert(fc.property(eventArb, ([ev, value]) => {
      const def = new EventDef<Record<string, unknown>>(ev.pallet, { name: 'E', index: ev.index, fields: ev.fields, docs: [] })
      expect(outcome(() => def.encode(value))).toEqual(outcome(() => def.encodeGeneric(value)))
      const layout = fixedEventEncoder(ev.pallet, ev.index, ev.fields)
      expect(layout !== null).toBe(ev.fixed)
      const fast = layout?.(value) ?? null
      if (fast !== null) taken++
      // every field present, of its JS type and in range: the layout takes it
      const fits = ev.fields.every((f, i) => {
        const v = value[`f${i}`]
        return fitsGenerically(f.type, v)
      })
      if (ev.fixed) expect(fast !== null).toBe(fits)
    }), { numRuns: 3000 })
    expect(taken).toBeGreaterThan(300)
  })

  it('declines events with an unnamed field', () => {
    expect(fixedEventEncoder(1, 2, [{ type: u64 }])).toBeNull()
    expect(fixedEventEncoder(1, 2, [])?.(undefined)).toEqual(new Uint8Array([1, 2]))
  })
})

/** A value the layout must take: of the JS type the field's generic encoding expects, in range. */
function fitsGenerically(t: Ty, v: unknown): boolean {
  const d = t.def
  if (d.tag === 'composite') return fitsGenerically(d.fields[0]!.type, v)
  if (d.tag === 'array') return v instanceof Uint8Array && v.length === d.len
  if (d.tag !== 'primitive') return false
  if (d.prim === 'bool') return typeof v === 'boolean'
  const bits = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128 }[d.prim as string]
  if (bits === undefined) return false
  if (bits <= 32) return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** bits
  return typeof v === 'bigint' && v >= 0n && v < 1n << BigInt(bits)
}
