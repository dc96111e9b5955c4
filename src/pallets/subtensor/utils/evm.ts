// utils/evm.rs (HEAD 14bc6f9): `associate_evm_key` — a registered hotkey links an Ethereum address
// to its UID by an EIP-191 signature of keccak256(hotkey ‖ keccak256(block_number as SCALE u64)).
import { secp256k1Expand, secp256k1Recover } from '@polkadot/wasm-crypto'
import { concatBytes } from '../../../codec/bytes.js'
import { keccak_256 } from '../../../codec/hashing.js'
import { Writer } from '../../../codec/scale.js'
import type { RuntimeCallValue } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import type { DispatchFailure } from '../../../frame/primitives.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { ensureSigned } from '../../system/calls.js'
import { equal } from '../subnets/uids.js'
import { currentBlock } from './misc.js'
import { prodOrFast } from './transaction-type.js'

const DEFAULT_ACCOUNT = new Uint8Array(32)
const MESSAGE_PREFIX = new TextEncoder().encode('\x19Ethereum Signed Message:\n')

/** The runtime's EvmKeyAssociateRateLimit: EVM_KEY_ASSOCIATE_RATELIMIT = prod_or_fast!(7200, 1). */
export const evmKeyAssociateRateLimit = (): bigint => prodOrFast(7_200n, 1n)

/** `hash_message_eip191`: keccak256("\x19Ethereum Signed Message:\n" ‖ decimal length ‖ message). */
export const hashMessageEip191 = (message: Uint8Array): Uint8Array =>
  keccak_256(concatBytes(MESSAGE_PREFIX, new TextEncoder().encode(String(message.length)), message))

/** The message the EVM key signs: hotkey ‖ keccak256(block_number as u64 little-endian). */
export function evmAssociationMessage(hotkey: Uint8Array, blockNumber: bigint): Uint8Array {
  const w = new Writer()
  w.bigLE(blockNumber, 8)
  return concatBytes(hotkey, keccak_256(w.finish()))
}

/** `ecdsa::Signature::recover_prehashed`: the compressed public key, or null (v outside 0..=3, bad r/s). */
function recoverPrehashed(sig: Uint8Array, hash: Uint8Array): Uint8Array | null {
  const v = sig[64]!
  if (v > 3) return null
  try {
    return secp256k1Recover(hash, sig.subarray(0, 64), v)
  } catch {
    return null
  }
}

/** `ensure_evm_key_associate_rate_limit`: EvmKeyAssociateRateLimit blocks since the uid's last association. */
function ensureEvmKeyAssociateRateLimit(s: Store, netuid: number, uid: number): void {
  const now = currentBlock(s)
  const associatedAt = S.AssociatedEvmAddress.get(s, netuid, uid)?.[1] ?? 0n
  if ((now > associatedAt ? now - associatedAt : 0n) < evmKeyAssociateRateLimit()) throw E.EvmKeyAssociateRateLimitExceeded()
}

/**
 * guards/check_evm_key_association.rs (a DispatchExtension): before a signed associate_evm_key is
 * dispatched, the signer must hold a uid on the subnet and be past the rate limit.
 */
export function checkEvmKeyAssociation(s: Store, who: Uint8Array, call: RuntimeCallValue): DispatchFailure | null {
  if (call.type !== 'SubtensorModule' || call.value.type !== 'associate_evm_key') return null
  const { netuid } = call.value.value as { netuid: number }
  const uid = S.Uids.get(s, netuid, who)
  if (uid === null) return E.HotKeyNotRegisteredInSubNet()
  try {
    ensureEvmKeyAssociateRateLimit(s, netuid, uid)
  } catch {
    return E.EvmKeyAssociateRateLimitExceeded()
  }
  return null
}

implement('associate_evm_key', (ctx, a) => {
  const { s } = ctx
  const hotkey = ensureSigned(ctx)
  if (equal(S.Owner.get(s, hotkey), DEFAULT_ACCOUNT)) throw E.NonAssociatedColdKey()
  const sig = a.signature.slice()
  // v normalised from Ethereum's 27/28 to 0/1
  if (sig[64]! >= 27) sig[64] = sig[64]! - 27
  const uid = S.Uids.get(s, a.netuid, hotkey)
  if (uid === null) throw E.HotKeyNotRegisteredInSubNet()
  ensureEvmKeyAssociateRateLimit(s, a.netuid, uid)
  const now = currentBlock(s)
  const pub = recoverPrehashed(sig, hashMessageEip191(evmAssociationMessage(hotkey, a.block_number)))
  if (pub === null) throw E.InvalidIdentity()
  let uncompressed: Uint8Array
  try {
    uncompressed = secp256k1Expand(pub)
  } catch {
    throw E.UnableToRecoverPublicKey()
  }
  // the Ethereum address: the last 20 bytes of keccak256 of the uncompressed key without its 0x04 tag
  if (!equal(keccak_256(uncompressed.subarray(1)).subarray(12), a.evm_key)) throw E.InvalidRecoveredPublicKey()
  S.AssociatedEvmAddress.set(s, a.netuid, uid, [a.evm_key, now])
  SubtensorEvents.EvmKeyAssociated.emit(ctx.env, { netuid: a.netuid, hotkey, evm_key: a.evm_key, block_associated: now })
})
