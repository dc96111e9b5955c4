// state_subscribeStorage: the current values of the requested keys first (null for absent ones,
// every key listed), then per new best block the keys whose value differs from what the
// subscriber last saw (removed keys as null). Without keys, every change of each new best block.
import { hexOf } from '../../codec/bytes.js'
import type { NodeContext } from '../../node/context.js'
import type { BlockRef } from '../../storage/block-store.js'
import { diffTries } from './trie-diff.js'

export interface StorageChangeSet {
  block: string
  changes: [string, string | null][]
}

type Chain = NodeContext['chain']

const hexOrNull = (v: Uint8Array | null): string | null => (v === null ? null : hexOf(v))

let lastSet: { from: string; to: string; block: string; set: StorageChangeSet } | undefined

/**
 * Every change between two state roots. All subscribers to every change usually ask for the same
 * pair in a row (one block each): the trie diff and the change set object are made once.
 */
function changeSet(chain: Chain, from: Uint8Array, to: Uint8Array, block: string): StorageChangeSet {
  const f = hexOf(from)
  const t = hexOf(to)
  if (lastSet?.from === f && lastSet.to === t && lastSet.block === block) return lastSet.set
  const changes = diffTries(chain.store, from, to)
  const set: StorageChangeSet = { block, changes: changes.map(([k, v]) => [hexOf(k), hexOrNull(v)]) }
  lastSet = { from: f, to: t, block, set }
  return set
}

/**
 * Sends the initial change set (keyed subscriptions only) and returns the handler for each new
 * best block. Comparing against the values last sent (not the parent block) also reports keys that
 * a head moved back (dev_setHead, reorg) changed, so a client's cache never keeps a stale value.
 */
export function storageSubscription(
  chain: Chain,
  keys: Uint8Array[] | null,
  send: (set: StorageChangeSet) => void,
): (ref: BlockRef) => void {
  const best = chain.durableBest
  if (keys === null) {
    let lastRoot = chain.header(best.hash)!.state_root
    return (ref) => {
      const header = chain.header(ref.hash)
      if (header === undefined) return
      const set = changeSet(chain, lastRoot, header.state_root, hexOf(ref.hash))
      lastRoot = header.state_root
      if (set.changes.length > 0) send(set)
    }
  }

  const state = chain.state(best.hash)
  const last = new Map<string, string | null>()
  const initial: [string, string | null][] = []
  for (const key of keys) {
    const k = hexOf(key)
    const v = hexOrNull(state.get(key))
    initial.push([k, v])
    last.set(k, v)
  }
  if (initial.length > 0) send({ block: hexOf(best.hash), changes: initial })
  // Notifications list changed keys in key order, as a block's change set does.
  const bytesOf = new Map(keys.map((key) => [hexOf(key), key]))
  const watched = [...last.keys()].sort().map((k) => [k, bytesOf.get(k)!] as const)

  return (ref) => {
    if (!chain.has(ref.hash)) return
    const now = chain.state(ref.hash)
    const changes: [string, string | null][] = []
    for (const [k, key] of watched) {
      const v = hexOrNull(now.get(key))
      if (v !== last.get(k)) {
        changes.push([k, v])
        last.set(k, v)
      }
    }
    if (changes.length > 0) send({ block: hexOf(ref.hash), changes })
  }
}
