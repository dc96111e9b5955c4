// frame_system calls. set_code (2), set_code_without_checks (3) and apply_authorized_upgrade (11)
// are not offered: this runtime is native TypeScript, so a wasm blob under `:code` could not
// replace it.
import { blake2_256 } from '../../codec/hashing.js'
import { encode } from '../../codec/scale.js'
import { bytes, f, u32, u64, vec } from '../../codec/types.js'
import type { CallCtx } from '../../frame/declare/pallet.js'
import { badOrigin, H256 } from '../../frame/primitives.js'
import { depositLog, HEAP_PAGES_KEY } from './block.js'
import { system, System, SystemEvents } from './pallet.js'
import { KeyValue } from './types.js'
import { SystemWeights } from './weights.js'

export function ensureRoot(ctx: CallCtx): void {
  if (ctx.origin.kind !== 'Root') throw badOrigin()
}

export function ensureSigned(ctx: CallCtx): Uint8Array {
  if (ctx.origin.kind !== 'Signed') throw badOrigin()
  return ctx.origin.who
}

system.call<{ remark: Uint8Array }>(0, 'remark', [f('remark', bytes, 'Vec<u8>')], {
  docs: [' Make some on-chain remark.', '', ' Can be executed by every `origin`.'],
  weight: (a) => SystemWeights.remark(a.remark.length),
  handler: () => {},
})

system.call<{ pages: bigint }>(1, 'set_heap_pages', [f('pages', u64, 'u64')], {
  docs: [" Set the number of pages in the WebAssembly environment's heap."],
  class: 'Operational',
  weight: () => SystemWeights.setHeapPages(),
  handler: (ctx, a) => {
    ensureRoot(ctx)
    ctx.s.set(HEAP_PAGES_KEY, encode(u64, a.pages))
    depositLog(ctx.s, { type: 'RuntimeEnvironmentUpdated' })
  },
})

system.call<{ items: [Uint8Array, Uint8Array][] }>(4, 'set_storage', [f('items', vec(KeyValue), 'Vec<KeyValue>')], {
  docs: [' Set some items of storage.'],
  class: 'Operational',
  weight: (a) => SystemWeights.setStorage(a.items.length),
  handler: (ctx, a) => {
    ensureRoot(ctx)
    for (const [k, v] of a.items) ctx.s.set(k, v)
  },
})

system.call<{ keys: Uint8Array[] }>(5, 'kill_storage', [f('keys', vec(bytes), 'Vec<Key>')], {
  docs: [' Kill some items from storage.'],
  class: 'Operational',
  weight: (a) => SystemWeights.killStorage(a.keys.length),
  handler: (ctx, a) => {
    ensureRoot(ctx)
    for (const k of a.keys) ctx.s.remove(k)
  },
})

system.call<{ prefix: Uint8Array; subkeys: number }>(6, 'kill_prefix', [f('prefix', bytes, 'Key'), f('subkeys', u32, 'u32')], {
  docs: [' Kill all storage items with a key that starts with the given prefix.'],
  class: 'Operational',
  weight: (a) => SystemWeights.killPrefix(Math.min(a.subkeys + 1, 0xffffffff)),
  handler: (ctx, a) => {
    ensureRoot(ctx)
    ctx.s.clearPrefix(a.prefix, a.subkeys)
  },
})

system.call<{ remark: Uint8Array }>(7, 'remark_with_event', [f('remark', bytes, 'Vec<u8>')], {
  docs: [' Make some on-chain remark and emit event.'],
  weight: (a) => SystemWeights.remarkWithEvent(a.remark.length),
  handler: (ctx, a) => {
    const sender = ensureSigned(ctx)
    ctx.env.depositEvent(SystemEvents.Remarked.encode({ sender, hash: blake2_256(a.remark) }))
  },
})

function authorize(ctx: CallCtx, codeHash: Uint8Array, checkVersion: boolean): void {
  ensureRoot(ctx)
  System.AuthorizedUpgrade.set(ctx.s, { code_hash: codeHash, check_version: checkVersion })
  ctx.env.depositEvent(SystemEvents.UpgradeAuthorized.encode({ code_hash: codeHash, check_version: checkVersion }))
}

system.call<{ code_hash: Uint8Array }>(9, 'authorize_upgrade', [f('code_hash', H256, 'T::Hash')], {
  docs: [' Authorize an upgrade to a given `code_hash` for the runtime. The runtime can be supplied', ' later.'],
  class: 'Operational',
  weight: () => SystemWeights.authorizeUpgrade(),
  handler: (ctx, a) => authorize(ctx, a.code_hash, true),
})

system.call<{ code_hash: Uint8Array }>(10, 'authorize_upgrade_without_checks', [f('code_hash', H256, 'T::Hash')], {
  docs: [' Authorize an upgrade to a given `code_hash` for the runtime, without version checks.'],
  class: 'Operational',
  weight: () => SystemWeights.authorizeUpgrade(),
  handler: (ctx, a) => authorize(ctx, a.code_hash, false),
})
