// Account reference counting and nonces (frame_system::Pallet::{inc,dec}_{providers,consumers,
// sufficients}, account_nonce, inc_account_nonce) and the `StoredMap` view Balances uses.
import type { ExecEnv } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { DispatchFailure } from '../../frame/primitives.js'
import { MAX_CONSUMERS } from './limits.js'
import { System, SystemEvents } from './pallet.js'
import { defaultAccountData, type AccountDataValue, type AccountInfoValue } from './types.js'

/** Where events go: an ExecEnv, or a sink writing straight to System.Events (genesis). */
export type EventSink = Pick<ExecEnv, 'depositEvent'>

export type IncRefStatus = 'Created' | 'Existed'
export type DecRefStatus = 'Reaped' | 'Exists'

export const account = (s: Store, who: Uint8Array): AccountInfoValue => System.Account.get(s, who)
export const accountExists = (s: Store, who: Uint8Array): boolean => System.Account.contains(s, who)
export const providers = (s: Store, who: Uint8Array): number => account(s, who).providers
export const consumers = (s: Store, who: Uint8Array): number => account(s, who).consumers
export const sufficients = (s: Store, who: Uint8Array): number => account(s, who).sufficients
export const nonce = (s: Store, who: Uint8Array): number => account(s, who).nonce

/** AccountInfo's encoded length: four u32 counters, AccountData's three u64 and the u128 flags. */
const ACCOUNT_INFO_LEN = System.Account.decl.fallback.length

export function incNonce(s: Store, who: Uint8Array): void {
  // The nonce is AccountInfo's first field (u32 LE): a stored account gets it bumped in its bytes.
  const key = System.Account.key(who)
  const raw = s.get(key)
  if (raw !== null && raw.length === ACCOUNT_INFO_LEN) {
    const out = raw.slice()
    const view = new DataView(out.buffer)
    const nonce = view.getUint32(0, true)
    if (nonce !== 0xffffffff) {
      view.setUint32(0, nonce + 1, true)
      s.set(key, out)
      return
    }
  }
  System.Account.mutate(s, who, (a) => { a.nonce = (a.nonce + 1) >>> 0; return a })
}

/** True if the account has no consumer references or more than one provider. */
export function canDecProvider(s: Store, who: Uint8Array): boolean {
  const a = account(s, who)
  return a.consumers === 0 || a.providers > 1
}

function onCreated(sink: EventSink, who: Uint8Array): void {
  sink.depositEvent(SystemEvents.NewAccount.encode({ account: who }))
}
function onKilled(sink: EventSink, who: Uint8Array): void {
  sink.depositEvent(SystemEvents.KilledAccount.encode({ account: who }))
}

export function incProviders(s: Store, sink: EventSink, who: Uint8Array): IncRefStatus {
  const a = account(s, who)
  let status: IncRefStatus
  if (a.providers === 0 && a.sufficients === 0) {
    a.providers = 1
    onCreated(sink, who)
    status = 'Created'
  } else {
    a.providers = sat32(a.providers + 1)
    status = 'Existed'
  }
  System.Account.set(s, who, a)
  return status
}

/** Throws ConsumerRemaining when the last provider would go while consumers remain. */
export function decProviders(s: Store, sink: EventSink, who: Uint8Array): DecRefStatus {
  // A missing account is a logic error upstream; FRAME logs it and reports Reaped.
  if (!accountExists(s, who)) return 'Reaped'
  const a = account(s, who)
  if (a.providers === 0) a.providers = 1
  if (a.providers === 1 && a.consumers === 0 && a.sufficients === 0) {
    onKilled(sink, who)
    System.Account.remove(s, who)
    return 'Reaped'
  }
  if (a.providers === 1 && a.consumers > 0) throw new DispatchFailure({ type: 'ConsumerRemaining' })
  a.providers -= 1
  System.Account.set(s, who, a)
  return 'Exists'
}

export function incSufficients(s: Store, sink: EventSink, who: Uint8Array): IncRefStatus {
  const a = account(s, who)
  let status: IncRefStatus
  if (a.providers + a.sufficients === 0) {
    a.sufficients = 1
    onCreated(sink, who)
    status = 'Created'
  } else {
    a.sufficients = sat32(a.sufficients + 1)
    status = 'Existed'
  }
  System.Account.set(s, who, a)
  return status
}

export function decSufficients(s: Store, sink: EventSink, who: Uint8Array): DecRefStatus {
  if (!accountExists(s, who)) return 'Reaped'
  const a = account(s, who)
  if (a.providers === 0 && a.sufficients <= 1) {
    onKilled(sink, who)
    System.Account.remove(s, who)
    return 'Reaped'
  }
  a.sufficients = a.sufficients > 0 ? a.sufficients - 1 : 0
  System.Account.set(s, who, a)
  return 'Exists'
}

/** Needs a provider; fails with TooManyConsumers at MaxConsumers (16). */
export function incConsumers(s: Store, who: Uint8Array): void {
  const a = account(s, who)
  if (a.providers === 0) throw new DispatchFailure({ type: 'NoProviders' })
  if (a.consumers >= MAX_CONSUMERS) throw new DispatchFailure({ type: 'TooManyConsumers' })
  a.consumers += 1
  System.Account.set(s, who, a)
}

export function incConsumersWithoutLimit(s: Store, who: Uint8Array): void {
  const a = account(s, who)
  if (a.providers === 0) throw new DispatchFailure({ type: 'NoProviders' })
  a.consumers = sat32(a.consumers + 1)
  System.Account.set(s, who, a)
}

export function decConsumers(s: Store, who: Uint8Array): void {
  // ValueQuery `mutate`: writes the entry back even when nothing changed, as FRAME does.
  System.Account.mutate(s, who, (a) => { if (a.consumers > 0) a.consumers -= 1; return a })
}

/** `StoredMap::get` of System for the balances data. */
export const accountData = (s: Store, who: Uint8Array): AccountDataValue => account(s, who).data

/**
 * The tail of System's `StoredMap::try_mutate_exists`: keep the data while the account has a
 * provider or sufficient reference, otherwise remove the whole entry (nonce included).
 */
export function storeAccountData(s: Store, who: Uint8Array, data: AccountDataValue | null): void {
  const a = account(s, who)
  if (a.providers > 0 || a.sufficients > 0) {
    a.data = data ?? defaultAccountData()
    System.Account.set(s, who, a)
  } else {
    System.Account.remove(s, who)
  }
}

const sat32 = (n: number): number => (n > 0xffffffff ? 0xffffffff : n)
