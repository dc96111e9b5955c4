// dev_drandQuicknetPulses: feeds real drand quicknet pulses to a private chain. A node cannot
// fetch drand, but commits made by the SDK are encrypted to quicknet's key; a user who has the
// pulses (from https://api.drand.sh/52db9ba7…e971/public/<round>) posts them here. Each pulse is
// verified against quicknet's public key (the Drand pallet's DefaultBeaconConfig) and stored in
// Drand.Pulses in a new block: rounds above LastStoredRound through write_pulse's own path (bounds,
// pruning, NextUnsignedAt, NewPulse); a round the local beacon already covered has its pulse
// replaced by quicknet's, which the real pallet would refuse (it only appends).
import { hexOf, sameBytes } from '../../codec/bytes.js'
import type { NodeContext } from '../../node/context.js'
import { checkRound, DrandStorage as D, QUICKNET, randomnessOf, writePulses, type PulseValue } from '../../pallets/drand/index.js'
import { RpcError } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { hexBytes } from './params.js'

const DEV_ERROR = 1
const U64_MAX = (1n << 64n) - 1n

function roundOf(v: unknown): bigint {
  const r = typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : typeof v === 'string' && /^[0-9]+$/.test(v) ? BigInt(v) : null
  if (r === null || r < 1n || r > U64_MAX) throw new RpcError(DEV_ERROR, `round: expected an integer from 1 to 2^64-1, got ${JSON.stringify(v)}`)
  return r
}

/** A pulse as drand's HTTP API returns it: { round, signature, randomness? } (hex with or without 0x). */
export function parseQuicknetPulse(v: unknown): PulseValue {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new RpcError(DEV_ERROR, 'Expected pulses as { round, signature, randomness? }')
  const p = v as Record<string, unknown>
  const round = roundOf(p.round)
  const hex = (x: unknown, field: string): Uint8Array => {
    if (typeof x !== 'string') throw new RpcError(DEV_ERROR, `${field}: expected hex`)
    try { return hexBytes(x.startsWith('0x') ? x : `0x${x}`) } catch { throw new RpcError(DEV_ERROR, `${field}: invalid hex`) }
  }
  const signature = hex(p.signature, 'signature')
  if (signature.length !== 48) throw new RpcError(DEV_ERROR, `round ${round}: a quicknet signature is 48 bytes, got ${signature.length}`)
  if (checkRound(QUICKNET.publicKey, round, signature) !== true) throw new RpcError(DEV_ERROR, `round ${round}: the signature does not verify against drand quicknet's public key`)
  const randomness = randomnessOf(signature)
  if (p.randomness !== undefined && !sameBytes(hex(p.randomness, 'randomness'), randomness)) throw new RpcError(DEV_ERROR, `round ${round}: randomness is not sha256(signature)`)
  return { round, randomness, signature }
}

export function drandMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  return [
    {
      name: 'dev_drandQuicknetPulses',
      unsafe: true,
      handler: async ([pulses]) => {
        const list = Array.isArray(pulses) ? pulses : [pulses]
        if (list.length === 0) throw new RpcError(DEV_ERROR, 'Expected at least one pulse')
        const parsed = list.map(parseQuicknetPulse).sort((a, b) => (a.round < b.round ? -1 : a.round > b.round ? 1 : 0))
        const finalize = sameBytes(chain.finalized.hash, chain.best.hash)
        try {
          const ref = await ctx.producer.produce({
            emptyOnly: true,
            finalize,
            mutate: (s, env) => {
              const last = D.LastStoredRound.get(s)
              for (const p of parsed) if (p.round <= last) D.Pulses.set(s, p.round, p)
              const fresh = parsed.filter((p, i) => p.round > last && parsed[i - 1]?.round !== p.round)
              if (fresh.length > 0) writePulses(s, env, fresh, () => true)
            },
          })
          return hexOf(ref.hash)
        } catch (e) {
          throw e instanceof RpcError ? e : new RpcError(DEV_ERROR, e instanceof Error ? e.message : String(e))
        }
      },
    },
  ]
}
