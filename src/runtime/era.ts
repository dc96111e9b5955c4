// Transaction mortality (sp_runtime::generic::Era): a period and a phase packed into two bytes.

export type Era = { immortal: true } | { immortal: false; period: number; phase: number }

/** Decode the era from its wire bytes (first byte = enum index, second byte = the u8 payload). */
export function eraFromBytes(first: number, second: number | undefined): Era {
  if (first === 0) return { immortal: true }
  if (second === undefined) throw new Error('mortal era needs two bytes')
  const encoded = first + (second << 8)
  const period = 2 << (encoded % 16)
  const quantize = Math.max(period >> 12, 1)
  const phase = (encoded >> 4) * quantize
  if (period < 4 || phase >= period) throw new Error('Invalid period and phase')
  return { immortal: false, period, phase }
}

/** Era value as decoded by the SCALE codec from the metadata's Era enum ({type:'Mortal27', value}). */
export function eraFromValue(v: { type: string; value?: unknown }): Era {
  if (v.type === 'Immortal') return { immortal: true }
  const first = Number(v.type.slice('Mortal'.length))
  return eraFromBytes(first, v.value as number)
}

/** The block the era starts at, seen from `current` (Substrate's `Era::birth`). */
export function eraBirth(era: Era, current: number): number {
  if (era.immortal) return 0
  return Math.floor((Math.max(current, era.phase) - era.phase) / era.period) * era.period + era.phase
}

/** First block at which the transaction is dead (Substrate's `Era::death`). */
export function eraDeath(era: Era, current: number): number {
  if (era.immortal) return Number.MAX_SAFE_INTEGER
  return eraBirth(era, current) + era.period
}
