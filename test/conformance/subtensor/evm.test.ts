// Port of subtensor pallets/subtensor/src/tests/evm.rs (HEAD 14bc6f9): associate_evm_key. The EVM
// key signs with secp256k1 (wasm-crypto); its address is derived here independently of the pallet.
import { secp256k1Expand, secp256k1FromSeed, secp256k1Sign } from '@polkadot/wasm-crypto'
import { describe, expect, it } from 'vitest'
import { blake2_256, keccak_256 } from '../../../src/codec/hashing.js'
import { SubtensorErrors as SE, SubtensorStorage as S, subtensorDispatchExtension } from '../../../src/pallets/subtensor/index.js'
import { createAccountIfNonExistent } from '../../../src/pallets/subtensor/subnets/registration.js'
import { evmKeyAssociateRateLimit } from '../../../src/pallets/subtensor/utils/evm.js'
import { callHandler, callValue, errorOf, events, failsUntouched, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'

const se = (e: () => unknown): unknown => errorOf(e())
const NETUID = 1

/** An EVM key pair: secret, and the address keccak256(uncompressed pub without 0x04)[12..]. */
function evmPair(seed: number): { secret: Uint8Array; address: Uint8Array } {
  const secret = new Uint8Array(32).fill(seed)
  const compressed = secp256k1FromSeed(secret).subarray(32)
  return { secret, address: keccak_256(secp256k1Expand(compressed).subarray(1)).subarray(12) }
}
const u64le = (n: bigint): Uint8Array => { const o = new Uint8Array(8); new DataView(o.buffer).setBigUint64(0, n, true); return o }
/** `sign_evm_message`: EIP-191 prehash of the message, v moved to 27/28. */
function signEvm(secret: Uint8Array, message: Uint8Array): Uint8Array {
  const prefix = new TextEncoder().encode(`\x19Ethereum Signed Message:\n${message.length}`)
  const sig = secp256k1Sign(keccak_256(new Uint8Array([...prefix, ...message])), secret).slice()
  sig[64] = sig[64]! + 27
  return sig
}
const message = (hotkey: Uint8Array, block: bigint): Uint8Array => new Uint8Array([...hotkey, ...keccak_256(u64le(block))])

function setup(blockNumber: number, register = true): { m: Mock; hotkey: Uint8Array; coldkey: Uint8Array } {
  const m = new Mock()
  m.addNetwork(NETUID, 2)
  const [coldkey, hotkey] = [u256(1), u256(2)]
  createAccountIfNonExistent(m.s, coldkey, hotkey)
  if (register) m.registerOk(NETUID, hotkey, coldkey, 0)
  m.setBlockNumber(blockNumber)
  return { m, hotkey, coldkey }
}
const associate = (m: Mock, hotkey: Uint8Array, args: { evm_key: Uint8Array; block_number: bigint; signature: Uint8Array }) =>
  callHandler(m.env, 'SubtensorModule', 'associate_evm_key', signed(hotkey), { netuid: NETUID, ...args })
const fails = (m: Mock, hotkey: Uint8Array, args: Parameters<typeof associate>[2]) => errorOf(failsUntouched(m.s, () => associate(m, hotkey, args)))
const lastEvent = (m: Mock) => events(m.s).at(-1)

describe('tests/evm.rs', () => {
  it('test_associate_evm_key_success', () => {
    const limit = Number(evmKeyAssociateRateLimit())
    const { m, hotkey } = setup(limit)
    const { secret, address } = evmPair(7)
    const block = BigInt(m.block)
    associate(m, hotkey, { evm_key: address, block_number: block, signature: signEvm(secret, message(hotkey, block)) })
    expect(lastEvent(m)).toEqual({ name: 'SubtensorModule.EvmKeyAssociated', value: { netuid: NETUID, hotkey, evm_key: address, block_associated: block }, phase: expect.anything() })
    const uid = S.Uids.get(m.s, NETUID, hotkey)!
    expect(S.AssociatedEvmAddress.get(m.s, NETUID, uid)).toEqual([address, block])
  })

  it('test_associate_evm_key_different_block_number_success', () => {
    const { m, hotkey } = setup(Number(evmKeyAssociateRateLimit()))
    const { secret, address } = evmPair(8)
    associate(m, hotkey, { evm_key: address, block_number: 99n, signature: signEvm(secret, message(hotkey, 99n)) })
    expect((lastEvent(m)!.value as { block_associated: bigint }).block_associated).toBe(BigInt(m.block))
  })

  it('test_associate_evm_key_coldkey_does_not_own_hotkey', () => {
    const m = new Mock()
    m.addNetwork(NETUID, 2)
    const hotkey = u256(2)
    const { secret, address } = evmPair(9)
    expect(fails(m, hotkey, { evm_key: address, block_number: 1n, signature: signEvm(secret, message(hotkey, 1n)) })).toEqual(se(SE.NonAssociatedColdKey))
  })

  it('test_associate_evm_key_hotkey_not_registered_in_subnet', () => {
    const { m, hotkey } = setup(1, false)
    const { secret, address } = evmPair(10)
    expect(fails(m, hotkey, { evm_key: address, block_number: 1n, signature: signEvm(secret, message(hotkey, 1n)) })).toEqual(se(SE.HotKeyNotRegisteredInSubNet))
  })

  it('test_associate_evm_key_using_wrong_hash_function (blake2 prehash recovers another key)', () => {
    const { m, hotkey } = setup(Number(evmKeyAssociateRateLimit()))
    const { secret, address } = evmPair(11)
    const signature = secp256k1Sign(blake2_256(message(hotkey, 5n)), secret)
    expect(fails(m, hotkey, { evm_key: address, block_number: 5n, signature })).toEqual(se(SE.InvalidRecoveredPublicKey))
  })

  it('test_associate_evm_key_rate_limit_exceeded', () => {
    const limit = evmKeyAssociateRateLimit()
    const { m, hotkey } = setup(Number(limit))
    const { secret, address } = evmPair(12)
    const sign = (b: bigint) => ({ evm_key: address, block_number: b, signature: signEvm(secret, message(hotkey, b)) })
    associate(m, hotkey, sign(BigInt(m.block)))
    m.setBlockNumber(m.block + 1)
    expect(fails(m, hotkey, sign(BigInt(m.block)))).toEqual(se(SE.EvmKeyAssociateRateLimitExceeded))
    m.setBlockNumber(m.block + Number(limit))
    associate(m, hotkey, sign(BigInt(m.block)))
    expect(S.AssociatedEvmAddress.get(m.s, NETUID, S.Uids.get(m.s, NETUID, hotkey)!)![1]).toBe(BigInt(m.block))
  })

  it('test_associate_evm_key_uid_not_found (the hotkey is owned but has no uid)', () => {
    const { m, hotkey } = setup(Number(evmKeyAssociateRateLimit()), false)
    const { secret, address } = evmPair(13)
    expect(fails(m, hotkey, { evm_key: address, block_number: 1n, signature: signEvm(secret, message(hotkey, 1n)) })).toEqual(se(SE.HotKeyNotRegisteredInSubNet))
  })

  it('a recovery id above 3 (after the 27 offset) is an unrecoverable signature: InvalidIdentity', () => {
    const { m, hotkey } = setup(Number(evmKeyAssociateRateLimit()))
    const { secret, address } = evmPair(14)
    const signature = signEvm(secret, message(hotkey, 1n))
    signature[64] = 27 + 4
    expect(fails(m, hotkey, { evm_key: address, block_number: 1n, signature })).toEqual(se(SE.InvalidIdentity))
  })

  it('guards/check_evm_key_association.rs: before dispatch, a uid on the subnet and the rate limit (other calls pass)', () => {
    const { m, hotkey } = setup(Number(evmKeyAssociateRateLimit()))
    const { secret, address } = evmPair(15)
    const value = (b: bigint) => callValue('SubtensorModule', 'associate_evm_key', { netuid: NETUID, evm_key: address, block_number: b, signature: signEvm(secret, message(hotkey, b)) })
    // an unowned, unregistered signer: the guard answers first (the call body would say NonAssociatedColdKey)
    expect(subtensorDispatchExtension(m.s, u256(99), value(1n))).toEqual(SE.HotKeyNotRegisteredInSubNet())
    expect(subtensorDispatchExtension(m.s, hotkey, value(1n))).toBeNull()
    associate(m, hotkey, { evm_key: address, block_number: 1n, signature: signEvm(secret, message(hotkey, 1n)) })
    expect(subtensorDispatchExtension(m.s, hotkey, value(2n))).toEqual(SE.EvmKeyAssociateRateLimitExceeded())
    expect(subtensorDispatchExtension(m.s, hotkey, callValue('SubtensorModule', 'try_associate_hotkey', { hotkey }))).toBeNull()
  })
})
