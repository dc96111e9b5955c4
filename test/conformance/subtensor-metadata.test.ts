// SubtensorModule and AdminUtils at spec 425, as @polkadot/types decodes them from our V14/V15
// metadata, against the reference notes (subtensor-surface.md §2.2–2.6, §5.1): call indices,
// names and argument names, event and error indices, storage hashers and defaults.
import { readFileSync } from 'node:fs'
import { u8aToHex } from '@polkadot/util'
import { beforeAll, describe, expect, it } from 'vitest'
import { load, type Loaded } from '../../src/runtime/metadata/test-helpers.js'
import { Runtime } from '../../src/runtime/runtime.js'

interface Surface {
  subtensorCalls: [number, string, string[]][]
  subtensorEvents: [number, string][]
  subtensorErrors: [number, string][]
  adminUtilsCalls: [number, string, string[]][]
}
const surface = JSON.parse(readFileSync(new URL('./fixtures/subtensor-surface-425.json', import.meta.url), 'utf8')) as Surface

const loaded: Record<14 | 15, Loaded> = {} as Record<14 | 15, Loaded>
beforeAll(async () => {
  const runtime = await Runtime.get()
  loaded[14] = load(runtime.metadata(14)!)
  loaded[15] = load(runtime.metadata(15)!)
})

const le = (n: bigint, bytes: number): string => '0x' + Array.from({ length: bytes }, (_, i) => ((n >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join('')

describe.each([14, 15] as const)('SubtensorModule and AdminUtils in metadata V%i', (version) => {
  const pallet = (name: string) => loaded[version].metadata.asLatest.pallets.find((p) => p.name.toString() === name)!
  const variants = (typeId: number) => loaded[version].registry.lookup.getSiType(typeId).def.asVariant.variants
    .map((v) => [v.index.toNumber(), v.name.toString(), v.fields.map((f) => (f.name.isSome ? f.name.unwrap().toString() : ''))] as [number, string, string[]])

  it('lists every SubtensorModule call with its index and argument names (faucet only in pow-faucet builds)', () => {
    const calls = variants(pallet('SubtensorModule').calls.unwrap().type.toNumber())
    expect(calls).toEqual(surface.subtensorCalls.filter(([, name]) => name !== 'faucet'))
    expect(calls.length).toBe(78)
  })

  it('lists every event and error at its index', () => {
    const events = variants(pallet('SubtensorModule').events.unwrap().type.toNumber()).map(([i, n]) => [i, n])
    expect(events).toEqual(surface.subtensorEvents)
    const errors = variants(pallet('SubtensorModule').errors.unwrap().type.toNumber()).map(([i, n]) => [i, n])
    expect(errors).toEqual(surface.subtensorErrors)
    expect(errors.length).toBe(147)
  })

  it('lists every AdminUtils call', () => {
    expect(variants(pallet('AdminUtils').calls.unwrap().type.toNumber())).toEqual(surface.adminUtilsCalls)
  })

  it('storage items carry the hashers and defaults of the notes (mainnet build)', () => {
    const items = new Map(pallet('SubtensorModule').storage.unwrap().items.map((i) => [i.name.toString(), i]))
    const hashers = (name: string): string[] => {
      const t = items.get(name)!.type
      return t.isMap ? t.asMap.hashers.map((h) => h.toString()) : []
    }
    const fallback = (name: string): string => u8aToHex(items.get(name)!.fallback)
    const modifier = (name: string): string => items.get(name)!.modifier.toString()
    // §2.3, subnet registration parameters (ID NetUid) and their defaults
    const u64s: [string, bigint][] = [
      ['Difficulty', 10_000_000n], ['MinDifficulty', 10_000_000n], ['MaxDifficulty', (2n ** 64n - 1n) / 4n],
      ['Burn', 100_000_000n], ['MinBurn', 500_000n], ['MaxBurn', 100_000_000_000n], ['AdjustmentAlpha', 0n],
      ['LastAdjustmentBlock', 0n], ['RAORecycledForRegistration', 0n], ['WeightsSetRateLimit', 100n], ['ServingRateLimit', 50n],
      ['BondsMovingAverage', 900_000n], ['ValidatorPruneLen', 1n],
    ]
    for (const [name, v] of u64s) {
      expect(hashers(name), name).toEqual(['Identity'])
      expect(fallback(name), name).toBe(le(v, 8))
    }
    const u16s: [string, number][] = [
      ['AdjustmentInterval', 100], ['TargetRegistrationsPerInterval', 2], ['RegistrationsThisInterval', 0],
      ['POWRegistrationsThisInterval', 0], ['BurnRegistrationsThisInterval', 0], ['RegistrationsThisBlock', 0],
      ['MaxRegistrationsPerBlock', 1], ['ImmunityPeriod', 4096], ['MaxAllowedUids', 256], ['MinAllowedUids', 64],
      ['MinNonImmuneUids', 10], ['ImmuneOwnerUidsLimit', 1], ['SubnetworkN', 0], ['Tempo', 360], ['Kappa', 32_767],
      ['Rho', 10], ['BondsPenalty', 65_535], ['MaxAllowedValidators', 128], ['MinAllowedWeights', 1024],
      ['MaxWeightsLimit', 65_535], ['BurnHalfLife', 360], ['ScalingLawPower', 50], ['ActivityCutoff', 5000],
    ]
    for (const [name, v] of u16s) {
      expect(hashers(name), name).toEqual(['Identity'])
      expect(fallback(name), name).toBe(le(BigInt(v), 2))
    }
    for (const [name, v] of [['NetworkRegistrationAllowed', true], ['NetworkPowRegistrationAllowed', true], ['CommitRevealWeightsEnabled', true], ['BondsResetOn', false]] as const) {
      expect(hashers(name), name).toEqual(['Identity'])
      expect(fallback(name), name).toBe(v ? '0x01' : '0x00')
    }
    // raw bits of U64F64::from_num(1.26)
    expect(fallback('BurnIncreaseMult')).toBe(le(23_242_897_532_874_035_200n, 16))
    expect(hashers('LiquidAlphaOn')).toEqual(['Blake2_128Concat'])
    expect(hashers('Yuma3On')).toEqual(['Blake2_128Concat'])
    expect(hashers('RevealPeriodEpochs')).toEqual(['Twox64Concat'])
    expect(fallback('RevealPeriodEpochs')).toBe(le(1n, 8))
    expect(fallback('AlphaValues')).toBe(le(45_875n, 2) + le(58_982n, 2).slice(2))
    // neuron state
    expect(hashers('Uids')).toEqual(['Identity', 'Blake2_128Concat'])
    expect(modifier('Uids')).toBe('Optional')
    expect(hashers('Keys')).toEqual(['Identity', 'Identity'])
    expect(fallback('Keys')).toBe('0x' + '00'.repeat(32))
    expect(hashers('IsNetworkMember')).toEqual(['Blake2_128Concat', 'Identity'])
    expect(hashers('BlockAtRegistration')).toEqual(['Identity', 'Identity'])
    for (const name of ['Axons', 'NeuronCertificates', 'Prometheus']) {
      expect(hashers(name), name).toEqual(['Identity', 'Blake2_128Concat'])
      expect(modifier(name), name).toBe('Optional')
    }
    expect(hashers('Weights')).toEqual(['Identity', 'Identity'])
    expect(hashers('AssociatedEvmAddress')).toEqual(['Twox64Concat', 'Twox64Concat'])
    // accounts, stake, commit-reveal, rate limits
    expect(hashers('Owner')).toEqual(['Blake2_128Concat'])
    expect(hashers('Delegates')).toEqual(['Blake2_128Concat'])
    expect(fallback('Delegates')).toBe(le(11_796n, 2))
    expect(hashers('Alpha')).toEqual(['Blake2_128Concat', 'Blake2_128Concat', 'Identity'])
    expect(hashers('TransactionKeyLastBlock')).toEqual(['Blake2_128Concat', 'Identity', 'Identity'])
    expect(hashers('LastRateLimitedBlock')).toEqual(['Identity'])
    expect(hashers('UsedWork')).toEqual(['Identity'])
    expect(hashers('WeightCommits')).toEqual(['Twox64Concat', 'Twox64Concat'])
    expect(modifier('WeightCommits')).toBe('Optional')
    expect(hashers('PendingChildKeys')).toEqual(['Identity', 'Blake2_128Concat'])
    expect(hashers('SubnetIdentitiesV3')).toEqual(['Blake2_128Concat'])
    // globals
    expect(fallback('TokenSymbol')).toBe('0x10f09d9c8f')
    expect(fallback('SubnetLimit')).toBe(le(128n, 2))
    expect(fallback('NetworkMinLockCost')).toBe(le(1_000_000_000_000n, 8))
    expect(fallback('NetworkLastLockCost')).toBe(le(1_000_000_000_000n, 8))
    expect(fallback('NetworkLockReductionInterval')).toBe(le(100_800n, 8))
    expect(fallback('NetworkRateLimit')).toBe(le(7200n, 8))
    expect(fallback('NetworkImmunityPeriod')).toBe(le(1_296_000n, 8))
    expect(fallback('SubnetOwnerCut')).toBe(le(11_796n, 2))
    expect(fallback('AdminFreezeWindow')).toBe(le(10n, 2))
    expect(fallback('OwnerHyperparamRateLimit')).toBe(le(2n, 2))
    expect(fallback('WeightsVersionKeyRateLimit')).toBe(le(5n, 8))
    expect(fallback('CommitRevealWeightsVersion')).toBe(le(4n, 2))
    expect(fallback('TxRateLimit')).toBe(le(1000n, 8))
    expect(fallback('TxDelegateTakeRateLimit')).toBe(le(216_000n, 8))
    expect(fallback('BlockEmission')).toBe(le(1_000_000_000n, 8))
    expect(fallback('MinActivityCutoff')).toBe(le(360n, 2))
    expect(fallback('MechanismCountCurrent')).toBe('0x01')
    expect(fallback('EMAPriceHalvingBlocks')).toBe(le(201_600n, 8))
    expect(hashers('MechanismCountCurrent')).toEqual(['Twox64Concat'])
    expect(items.size).toBe(222)
  })
})
