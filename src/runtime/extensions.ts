// Behaviour of the spec-425 transaction extensions, keyed by their metadata identifier. Their
// wire types come from the metadata declaration (extensions list); here is what each checks.
import { codecOf, encode, encodeWith } from '../codec/scale.js'
import { tuple, u32, type Ty } from '../codec/types.js'
import type { CallInfo, ExecEnv, PostInfo, RuntimeCallValue } from '../frame/declare/pallet.js'
import type { Store } from '../frame/declare/storage.js'
import { eraDeath, eraBirth, eraFromValue } from './era.js'
import { AccountId32 } from '../frame/primitives.js'
import { invalid, type ValidTransaction } from './validity.js'
import type { WeightValue } from '../frame/primitives.js'

/** What the extensions need from the pallets (wired in runtime.ts). */
export interface ExtensionHost {
  specVersion: number
  transactionVersion: number
  blockNumber(s: Store): number
  /** Stored hash of block n, or null when not kept (pruned, future, or never set). */
  blockHash(s: Store, n: number): Uint8Array | null
  account(s: Store, who: Uint8Array): { nonce: number; providers: number; sufficients: number }
  incNonce(s: Store, who: Uint8Array): void
  /** Weight the transaction extensions add to every signed extrinsic (part of its total weight). */
  extensionWeight(): WeightValue
  /** Fee for an extrinsic of `len` bytes (inclusion fee + tip), or 0 when it does not pay. */
  computeFee(len: number, info: CallInfo, tip: bigint, actualWeight?: WeightValue): bigint
  /** Take the fee; false when the account cannot pay it while staying alive. */
  withdrawFee(s: Store, env: ExecEnv, who: Uint8Array, fee: bigint, tip: bigint): boolean
  correctAndDepositFee(s: Store, env: ExecEnv, who: Uint8Array, withdrawn: bigint, actualFee: bigint, tip: bigint): void
  sudoKey(s: Store): Uint8Array | null
  /** CheckWeight validate: would the extrinsic fit into the (current) block at all? */
  validateWeight(s: Store, info: CallInfo, len: number): boolean
  /** CheckWeight: account the extrinsic in the block; false when the block is full. */
  noteWeight(s: Store, info: CallInfo, len: number): boolean
  reclaimWeight(s: Store, info: CallInfo, post: PostInfo): void
  /** SubtensorTransactionExtension validate: a custom refusal code, or null. */
  subtensorValidate(s: Store, who: Uint8Array, call: RuntimeCallValue): number | null
}

export interface CheckCtx {
  s: Store
  host: ExtensionHost
  who: Uint8Array
  call: RuntimeCallValue
  info: CallInfo
  len: number
  /** Explicit extension values by identifier. */
  explicit: Map<string, unknown>
}

export interface Prepared { who: Uint8Array; fee: bigint; tip: bigint }

const MAX_U64 = (1n << 64n) - 1n
const OPERATIONAL_PRIORITY = 10_000_000_000n

const NonceTag = tuple(AccountId32, u32)

/** CheckNonce's pool tag: SCALE (AccountId, nonce). */
export function nonceTag(who: Uint8Array, nonce: number): Uint8Array {
  return encode(NonceTag, [who, nonce])
}

/** Implicit (additional signed) values, encoded in declaration order. */
export function implicitBytes(s: Store, host: ExtensionHost, explicit: Map<string, unknown>, order: { identifier: string; additionalSigned: Ty }[]): Uint8Array {
  const values: unknown[] = []
  for (const ext of order) {
    let v: unknown = null
    switch (ext.identifier) {
      case 'CheckSpecVersion': v = host.specVersion; break
      case 'CheckTxVersion': v = host.transactionVersion; break
      case 'CheckGenesis': v = host.blockHash(s, 0) ?? new Uint8Array(32); break
      case 'CheckMortality': {
        const era = eraFromValue(explicit.get('CheckMortality') as { type: string; value?: unknown })
        const birth = eraBirth(era, host.blockNumber(s))
        const h = host.blockHash(s, birth)
        if (!h) throw invalid('AncientBirthBlock')
        v = h
        break
      }
      case 'CheckMetadataHash': {
        const mode = (explicit.get('CheckMetadataHash') as { mode: { type: string } }).mode.type
        // RFC-78 metadata digests are not computed by this node; a signer that enabled them signed
        // over a hash we cannot reproduce, so the signature check fails as BadProof.
        v = mode === 'Enabled' ? new Uint8Array(32).fill(0xff) : null
        break
      }
    }
    values.push(v)
  }
  // One encoding of all parts: most are `()` and add nothing.
  return encodeWith((w) => order.forEach((ext, i) => codecOf(ext.additionalSigned).enc(w, values[i])))
}

/**
 * Pool and block validity: throws TransactionValidityError, returns the combined ValidTransaction.
 * In a block (`forPool` false) only the refusals count: the tags and the fee's dry run are skipped.
 */
export function validateSigned(c: CheckCtx, forPool: boolean): ValidTransaction {
  const { s, host, who, info } = c
  const result: ValidTransaction = { priority: 0n, requires: [], provides: [], longevity: MAX_U64, propagate: true }

  if (who.every((b) => b === 0)) throw invalid('BadSigner')

  const era = eraFromValue(c.explicit.get('CheckMortality') as { type: string; value?: unknown })
  const current = host.blockNumber(s)
  if (!era.immortal) result.longevity = BigInt(eraDeath(era, current) - current)

  const nonce = c.explicit.get('CheckNonce') as number
  const acct = host.account(s, who)
  if (info.paysFee === 'Yes' && acct.providers === 0 && acct.sufficients === 0) throw invalid('Payment')
  if (nonce < acct.nonce) throw invalid('Stale')
  if (nonce > acct.nonce && !forPool) throw invalid('Future')
  if (forPool) {
    result.provides.push(nonceTag(who, nonce))
    if (nonce > acct.nonce) result.requires.push(nonceTag(who, nonce - 1))
  }

  if (!host.validateWeight(s, info, c.len)) throw invalid('ExhaustsResources')

  // In a block, prepareSigned withdraws the fee for real right after this (a failure there is the
  // same Payment error, rolled back with the rest); only the pool needs the dry run.
  if (forPool) {
    const tip = c.explicit.get('ChargeTransactionPayment') as bigint
    const fee = host.computeFee(c.len, info, tip)
    if (fee > 0n) {
      s.startTransaction()
      try {
        if (!host.withdrawFee(s, nullEnv, who, fee, tip)) throw invalid('Payment')
      } finally {
        s.rollbackTransaction()
      }
    }
  }
  result.priority = info.class === 'Operational' ? OPERATIONAL_PRIORITY : 1n

  if (c.call.type === 'Sudo') {
    const key = host.sudoKey(s)
    if (!key || !key.every((b, i) => b === who[i])) throw invalid('BadSigner')
  }
  const custom = host.subtensorValidate(s, who, c.call)
  if (custom !== null) throw invalid('Custom', custom)
  return result
}

/** Block application after validation: bump the nonce, account the weight, take the fee. */
export function prepareSigned(c: CheckCtx, env: ExecEnv): Prepared {
  const { s, host, who } = c
  if (!host.noteWeight(s, c.info, c.len)) throw invalid('ExhaustsResources')
  host.incNonce(s, who)
  const tip = c.explicit.get('ChargeTransactionPayment') as bigint
  const fee = host.computeFee(c.len, c.info, tip)
  if (fee > 0n && !host.withdrawFee(s, env, who, fee, tip)) throw invalid('Payment')
  return { who, fee, tip }
}

export function postDispatchSigned(c: CheckCtx, env: ExecEnv, pre: Prepared, post: PostInfo): bigint {
  c.host.reclaimWeight(c.s, c.info, post)
  // Pays::No before or after dispatch means no fee (PostDispatchInfo::pays_fee).
  const pays = c.info.paysFee === 'Yes' && (post.paysFee ?? 'Yes') === 'Yes' ? 'Yes' : 'No'
  const info: CallInfo = { ...c.info, paysFee: pays }
  const actual = c.host.computeFee(c.len, info, pre.tip, post.actualWeight)
  c.host.correctAndDepositFee(c.s, env, pre.who, pre.fee, actual, pre.tip)
  return actual
}

/** Fee dry-runs during validation must not emit events. */
const nullEnv: ExecEnv = {
  blockNumber: 0,
  depositEvent: () => {},
  dispatch: () => { throw new Error('no dispatch during validation') },
  callInfo: () => { throw new Error('no call info during validation') },
}
