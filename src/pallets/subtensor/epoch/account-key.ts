// An account's bytes as a Map key, made once per account object. One epoch and its payout look the
// same few hotkey and coldkey objects (as decoded from storage) up in a dozen maps — the view's
// per-hotkey reads, the pools, the block's owners and takes, the payout's BTreeMap stand-ins —
// and a key string per lookup is a native call and a string of garbage each time. Only for
// account objects nothing writes into (decoded values are never changed in place).
import { keyString } from '../../../storage/kv.js'

const made = new WeakMap<Uint8Array, string>()

export function accountKey(account: Uint8Array): string {
  let k = made.get(account)
  if (k === undefined) made.set(account, k = keyString(account))
  return k
}
