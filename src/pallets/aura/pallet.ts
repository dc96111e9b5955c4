// pallet_aura (index 3): authorities, the current slot read from the block's `aura` pre-runtime
// digest, block-author lookup and the timestamp/slot consistency check (OnTimestampSet).
import { cryptoReady } from '../../codec/hashing.js'
import { composite, u64, u8a32 } from '../../codec/types.js'
import { Pallet, type PalletDecl } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { System } from '../system/pallet.js'
import { dbReads, dbReadsWrites } from '../system/limits.js'
import { parseAccountId } from '../system/lookup.js'
import { RuntimePanic } from '../system/panic.js'
import { boundedVec } from '../system/types.js'

await cryptoReady()

/** sp_consensus_aura::AURA_ENGINE_ID */
export const AURA_ENGINE_ID = new TextEncoder().encode('aura')
/**
 * pallet_aura::MinimumPeriodTimesTwo = subtensor's SLOT_DURATION: `prod_or_fast!(12000, 250)` ms.
 * The composed runtime sets it once, for the build it runs (setSlotDuration).
 */
let slotDurationMs = 12_000n
export const slotDuration = (): bigint => slotDurationMs
export const MAX_AURA_AUTHORITIES = 32

/** subtensor's AuraId is the sr25519 flavour of sp_consensus_aura. */
export const AuraAuthorityId = composite('sp_consensus_aura::sr25519::app_sr25519::Public', [{ type: u8a32, typeName: 'sr25519::Public' }])
export const Slot = composite('sp_consensus_slots::Slot', [{ type: u64, typeName: 'u64' }])

export const aura = new Pallet('Aura', 3, 'pallet_aura')

export const Aura = {
  Authorities: aura.value<Uint8Array[]>('Authorities', boundedVec(AuraAuthorityId), { docs: [' The current authority set.'] }),
  CurrentSlot: aura.value<bigint>('CurrentSlot', Slot, { docs: [' The current slot of this block.', '', ' This will be set in `on_initialize`.'] }),
}

aura.constant('SlotDuration', u64, slotDurationMs, [
  ' The slot duration Aura should run with, expressed in milliseconds.',
  ' The effective value of this type can be changed with a runtime upgrade.',
])

/** The runtime build's slot duration (12 000 ms, or 250 ms in the fast-runtime build). */
export function setSlotDuration(ms: bigint): void {
  slotDurationMs = ms
  aura.setConstant('SlotDuration', ms)
}

const sameEngine = (id: Uint8Array): boolean => id.length === 4 && id.every((b, i) => b === AURA_ENGINE_ID[i])

/** The slot of the first `aura` pre-runtime digest of the current block, if it decodes. */
export function slotFromDigest(s: Store): bigint | null {
  const raw = s.get(System.Digest.key())
  const scanned = raw === null ? null : scanDigest(raw)
  if (scanned !== undefined) return scanned
  for (const item of System.Digest.get(s).logs) {
    if (item.type !== 'PreRuntime' || !sameEngine(item.value[0])) continue
    return slotOf(item.value[1], 0)
  }
  return null
}

/** Slot::decode of a pre-runtime digest's data (its first 8 bytes, little-endian); null when shorter. */
function slotOf(data: Uint8Array, at: number, end = data.length): bigint | null {
  if (end - at < 8) return null
  let v = 0n
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(data[at + i]!)
  return v
}

/**
 * slotFromDigest over the encoded Digest (Aura reads it every block, where it was just written):
 * walks the items without decoding them. Undefined for anything but a well-formed digest of
 * single-byte compact lengths, which the full decoding then handles.
 */
function scanDigest(raw: Uint8Array): bigint | null | undefined {
  const len = (at: number): number => ((raw[at]! & 3) === 0 ? raw[at]! >> 2 : -1)
  const count = len(0)
  if (count < 0) return undefined
  let at = 1
  for (let i = 0; i < count; i++) {
    const tag = raw[at++]
    if (tag === 8) continue // RuntimeEnvironmentUpdated
    const engine = at
    if (tag === 4 || tag === 5 || tag === 6) at += 4
    else if (tag !== 0) return undefined
    const n = len(at)
    if (n < 0 || at + 1 + n > raw.length) return undefined
    at += 1 + n
    if (tag === 6 && AURA_ENGINE_ID.every((b, j) => raw[engine + j] === b)) return slotOf(raw, at - n, at)
  }
  return at === raw.length ? null : undefined
}

/** Account of the block author: authorities[slot % n] as an AccountId32, null without a slot. */
export function blockAuthor(s: Store): Uint8Array | null {
  const slot = slotFromDigest(s)
  if (slot === null) return null
  const auth = Aura.Authorities.get(s)
  if (auth.length === 0) return null
  return auth[Number(slot % BigInt(auth.length))] ?? null
}

/** OnTimestampSet: the timestamp must fall into the slot the block was authored in. */
export function onTimestampSet(s: Store, now: bigint): void {
  const slot = now / slotDurationMs
  const current = Aura.CurrentSlot.get(s)
  if (current !== slot) {
    throw new RuntimePanic(`Timestamp slot must match \`CurrentSlot\` (timestamp slot ${slot}, CurrentSlot ${current})`)
  }
}

aura.hooks.onInitialize = ({ s }) => {
  const slot = slotFromDigest(s)
  if (slot === null) return dbReads(1)
  // AllowMultipleBlocksPerSlot = false
  if (Aura.CurrentSlot.get(s) >= slot) throw new RuntimePanic('Slot must increase')
  Aura.CurrentSlot.set(s, slot)
  return dbReadsWrites(2, 1)
}

export interface AuraGenesis { authorities?: unknown[] }

export function auraGenesis(s: Store, config: AuraGenesis): void {
  const keys = (config.authorities ?? []).map(parseAccountId)
  if (keys.length === 0) return
  if (Aura.Authorities.get(s).length !== 0) throw new Error('Authorities are already initialized!')
  if (keys.length > MAX_AURA_AUTHORITIES) throw new Error('Initial authority set must be less than T::MaxAuthorities')
  Aura.Authorities.set(s, keys)
}
aura.genesis = (s, config) => auraGenesis(s, (config ?? {}) as AuraGenesis)

let decl: PalletDecl | null = null
export function auraPallet(): PalletDecl {
  return (decl ??= aura.decl())
}
