// Final framing: "meta" magic ‖ version byte ‖ SCALE body.
import { encode } from '../../codec/scale.js'
import type { Ty } from '../../codec/types.js'

const MAGIC = [0x6d, 0x65, 0x74, 0x61]

export function frame(version: number, schema: Ty, body: unknown): Uint8Array {
  const b = encode(schema, body)
  const out = new Uint8Array(5 + b.length)
  out.set(MAGIC)
  out[4] = version
  out.set(b, 5)
  return out
}
