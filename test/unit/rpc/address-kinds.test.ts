// Issue 16 (4): a signer that is not MultiAddress::Id (Index 0x01, Raw 0x02, Address32 0x03,
// Address20 0x04) decodes, but AccountIdLookup cannot resolve it: the pool answers 1011
// CannotLookup, nothing changes; fee queries need no signer (pallet_transaction_payment reads the
// dispatch info and whether the extrinsic is signed), so they answer as for any signed extrinsic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assemble, benchAccount, signParts, transferCall, type SignedParts } from '../../../bench/lib/signer.js'
import { hexOf } from '../../../src/codec/bytes.js'
import { devNode, type Harness } from './node-harness.js'

let h: Harness
let id: SignedParts
const alice = benchAccount('//Alice')
const bob = benchAccount('//Bob')

beforeAll(async () => {
  h = await devNode()
  id = signParts(h.ctx.runtime, h.ctx.chain.genesisHash, alice, transferCall(bob.publicKey, 10n ** 9n), { nonce: 0 })
})
afterAll(async () => { await h?.close() })

const ADDRESSES: [string, Uint8Array][] = [
  ['Index', new Uint8Array([0x01])], // Compact<()> is empty
  ['Raw', new Uint8Array([0x02, 32 << 2, ...alice.publicKey])],
  ['Address32', new Uint8Array([0x03, ...alice.publicKey])],
  ['Address20', new Uint8Array([0x04, ...alice.publicKey.subarray(0, 20)])],
]
const CANNOT_LOOKUP = { code: 1011, message: 'Unknown Transaction Validity', data: 'CannotLookup' }

const lengthFee = async (len: number): Promise<bigint> => {
  const input = new Uint8Array(4)
  new DataView(input.buffer).setUint32(0, len, true)
  const out = await h.client.call<string>('state_call', ['TransactionPaymentApi_query_length_to_fee', hexOf(input)])
  return Buffer.from(out.slice(2), 'hex').readBigUInt64LE()
}

describe('signer addresses other than MultiAddress::Id', () => {
  for (const [kind, address] of ADDRESSES) {
    it(`${kind}: 1011 CannotLookup from the pool, fee queries answer, nothing changes`, async () => {
      const c = h.client
      const xt = hexOf(assemble({ ...id, address }))
      const best = await c.call<string>('chain_getBlockHash')
      const nonce = await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])
      expect(await c.error('author_submitExtrinsic', [xt])).toEqual(CANNOT_LOOKUP)
      expect(await c.error('author_submitAndWatchExtrinsic', [xt])).toEqual(CANNOT_LOOKUP)
      // TaggedTransactionQueue gives the same verdict: Err(Unknown(CannotLookup)) = 0x01 01 00.
      // Input: source External (0x02), the extrinsic as encoded, the block hash.
      const validity = await c.call<string>('state_call', ['TaggedTransactionQueue_validate_transaction', `0x02${xt.slice(2)}${best.slice(2)}`])
      expect(validity).toBe('0x010100')

      const idXt = hexOf(assemble(id))
      const withId = await c.call<{ weight: unknown; class: string; partialFee: string }>('payment_queryInfo', [idXt])
      const info = await c.call<{ weight: unknown; class: string; partialFee: string }>('payment_queryInfo', [xt])
      expect(info.weight).toEqual(withId.weight)
      expect(info.class).toBe(withId.class)
      const idLen = (idXt.length - 2) / 2
      const len = (xt.length - 2) / 2
      expect(BigInt(info.partialFee)).toBe(BigInt(withId.partialFee) - (await lengthFee(idLen)) + (await lengthFee(len)))
      const details = await c.call<{ inclusionFee: { lenFee: number } }>('payment_queryFeeDetails', [xt])
      expect(BigInt(details.inclusionFee.lenFee)).toBe(await lengthFee(len))

      expect(await c.call('author_pendingExtrinsics')).toEqual([])
      expect(await c.call<string>('chain_getBlockHash')).toBe(best)
      expect(await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])).toBe(nonce)
    })
  }
})
