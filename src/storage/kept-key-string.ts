// keyString of byte arrays nothing writes into, made once per array object. One epoch and its
// payout look the same few hotkey and coldkey objects (as decoded from storage) up in a dozen
// maps — the view's per-hotkey reads, the pools, the block's owners and takes, the payout's
// BTreeMap stand-ins — and an accessor hands out the same key bytes for a key on every call;
// a key string per lookup is a native call and a string of garbage each time. Only for arrays
// never changed in place (decoded values and accessors' keys are not).
import { keyString } from './kv.js'

const made = new WeakMap<Uint8Array, string>()

export function keptKeyString(bytes: Uint8Array): string {
  let k = made.get(bytes)
  if (k === undefined) made.set(bytes, k = keyString(bytes))
  return k
}

/**
 * keyString of `bytes`: the kept string when keptKeyString made one for this object, else a fresh
 * one (nothing kept: a caller that did not promise the bytes never change may reuse its array).
 */
export function keyStringOf(bytes: Uint8Array): string {
  return made.get(bytes) ?? keyString(bytes)
}
