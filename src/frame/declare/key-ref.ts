// The one object an accessor keeps per storage key it has met: the key's bytes and key string made
// once, and the stored bytes last read there with their decoding, so a hot key (a netuid, an
// account) is neither hashed nor decoded again on every access. The overlay and the state cache
// keep what they need on the same object (storage/overlay.ts's StorageRef).
import { keyBit, type StorageRef } from '../../storage/overlay.js'

/** KeyRef.value when no decoding is kept for its `raw`. */
export const NOT_KEPT: unique symbol = Symbol('not kept')

/**
 * A full storage key and its keyString, made once per distinct key and reused on every access;
 * also the last value bytes seen there and, when kept, their decoding (state hands out the same
 * bytes object until the value changes, and stored bytes are never changed in place). A class with
 * every field set at construction: all refs share one shape, so the reads that load their fields
 * (here, in the overlay and in the state cache) stay monomorphic.
 */
export class KeyRef implements StorageRef {
  slotOf: unknown = undefined
  slot: unknown = undefined
  v: Uint8Array | null = null
  slotHost: unknown = undefined
  raw: Uint8Array | null = null
  value: unknown = NOT_KEPT
  readonly bit: number
  constructor(readonly key: Uint8Array, readonly ks: string) { this.bit = keyBit(ks) }
}
