import { describe, expect, it } from 'vitest'
import type { CallInfo } from '../../frame/declare/pallet.js'
import { acct, events, newStore, snapshot, startBlock } from '../test-utils.js'
import { Aura } from '../aura/index.js'
import { balancesGenesis, freeBalance, totalIssuance } from '../balances/index.js'
import { genesis as systemGenesis, System } from '../system/index.js'
import {
  computeActualFee, computeFee, correctAndDepositFee, feeDetailsValue, lengthToFee, TransactionPayment,
  transactionPaymentPallet, TransactionPaymentWeights, weightToFee, withdrawFee,
} from './index.js'

const w = (ref: bigint, proof = 0n) => ({ ref_time: ref, proof_size: proof })
const info = (ref: bigint, extra: Partial<CallInfo> = {}): CallInfo => ({ weight: w(ref), class: 'Normal', paysFee: 'Yes', ...extra })

describe('fee computation', () => {
  it('weight fee is ref_time / 2000 rounded to nearest with ties down', () => {
    // Perbill(500_000) = 1/2000.
    expect(weightToFee(w(2_999n))).toBe(1n) // 1.4995 → 1
    expect(weightToFee(w(3_000n))).toBe(1n) // 1.5 exactly → tie → down
    expect(weightToFee(w(3_001n))).toBe(2n) // 1.5005 → 2
    expect(weightToFee(w(4_000n, 999_999n))).toBe(2n) // proof size is not charged
    // capped at max_block (4e12): 4e12 / 2000 = 2e9
    expect(weightToFee(w(5_000_000_000_000n))).toBe(2_000_000_000n)
    expect(lengthToFee(150)).toBe(150n)
  })

  it('a transfer_keep_alive-sized extrinsic, derived by hand', () => {
    // base: ExtrinsicBaseWeight 115_480_000 / 2000 = 57_740
    // weight: 164_051_000 / 2000 = 82_025.5 → tie → 82_025
    // length: 150 bytes × 1 = 150; tip 7
    // total = 57_740 + 150 + 82_025 + 7 = 139_922
    const f = computeFee(150, info(164_051_000n), 7n)
    expect(f).toEqual({ baseFee: 57_740n, lenFee: 150n, adjustedWeightFee: 82_025n, tip: 7n, total: 139_922n, paysFee: true })
    expect(feeDetailsValue(f)).toEqual({ inclusion_fee: { base_fee: 57_740n, len_fee: 150n, adjusted_weight_fee: 82_025n }, tip: 7n })
  })

  it('Pays::No charges only the tip; Operational has the same base fee', () => {
    const f = computeFee(150, info(164_051_000n, { paysFee: 'No' }), 3n)
    expect(f.total).toBe(3n)
    expect(feeDetailsValue(f)).toEqual({ inclusion_fee: null, tip: 3n })
    expect(computeFee(10, info(0n, { class: 'Operational' }), 0n).total).toBe(57_740n + 10n)
  })

  it('the actual fee uses the smaller post-dispatch weight and post-dispatch pays-fee', () => {
    // pre-dispatch 1_000_000 → 500; actual 400_000 → 200; base 57_740; len 100
    expect(computeActualFee(100, info(1_000_000n), { actualWeight: w(400_000n) }, 0n)).toBe(57_740n + 100n + 200n)
    // an actual weight above the pre-dispatch weight is capped by it
    expect(computeActualFee(100, info(1_000_000n), { actualWeight: w(9_000_000n) }, 0n)).toBe(57_740n + 100n + 500n)
    expect(computeActualFee(100, info(1_000_000n), { paysFee: 'No' }, 5n)).toBe(5n)
  })

  it('declares NextFeeMultiplier = 1 (FixedU128) and OperationalFeeMultiplier 5', () => {
    const d = transactionPaymentPallet()
    expect(Buffer.from(d.storage.find((x) => x.name === 'NextFeeMultiplier')!.fallback).toString('hex')).toBe('000064a7b3b6e00d0000000000000000')
    expect(Buffer.from(d.constants[0]!.value).toString('hex')).toBe('05')
    // 35_979_000 + 1 read + 1 write, and the wrapper's 3 extra reads
    expect(TransactionPaymentWeights.chargeTransactionPayment()).toEqual(w(160_979_000n, 3593n))
    expect(TransactionPaymentWeights.chargeTransactionPaymentWrapper()).toEqual(w(235_979_000n, 3593n))
  })
})

const ALICE = acct(1)
const BOB = acct(2)
const AUTHOR = acct(0xaa)

function setup(withSlot: boolean) {
  const s = newStore()
  systemGenesis(s)
  balancesGenesis(s, { balances: [[ALICE, 1_000_000n], [BOB, 1_000n]] })
  Aura.Authorities.set(s, [AUTHOR])
  // aura pre-runtime digest: slot 5 as u64 LE → author index 5 % 1 = 0
  const digest = withSlot
    ? [{ type: 'PreRuntime' as const, value: [new TextEncoder().encode('aura'), Uint8Array.from([5, 0, 0, 0, 0, 0, 0, 0])] as [Uint8Array, Uint8Array] }]
    : []
  const env = startBlock(s, 1, digest)
  return { s, env }
}

describe('charging', () => {
  it('withdraws, refunds the difference and pays the block author', () => {
    const { s, env } = setup(true)
    expect(withdrawFee(s, env, ALICE, 139_915n, 0n)).toBe(true)
    expect(freeBalance(s, ALICE)).toBe(1_000_000n - 139_915n)
    correctAndDepositFee(s, env, ALICE, 139_915n, 100_000n, 0n)
    expect(freeBalance(s, ALICE)).toBe(900_000n)
    expect(freeBalance(s, AUTHOR)).toBe(100_000n)
    expect(totalIssuance(s)).toBe(1_001_000n)
    expect(events(s).map((e) => [e.name, e.value])).toEqual([
      ['Balances.Withdraw', { who: ALICE, amount: 139_915n }],
      ['Balances.Deposit', { who: ALICE, amount: 39_915n }],
      ['System.NewAccount', { account: AUTHOR }],
      ['Balances.Endowed', { account: AUTHOR, free_balance: 100_000n }],
      ['Balances.Deposit', { who: AUTHOR, amount: 100_000n }],
      ['TransactionPayment.TransactionFeePaid', { who: ALICE, actual_fee: 100_000n, tip: 0n }],
    ])
  })

  it('burns the fee when there is no author, and when the author cannot receive it', () => {
    const { s, env } = setup(false)
    withdrawFee(s, env, ALICE, 1_000n, 0n)
    correctAndDepositFee(s, env, ALICE, 1_000n, 1_000n, 0n)
    expect(totalIssuance(s)).toBe(1_000_000n) // 1_001_000 − 1_000
    // a zero refund still deposits (Deposit of 0), as subtensor's handler does
    expect(events(s).map((e) => e.name)).toEqual(['Balances.Withdraw', 'Balances.Deposit', 'TransactionPayment.TransactionFeePaid'])

    const b = setup(true)
    withdrawFee(b.s, b.env, ALICE, 400n, 0n)
    correctAndDepositFee(b.s, b.env, ALICE, 400n, 400n, 0n)
    // 400 < ED: the author account cannot be created, so the credit is dropped
    expect(System.Account.contains(b.s, AUTHOR)).toBe(false)
    expect(totalIssuance(b.s)).toBe(1_001_000n - 400n)
  })

  it('pays whoever the Digest and Aura.Authorities name at the time, also when they change within a block', () => {
    const { s, env } = setup(true)
    const OTHER = acct(0xbb)
    const settle = (): void => { withdrawFee(s, env, ALICE, 1_000n, 0n); correctAndDepositFee(s, env, ALICE, 1_000n, 1_000n, 0n) }
    settle()
    expect(freeBalance(s, AUTHOR)).toBe(1_000n)
    // A new authority set (sudo's swap_authorities, say) takes effect for the next extrinsic's fee.
    Aura.Authorities.set(s, [OTHER])
    settle()
    expect(freeBalance(s, OTHER)).toBe(1_000n)
    // Two authorities: slot 5 → index 1; then a digest of slot 6 → index 0.
    Aura.Authorities.set(s, [AUTHOR, OTHER])
    settle()
    expect(freeBalance(s, OTHER)).toBe(2_000n)
    System.Digest.set(s, { logs: [{ type: 'PreRuntime', value: [new TextEncoder().encode('aura'), Uint8Array.from([6, 0, 0, 0, 0, 0, 0, 0])] }] })
    settle()
    expect(freeBalance(s, AUTHOR)).toBe(2_000n)
    // No pre-runtime digest: no author, the credit is dropped.
    System.Digest.set(s, { logs: [] })
    const issuance = totalIssuance(s)
    settle()
    expect(totalIssuance(s)).toBe(issuance - 1_000n)
    expect([freeBalance(s, AUTHOR), freeBalance(s, OTHER)]).toEqual([2_000n, 2_000n])
  })

  it('refuses a fee that would kill the payer, leaving state untouched', () => {
    const { s, env } = setup(true)
    const before = snapshot(s)
    // Bob has 1_000; Preserve keeps ED = 500, so at most 500 can be taken.
    expect(withdrawFee(s, env, BOB, 501n, 0n)).toBe(false)
    expect(snapshot(s)).toEqual(before)
    expect(withdrawFee(s, env, BOB, 500n, 0n)).toBe(true)
  })

  it('with nothing withdrawn only TransactionFeePaid is emitted', () => {
    const { s, env } = setup(true)
    expect(withdrawFee(s, env, ALICE, 0n, 0n)).toBe(true)
    correctAndDepositFee(s, env, ALICE, 0n, 0n, 0n)
    expect(events(s).map((e) => e.name)).toEqual(['TransactionPayment.TransactionFeePaid'])
  })

  it('genesis stores the multiplier and storage version; on_finalize keeps the multiplier at 1', () => {
    const s = newStore()
    transactionPaymentPallet().genesis!(s, {})
    expect(TransactionPayment.StorageVersion.get(s)).toEqual({ type: 'V2' })
    expect(TransactionPayment.NextFeeMultiplier.get(s)).toBe(10n ** 18n)
    TransactionPayment.NextFeeMultiplier.set(s, 5n)
    const env = startBlock(s)
    transactionPaymentPallet().hooks.onFinalize!({ s, env, blockNumber: 1 })
    expect(TransactionPayment.NextFeeMultiplier.get(s)).toBe(10n ** 18n)
  })
})
