// Extrinsic campaign: valid signed transfers, mutated the ways a broken or hostile client would
// (truncated, bit-flipped, a bad era, a stale nonce, another address kind, an unknown call index,
// calls nested too deep, too big to send), submitted to a real node. Each must be refused with the
// error Substrate gives for that defect, and a refusal changes nothing: no block, an empty pool,
// the sender's account (free balance, nonce) untouched. What each mutation must give follows from
// how it was made, not from the node's code.
import fc from 'fast-check'
import { xxhashAsU8a, blake2AsU8a } from '@polkadot/util-crypto'
import { assemble, benchAccount, signParts, transferCall, type SignedParts } from '../../bench/lib/signer.js'
import { concatBytes, hexOf } from '../../src/codec/bytes.js'
import { compactBytes, encode } from '../../src/codec/scale.js'
import { RuntimeCall } from '../../src/frame/outer.js'
import type { Runtime } from '../../src/runtime/runtime.js'

export const alice = benchAccount('//Alice')
const bob = benchAccount('//Bob')

/** What the node must answer: an error code, and (when the defect pins it) the error's data or message start. */
export interface Refusal { code: number | number[]; data?: string; messageStart?: string }
export interface Mutant { name: string; raw: Uint8Array; expect: Refusal }

const BAD_PROOF: Refusal = { code: 1010, data: 'Transaction has a bad signature' }
const BAD_INPUT: Refusal = { code: 1002, messageStart: 'Verification Error: Runtime error: Execution failed: Runtime panicked: Bad input data provided to validate_transaction' }
const CANNOT_LOOKUP: Refusal = { code: 1011, data: 'CannotLookup' }

/** The key of System.Account(who): twox128 ‖ twox128 ‖ blake2_128_concat. */
export function accountKey(who: Uint8Array): string {
  return hexOf(concatBytes(xxhashAsU8a('System', 128), xxhashAsU8a('Account', 128), blake2AsU8a(who, 128), who))
}

export interface Chain { runtime: Runtime; genesis: Uint8Array; nonce: number; palletIndices: Set<number> }

const body = (raw: Uint8Array): Uint8Array => {
  // Strip the compact length prefix (1, 2 or 4 bytes for these sizes).
  const mode = raw[0]! & 3
  return raw.subarray(mode === 0 ? 1 : mode === 1 ? 2 : 4)
}
const withPrefix = (b: Uint8Array): Uint8Array => concatBytes(compactBytes(b.length), b)

/** A fresh, valid transfer from Alice with her current nonce (the base every mutation starts from). */
function valid(c: Chain, amount: bigint): SignedParts {
  return signParts(c.runtime, c.genesis, alice, transferCall(bob.publicKey, amount), { nonce: c.nonce })
}

function nestedBatches(levels: number): Uint8Array {
  const remark = encode(RuntimeCall, { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array([1]) } } })
  const prefix = concatBytes(encode(RuntimeCall, { type: 'Utility', value: { type: 'batch', value: { calls: [] } } }).slice(0, 2), new Uint8Array([0x04]))
  const out = new Uint8Array(prefix.length * levels + remark.length)
  for (let i = 0; i < levels; i++) out.set(prefix, i * prefix.length)
  out.set(remark, prefix.length * levels)
  return out
}

export function mutantArb(c: Chain): fc.Arbitrary<Mutant> {
  const amount = fc.bigInt({ min: 1n, max: 10n ** 12n })
  return fc.oneof(
    // Cut short, length prefix fixed up: the body no longer decodes.
    fc.tuple(amount, fc.integer({ min: 1, max: 150 })).map(([a, k]) => {
      const b = body(assemble(valid(c, a)))
      return { name: `truncated by ${k}`, raw: withPrefix(b.subarray(0, Math.max(1, b.length - k))), expect: BAD_INPUT }
    }),
    // Cut short with the old prefix: not even a Vec<u8>.
    fc.tuple(amount, fc.integer({ min: 1, max: 150 })).map(([a, k]) => {
      const raw = assemble(valid(c, a))
      return { name: `envelope cut by ${k}`, raw: raw.subarray(0, raw.length - k), expect: { code: 1040, messageStart: 'Client error:' } }
    }),
    // A bit flipped in the signature: a bad proof.
    fc.tuple(amount, fc.integer({ min: 0, max: 64 * 8 - 1 })).map(([a, bit]) => {
      const p = valid(c, a)
      const sig = p.signature.slice()
      sig[1 + (bit >> 3)]! ^= 1 << (bit & 7)
      return { name: `signature bit ${bit}`, raw: assemble({ ...p, signature: sig }), expect: BAD_PROOF }
    }),
    // A bit flipped anywhere in the body: never accepted, always one of the transaction errors.
    fc.tuple(amount, fc.nat(), fc.integer({ min: 0, max: 7 })).map(([a, pos, bit]) => {
      const b = body(assemble(valid(c, a))).slice()
      b[pos % b.length]! ^= 1 << bit
      return { name: `body bit ${pos % b.length}.${bit}`, raw: withPrefix(b), expect: { code: [1002, 1010, 1011] } }
    }),
    // A mortal era born at a block that does not exist yet: period 64, phase 50 (Mortal37, 3).
    amount.map((a) => {
      const p = signParts(c.runtime, c.genesis, alice, transferCall(bob.publicKey, a), { nonce: c.nonce, era: { type: 'Mortal37', value: 3 } })
      return { name: 'era born in the future', raw: assemble(p), expect: { code: 1010, data: 'Transaction has an ancient birth block' } }
    }),
    // A nonce already used.
    fc.tuple(amount, fc.nat()).map(([a, n]) => {
      const nonce = n % c.nonce
      const p = signParts(c.runtime, c.genesis, alice, transferCall(bob.publicKey, a), { nonce })
      return { name: `stale nonce ${nonce}`, raw: assemble(p), expect: { code: 1010, data: 'Transaction is outdated' } }
    }),
    // A signer address AccountIdLookup cannot resolve.
    fc.tuple(amount, fc.constantFrom(
      new Uint8Array([0x01]), new Uint8Array([0x02, 32 << 2, ...alice.publicKey]),
      new Uint8Array([0x03, ...alice.publicKey]), new Uint8Array([0x04, ...alice.publicKey.subarray(0, 20)]),
    )).map(([a, address]) => ({ name: `address kind ${address[0]}`, raw: assemble({ ...valid(c, a), address }), expect: CANNOT_LOOKUP })),
    // A call index no pallet has.
    fc.tuple(amount, fc.integer({ min: 0, max: 255 }).filter((i) => !c.palletIndices.has(i))).map(([a, pallet]) => {
      const p = valid(c, a)
      const call = p.call.slice()
      call[0] = pallet
      return { name: `pallet index ${pallet}`, raw: assemble({ ...p, call }), expect: BAD_INPUT }
    }),
    // Calls nested past MAX_EXTRINSIC_DEPTH, properly signed.
    fc.integer({ min: 257, max: 4000 }).map((levels) => ({
      name: `${levels} nested batches`,
      raw: assemble(signParts(c.runtime, c.genesis, alice, nestedBatches(levels), { nonce: c.nonce })),
      expect: { code: 1010, data: 'Transaction call is not expected' },
    })),
  )
}

/** Does the error object answer what the mutant must get? Returns why not, or undefined. */
export function mismatch(e: { code: number; message: string; data?: unknown } | undefined, want: Refusal): string | undefined {
  if (e === undefined) return 'it was accepted'
  const codes = Array.isArray(want.code) ? want.code : [want.code]
  if (!codes.includes(e.code)) return `code ${e.code} (${e.message}), expected ${codes.join('/')}`
  if (want.data !== undefined && e.data !== want.data) return `data ${JSON.stringify(e.data)}, expected ${want.data}`
  if (want.messageStart !== undefined && !e.message.startsWith(want.messageStart)) return `message ${e.message}`
  return undefined
}
