// Rust's `Default` for plain data, derived from a Ty: the value whose encoding is all zeroes or
// empty (storage items without an explicit default fall back to it).
import { bigPrims, isByte, ScaleError } from './scale.js'
import { isOption, type Field, type Ty } from './types.js'

/** The value whose encoding is all zeroes / empty: Rust's `Default` for plain data. */
export function zeroOf(t: Ty): unknown {
  const d = t.def
  switch (d.tag) {
    case 'primitive':
      if (d.prim === 'bool') return false
      if (d.prim === 'str') return ''
      if (d.prim === 'char') return '\u0000'
      return bigPrims[d.prim] !== undefined ? 0n : 0
    case 'compact': {
      const v = zeroOf(d.of)
      return v
    }
    case 'sequence': return isByte(d.of) ? new Uint8Array(0) : []
    case 'array': return isByte(d.of) ? new Uint8Array(d.len) : Array.from({ length: d.len }, () => zeroOf(d.of))
    case 'tuple': return d.of.length === 0 ? null : d.of.map(zeroOf)
    case 'composite': return fieldsZero(d.fields)
    case 'variant': {
      if (isOption(t)) return null
      const v = [...d.variants].sort((a, b) => a.index - b.index)[0]
      if (!v) throw new ScaleError('empty enum has no default')
      return v.fields.length === 0 ? { type: v.name } : { type: v.name, value: fieldsZero(v.fields) }
    }
    case 'bitSequence': throw new ScaleError('BitVec is not used by this runtime')
  }
}

function fieldsZero(fields: Field[]): unknown {
  if (fields.length === 0) return null
  if (fields.length === 1 && !fields[0]!.name) return zeroOf(fields[0]!.type)
  if (fields.every((fl) => fl.name)) {
    const o: Record<string, unknown> = {}
    for (const fl of fields) o[fl.name!] = zeroOf(fl.type)
    return o
  }
  return fields.map((fl) => zeroOf(fl.type))
}
