// The node's local beacon. A private chain cannot reach drand, so a chain spec may give the
// runtime build a BLS12-381 secret key (`drand.beaconSecretKey`). The beacon then plays the
// part of the real pallet's off-chain worker plus drand itself: at the start of each block it
// signs every quicknet-numbered round that has begun by the parent block's timestamp and writes
// those pulses through write_pulse's own path, so Pulses/LastStoredRound/OldestStoredRound,
// NextUnsignedAt and the NewPulse event are exactly what the real pallet leaves. The key is a build
// parameter, never state; every node with the same spec signs the same bytes (BLS signatures
// are deterministic), so imported blocks re-execute to the same root.
import type { HookCtx } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { memoOnStored } from '../../frame/declare/stored-memo.js'
import { blake2_256 } from '../../codec/hashing.js'
import { Timestamp } from '../timestamp/index.js'
import { publicKeyOf, QUICKNET, randomnessOf, SCHEME_ID, signRound } from './bls.js'
import { writePulses } from './calls.js'
import { sameBytes } from '../../codec/bytes.js'
import { drand, DrandStorage as D, MAX_PULSES_TO_FETCH, type BeaconConfigurationValue, type PulseValue } from './pallet.js'

let beacon: { secretKey: Uint8Array; publicKey: Uint8Array } | null = null

/** The runtime build's beacon key (32-byte big-endian scalar), or none (the mainnet build). */
export function configureDrandBeacon(secretKey: Uint8Array | null): void {
  beacon = secretKey ? { secretKey, publicKey: publicKeyOf(secretKey) } : null
}

export const beaconPublicKey = (): Uint8Array | null => beacon?.publicKey ?? null

/**
 * Signatures of the beacon key's rounds made ahead of time by the node (chain/beacon-signer.ts),
 * or undefined for a round it does not have. BLS signing is deterministic, so a round found here
 * has the bytes signRound would make; the beacon signs what it does not find.
 */
export type RoundSignatures = (round: bigint) => Uint8Array | undefined
let ahead: { secretKey: Uint8Array; source: RoundSignatures } | null = null

/** Take `source`'s signatures while the beacon's key is `secretKey` (the key they were made with); null: sign every round here. */
export function useRoundSignatures(secretKey: Uint8Array, source: RoundSignatures | null): void {
  ahead = source ? { secretKey, source } : null
}

/**
 * The BeaconConfig a beacon-keyed chain starts with: its own public key on quicknet's clock
 * (genesis 1692803367, 3 s period), so round numbers mean the same instants as on quicknet.
 */
export function localBeaconConfig(secretKey: Uint8Array): BeaconConfigurationValue {
  const publicKey = publicKeyOf(secretKey)
  const hash = blake2_256(publicKey)
  return {
    public_key: publicKey, period: QUICKNET.period, genesis_time: QUICKNET.genesisTime, hash, group_hash: hash,
    scheme_id: new TextEncoder().encode(SCHEME_ID), metadata: { beacon_id: new TextEncoder().encode('local') },
  }
}

/** drand's current round at a unix time in ms: 0 before genesis, else ⌊(t − genesis) / period⌋ + 1. */
export function roundAt(config: BeaconConfigurationValue, unixMs: bigint): bigint {
  const t = unixMs / 1000n
  const genesis = BigInt(config.genesis_time)
  if (config.period === 0 || t < genesis) return 0n
  return (t - genesis) / BigInt(config.period) + 1n
}

/** The rounds the off-chain worker would submit: from LastStoredRound + 1 (or just the current one on an empty store), at most 50. */
export function dueRounds(s: Store, current: bigint): bigint[] {
  if (current === 0n) return [] // before the beacon's genesis: no round yet
  const last = D.LastStoredRound.get(s)
  const from = last === 0n ? current : last + 1n
  const out: bigint[] = []
  for (let r = from; r <= current && out.length < Number(MAX_PULSES_TO_FETCH); r++) out.push(r)
  return out
}

// The beacon reads BeaconConfig every block and it hardly ever changes: decoded once per stored value.
const beaconConfig = memoOnStored(() => [D.BeaconConfig.key()], (s) => D.BeaconConfig.get(s))

drand.hooks.onInitialize = ({ s, env }: HookCtx): void => {
  if (!beacon) return
  const config = beaconConfig(s)
  // A chain whose BeaconConfig no longer names this key would reject these pulses in write_pulse.
  if (!sameBytes(config.public_key, beacon.publicKey)) return
  const current = roundAt(config, Timestamp.Now.get(s))
  // Most blocks fall inside a round already stored (twelve 250 ms blocks per 3 s round).
  if (current === 0n || current <= D.LastStoredRound.get(s)) return
  const rounds = dueRounds(s, current)
  const key = beacon.secretKey
  const source = ahead && sameBytes(ahead.secretKey, key) ? ahead.source : null
  const pulses: PulseValue[] = rounds.map((round) => {
    const signature = source?.(round) ?? signRound(key, round)
    return { round, randomness: randomnessOf(signature), signature }
  })
  // Signed here with the configured key, so the pairing check write_pulse would make holds by construction.
  writePulses(s, env, pulses, () => true)
}

export interface DrandGenesis { beaconSecretKey?: string }
