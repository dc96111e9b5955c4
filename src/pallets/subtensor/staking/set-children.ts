// staking/set_children.rs: a hotkey's children (stake it lends, by u64 proportions) are scheduled
// (`set_children`, PendingChildKeys with a cooldown) and applied with their reverse ParentKeys
// edges when an epoch of the subnet fires after the cooldown (`do_set_pending_children`), or at
// once on a subnet whose token is not enabled; `set_childkey_take` sets the children's take.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { coldkeyOwnsHotkey } from '../subnets/registration.js'
import { currentBlock, ifSubnetExist } from '../utils/misc.js'
import { allSubnetNetuids, getTotalStakeForHotkey } from './helpers.js'

type Edge = [bigint, Uint8Array]
type Links = Map<string, [Uint8Array, bigint]>
const U64_MAX = (1n << 64n) - 1n
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
/** A BTreeMap<AccountId, u64> iterated in key (byte) order. */
const sorted = (m: Links): [Uint8Array, bigint][] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, v]) => v)
const linksOf = (edges: Edge[], pivot: Uint8Array): Links => {
  const m: Links = new Map()
  for (const [p, who] of edges) if (!equal(who, pivot)) m.set(hex(who), [who, p])
  return m
}

/** `TransactionType::SetChildren` (index 0, 150 blocks) and `SetChildkeyTake` (1, TxChildkeyTakeRateLimit). */
const TX_SET_CHILDREN = 0
const TX_SET_CHILDKEY_TAKE = 1
function passesRateLimit(s: Store, hotkey: Uint8Array, netuid: number, tx: number, limit: bigint): boolean {
  const last = S.TransactionKeyLastBlock.get(s, hotkey, netuid, tx)
  const now = currentBlock(s)
  return last === 0n || (now > last ? now - last : 0n) >= limit
}
const setLastBlock = (s: Store, hotkey: Uint8Array, netuid: number, tx: number): void =>
  S.TransactionKeyLastBlock.set(s, [hotkey, netuid, tx], currentBlock(s))

/** `PCRelations`: a pivot with its children and parents, checked as the chain links them. */
class PCRelations {
  children: Links = new Map()
  parents: Links = new Map()
  constructor(readonly pivot: Uint8Array) {}

  static noSelfLoop(pivot: Uint8Array, set: Links): void { if (set.has(hex(pivot))) throw E.InvalidChild() }
  static totalProportions(children: Links): void {
    let total = 0n
    for (const [, p] of children.values()) total += p
    if (total > U64_MAX) throw E.ProportionOverflow()
  }
  static bipartite(children: Links, parents: Links): void {
    for (const k of children.keys()) if (parents.has(k)) throw E.ChildParentInconsistency()
  }

  ensurePendingConsistency(pending: Edge[]): void {
    const next: Links = new Map()
    for (const [p, child] of pending) next.set(hex(child), [child, p])
    PCRelations.noSelfLoop(this.pivot, next)
    if (next.size > 5) throw E.TooManyChildren()
    PCRelations.totalProportions(next)
    PCRelations.bipartite(next, this.parents)
  }

  linkChildren(children: Links): void {
    PCRelations.noSelfLoop(this.pivot, children)
    PCRelations.totalProportions(children)
    PCRelations.bipartite(children, this.parents)
    this.children = children
  }

  linkParents(parents: Links): void {
    PCRelations.noSelfLoop(this.pivot, parents)
    PCRelations.bipartite(this.children, parents)
    this.parents = parents
  }
}

/** `load_child_parent_relations`: the stored edges (self edges dropped). */
function loadRelations(s: Store, hotkey: Uint8Array, netuid: number): PCRelations {
  const rel = new PCRelations(hotkey)
  rel.linkChildren(linksOf(S.ChildKeys.get(s, hotkey, netuid), hotkey))
  rel.linkParents(linksOf(S.ParentKeys.get(s, hotkey, netuid), hotkey))
  return rel
}

/** `load_relations_from_pending`: the pending children with the stored parents. */
function loadRelationsFromPending(s: Store, pivot: Uint8Array, pending: Edge[], netuid: number): PCRelations {
  const rel = new PCRelations(pivot)
  rel.linkChildren(linksOf(pending, pivot))
  rel.linkParents(linksOf(S.ParentKeys.get(s, pivot, netuid), pivot))
  return rel
}

function setChildkeys(s: Store, parent: Uint8Array, netuid: number, v: Edge[]): void {
  if (v.length === 0) S.ChildKeys.remove(s, parent, netuid)
  else S.ChildKeys.set(s, parent, netuid, v)
}
function setParentkeys(s: Store, child: Uint8Array, netuid: number, v: Edge[]): void {
  if (v.length === 0) S.ParentKeys.remove(s, child, netuid)
  else S.ParentKeys.set(s, child, netuid, v)
}
function upsertEdge(list: Edge[], proportion: bigint, id: Uint8Array): Edge[] {
  const e = list.find(([, who]) => equal(who, id))
  if (e) e[0] = proportion
  else list.push([proportion, id])
  return list
}
const removeEdge = (list: Edge[], id: Uint8Array): Edge[] => list.filter(([, who]) => !equal(who, id))

/**
 * `persist_child_parent_relations`: the pivot's ChildKeys and ParentKeys, and the reverse edge
 * on every child and parent added, kept or removed (sets walked in key order).
 */
function persistRelations(s: Store, rel: PCRelations, netuid: number): void {
  const { pivot } = rel
  const newChildren = sorted(rel.children)
  const prevChildren = S.ChildKeys.get(s, pivot, netuid)
  setChildkeys(s, pivot, netuid, newChildren.map(([c, p]) => [p, c]))
  for (const [child, p] of newChildren) setParentkeys(s, child, netuid, upsertEdge(S.ParentKeys.get(s, child, netuid), p, pivot))
  const removedChildren = [...new Map(prevChildren.map(([, c]) => [hex(c), c])).entries()].filter(([k]) => !rel.children.has(k)).sort((a, b) => (a[0] < b[0] ? -1 : 1))
  for (const [, child] of removedChildren) setParentkeys(s, child, netuid, removeEdge(S.ParentKeys.get(s, child, netuid), pivot))
  const newParents = sorted(rel.parents)
  const prevParents = S.ParentKeys.get(s, pivot, netuid)
  setParentkeys(s, pivot, netuid, newParents.map(([p, w]) => [w, p]))
  for (const [parent, w] of newParents) setChildkeys(s, parent, netuid, upsertEdge(S.ChildKeys.get(s, parent, netuid), w, pivot))
  const removedParents = [...new Map(prevParents.map(([, p]) => [hex(p), p])).entries()].filter(([k]) => !rel.parents.has(k)).sort((a, b) => (a[0] < b[0] ? -1 : 1))
  for (const [, parent] of removedParents) setChildkeys(s, parent, netuid, removeEdge(S.ChildKeys.get(s, parent, netuid), pivot))
}

/** `persist_pending_chidren_ok`: applied (and SetChildren emitted) only if the relations still hold. */
function persistPendingChildren(s: Store, env: CallCtx['env'], netuid: number, hotkey: Uint8Array, children: Edge[]): void {
  let rel: PCRelations
  try {
    rel = loadRelationsFromPending(s, hotkey, children, netuid)
  } catch {
    return
  }
  persistRelations(s, rel, netuid)
  SubtensorEvents.SetChildren.emit(env, [hotkey, netuid, children])
}

/** `do_schedule_children` with `schedule_or_apply_ck`. */
export function doScheduleChildren(ctx: CallCtx, hotkey: Uint8Array, netuid: number, children: Edge[]): void {
  const { s, env } = ctx
  const coldkey = ensureSigned(ctx)
  if (!passesRateLimit(s, hotkey, netuid, TX_SET_CHILDREN, 150n)) throw E.TxRateLimitExceeded()
  if (netuid === 0) throw E.RegistrationNotPermittedOnRootSubnet()
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  if (!coldkeyOwnsHotkey(s, coldkey, hotkey)) throw E.NonAssociatedColdKey()
  const seen = new Set<string>()
  for (const [, child] of children) {
    if (seen.has(hex(child))) throw E.DuplicateChild()
    seen.add(hex(child))
  }
  loadRelations(s, hotkey, netuid).ensurePendingConsistency(children)
  const isOwnerHotkey = S.SubnetOwnerHotkey.contains(s, netuid) && equal(S.SubnetOwnerHotkey.get(s, netuid), hotkey)
  if (!(children.length === 0 || getTotalStakeForHotkey(s, hotkey) >= S.StakeThreshold.get(s) || isOwnerHotkey)) throw E.NotEnoughStakeToSetChildkeys()
  setLastBlock(s, hotkey, netuid, TX_SET_CHILDREN)
  if (!S.SubtokenEnabled.get(s, netuid)) {
    persistPendingChildren(s, env, netuid, hotkey, children)
    return
  }
  const cooldownBlock = currentBlock(s) + S.PendingChildKeyCooldown.get(s)
  S.PendingChildKeys.set(s, netuid, hotkey, [children, cooldownBlock])
  SubtensorEvents.SetChildrenScheduled.emit(env, [hotkey, netuid, cooldownBlock, children])
}

/** `do_set_pending_children`: every schedule past its cooldown (or on a subnet not started) is applied. */
export function doSetPendingChildren(s: Store, env: CallCtx['env'], netuid: number): void {
  const pending = [...S.PendingChildKeys.iterPrefix(s, netuid)]
  // (most epochs find none: the block and SubtokenEnabled are then not read)
  if (pending.length === 0) return
  const now = currentBlock(s)
  const started = S.SubtokenEnabled.get(s, netuid)
  const done: Uint8Array[] = []
  for (const [hotkey, [children, cooldown]] of pending) {
    if (cooldown < now || !started) {
      persistPendingChildren(s, env, netuid, hotkey, children)
      done.push(hotkey)
    }
  }
  for (const hotkey of done) S.PendingChildKeys.remove(s, netuid, hotkey)
}

/**
 * `try_set_pending_children` (block_step, after run_coinbase): the subnets whose epoch fired this
 * block (LastEpochBlock = now) apply their due schedules. `networks`: NetworksAdded's keys, when
 * the caller has listed them this block.
 */
export function trySetPendingChildren(s: Store, env: CallCtx['env'], block: bigint, networks: readonly number[] = allSubnetNetuids(s)): void {
  // Whether any subnet has a schedule at all, asked once (the map is empty in most blocks) before
  // each subnet whose epoch ran lists its own: applying schedules never adds one.
  let anyPending: boolean | undefined
  for (const netuid of networks) {
    if (S.LastEpochBlock.get(s, netuid) !== block) continue
    if (!(anyPending ??= !S.PendingChildKeys.isEmpty(s))) return
    doSetPendingChildren(s, env, netuid)
  }
}

/** `get_effective_min_childkey_take`: the global minimum or the subnet's, whichever is larger. */
export function effectiveMinChildkeyTake(s: Store, netuid: number): number {
  return Math.max(S.MinChildkeyTake.get(s), S.MinChildkeyTakePerSubnet.get(s, netuid) ?? 0)
}

/** `get_childkey_take`: never below the effective minimum. */
export const getChildkeyTake = (s: Store, hotkey: Uint8Array, netuid: number): number =>
  Math.max(S.ChildkeyTake.get(s, hotkey, netuid) ?? 0, effectiveMinChildkeyTake(s, netuid))

/** `do_set_childkey_take`: increases are rate limited by TxChildkeyTakeRateLimit. */
export function doSetChildkeyTake(ctx: CallCtx, hotkey: Uint8Array, netuid: number, take: number): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  if (!coldkeyOwnsHotkey(s, coldkey, hotkey)) throw E.NonAssociatedColdKey()
  if (take < effectiveMinChildkeyTake(s, netuid) || take > S.MaxChildkeyTake.get(s)) throw E.InvalidChildkeyTake()
  if (take > getChildkeyTake(s, hotkey, netuid) && !passesRateLimit(s, hotkey, netuid, TX_SET_CHILDKEY_TAKE, S.TxChildkeyTakeRateLimit.get(s))) {
    throw E.TxChildkeyTakeRateLimitExceeded()
  }
  setLastBlock(s, hotkey, netuid, TX_SET_CHILDKEY_TAKE)
  S.ChildkeyTake.set(s, hotkey, netuid, take)
  SubtensorEvents.ChildKeyTakeSet.emit(ctx.env, [hotkey, take])
}

implement('set_children', (ctx, a) => doScheduleChildren(ctx, a.hotkey, a.netuid, a.children))
implement('set_childkey_take', (ctx, a) => doSetChildkeyTake(ctx, a.hotkey, a.netuid, a.take))
