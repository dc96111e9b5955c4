// staking/set_children.rs `parent_child_swap_hotkey` and the PCRelations it is built on: the
// child/parent edges around a hotkey, re-homed onto the new hotkey with the chain's invariants
// (no self-loop, ≤ 5 children, proportions within u64, no key both child and parent).
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { equal } from '../subnets/uids.js'

type Edges = [bigint, Uint8Array][]
const U64_MAX = (1n << 64n) - 1n
const hex = (k: Uint8Array): string => Buffer.from(k).toString('hex')

/** A BTreeMap<AccountId, u64>: iteration in key-byte order, as the chain's. */
class KeyMap {
  private readonly m = new Map<string, [Uint8Array, bigint]>()
  set(k: Uint8Array, v: bigint): void { this.m.set(hex(k), [k, v]) }
  get(k: Uint8Array): bigint | undefined { return this.m.get(hex(k))?.[1] }
  has(k: Uint8Array): boolean { return this.m.has(hex(k)) }
  get size(): number { return this.m.size }
  entries(): [Uint8Array, bigint][] {
    return [...this.m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e)
  }
  keys(): Uint8Array[] { return this.entries().map(([k]) => k) }
}

function ensureNoSelfLoop(pivot: Uint8Array, set: KeyMap): void { if (set.has(pivot)) throw E.InvalidChild() }
function ensureTotalProportions(children: KeyMap): void {
  if (children.entries().reduce((t, [, p]) => t + p, 0n) > U64_MAX) throw E.ProportionOverflow()
}
function ensureBipartite(children: KeyMap, parents: KeyMap): void {
  if (children.keys().some((c) => parents.has(c))) throw E.ChildParentInconsistency()
}

const setChildkeys = (s: Store, parent: Uint8Array, netuid: number, v: Edges): void => {
  if (v.length === 0) S.ChildKeys.remove(s, parent, netuid)
  else S.ChildKeys.set(s, parent, netuid, v)
}
const setParentkeys = (s: Store, child: Uint8Array, netuid: number, v: Edges): void => {
  if (v.length === 0) S.ParentKeys.remove(s, child, netuid)
  else S.ParentKeys.set(s, child, netuid, v)
}
const removeEdge = (list: Edges, id: Uint8Array): Edges => list.filter(([, who]) => !equal(who, id))
function upsertEdge(list: Edges, proportion: bigint, id: Uint8Array): Edges {
  const at = list.find(([, who]) => equal(who, id))
  if (at) at[0] = proportion
  else list.push([proportion, id])
  return list
}

/** `load_child_parent_relations`: self-loops in storage are ignored, then validated. */
function loadRelations(s: Store, hotkey: Uint8Array, netuid: number): { children: KeyMap; parents: KeyMap } {
  const children = new KeyMap()
  for (const [p, child] of S.ChildKeys.get(s, hotkey, netuid)) if (!equal(child, hotkey)) children.set(child, p)
  ensureNoSelfLoop(hotkey, children)
  ensureTotalProportions(children)
  const parents = new KeyMap()
  for (const [p, parent] of S.ParentKeys.get(s, hotkey, netuid)) if (!equal(parent, hotkey)) parents.set(parent, p)
  ensureNoSelfLoop(hotkey, parents)
  ensureBipartite(children, parents)
  return { children, parents }
}

/** `persist_child_parent_relations`: both directions written as diffs against the pivot's current edges. */
function persist(s: Store, pivot: Uint8Array, netuid: number, children: KeyMap, parents: KeyMap): void {
  const prevChildren = new KeyMap()
  for (const [p, c] of S.ChildKeys.get(s, pivot, netuid)) prevChildren.set(c, p)
  setChildkeys(s, pivot, netuid, children.entries().map(([c, p]) => [p, c]))
  for (const [c, p] of children.entries()) {
    setParentkeys(s, c, netuid, upsertEdge(S.ParentKeys.get(s, c, netuid), p, pivot))
  }
  for (const c of prevChildren.keys()) {
    if (!children.has(c)) setParentkeys(s, c, netuid, removeEdge(S.ParentKeys.get(s, c, netuid), pivot))
  }
  const prevParents = new KeyMap()
  for (const [p, par] of S.ParentKeys.get(s, pivot, netuid)) prevParents.set(par, p)
  setParentkeys(s, pivot, netuid, parents.entries().map(([par, p]) => [p, par]))
  for (const [par, p] of parents.entries()) {
    setChildkeys(s, par, netuid, upsertEdge(S.ChildKeys.get(s, par, netuid), p, pivot))
  }
  for (const par of prevParents.keys()) {
    if (!parents.has(par)) setChildkeys(s, par, netuid, removeEdge(S.ChildKeys.get(s, par, netuid), pivot))
  }
}

/** `parent_child_swap_hotkey`. */
export function parentChildSwapHotkey(s: Store, oldHotkey: Uint8Array, newHotkey: Uint8Array, netuid: number): void {
  const { children, parents } = loadRelations(s, oldHotkey, netuid)
  for (const child of children.keys()) setParentkeys(s, child, netuid, removeEdge(S.ParentKeys.get(s, child, netuid), oldHotkey))
  for (const parent of parents.keys()) S.ChildKeys.set(s, parent, netuid, removeEdge(S.ChildKeys.get(s, parent, netuid), oldHotkey))
  // the chain inserts the empty vector here (not set_childkeys), so the key stays
  S.ChildKeys.set(s, oldHotkey, netuid, [])
  setParentkeys(s, oldHotkey, netuid, [])
  // rebind_pivot
  ensureNoSelfLoop(newHotkey, children)
  ensureNoSelfLoop(newHotkey, parents)
  const pending = S.PendingChildKeys.contains(s, netuid, oldHotkey) ? S.PendingChildKeys.get(s, netuid, oldHotkey) : null
  if (pending !== null) {
    // ensure_pending_consistency against the new pivot
    const next = new KeyMap()
    for (const [p, c] of pending[0]) next.set(c, p)
    ensureNoSelfLoop(newHotkey, next)
    if (next.size > 5) throw E.TooManyChildren()
    ensureTotalProportions(next)
    ensureBipartite(next, parents)
    S.PendingChildKeys.remove(s, netuid, oldHotkey)
    S.PendingChildKeys.set(s, netuid, newHotkey, pending)
  }
  persist(s, newHotkey, netuid, children, parents)
}
