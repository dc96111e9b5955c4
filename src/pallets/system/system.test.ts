import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto'
import { describe, expect, it } from 'vitest'
import { decode } from '../../codec/scale.js'
import { u32 } from '../../codec/types.js'
import { RuntimeVersionTy } from '../../frame/version.js'
import {
  acct, callHandler, errorOf, eventNames, events, failsUntouched, moduleError, newStore, ROOT, signed, startBlock, TEST_VERSION,
} from '../test-utils.js'
import {
  accountExists, BLOCK_LENGTH, BLOCK_WEIGHTS, blockHash, decProviders, depositEvent, EXTRINSIC_INDEX_KEY, finalize,
  genesis, HASH69, HEAP_PAGES_KEY, incConsumers, incNonce, incProviders, initialize, INTRABLOCK_ENTROPY_KEY, noteWeight, reclaimWeight, validateWeight,
  noteAppliedExtrinsic, noteExtrinsic, noteFinishedExtrinsics, noteFinishedInitialize, RuntimePanic, setRuntimeVersion,
  System, SystemErrors, SystemEvents, systemPallet,
} from './index.js'
import { BlockWeightsTy } from './types.js'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const h = (x: string): Uint8Array => Uint8Array.from(Buffer.from(x, 'hex'))

describe('System genesis', () => {
  it('stores the 0x45 placeholders, the runtime version and the ref-count flags', () => {
    const s = newStore()
    genesis(s)
    // Key from subtensor-surface.md §1.6 (checked there against the raw testnet spec).
    expect(hex(System.BlockHash.key(0))).toBe('26aa394eea5630e07c48ae0c9558cef7a44704b568d21667356a5a050c118746b4def25cfda6ef3a00000000')
    expect(hex(s.get(System.BlockHash.key(0))!)).toBe('45'.repeat(32))
    expect(hex(System.ParentHash.get(s))).toBe('45'.repeat(32))
    // LastRuntimeUpgradeInfo { spec_version: Compact(425) = 425·4+1 = 0x06a5 LE → a5 06, spec_name: "node-subtensor" (14 → 0x38) }
    expect(hex(s.get(System.LastRuntimeUpgrade.key())!)).toBe('a506' + '38' + hex(new TextEncoder().encode('node-subtensor')))
    expect(System.UpgradedToU32RefCount.get(s)).toBe(true)
    expect(System.UpgradedToTripleRefCount.get(s)).toBe(true)
    expect(hex(s.get(EXTRINSIC_INDEX_KEY)!)).toBe('00000000')
  })

  it('defaults an absent account to zero balances with the new-logic flag (56 bytes)', () => {
    const fb = systemPallet().storage.find((x) => x.name === 'Account')!.fallback
    // nonce, consumers, providers, sufficients (4×u32), free/reserved/frozen (3×u64), flags u128 = 1 << 127
    expect(hex(fb)).toBe('00'.repeat(16) + '00'.repeat(24) + '00'.repeat(15) + '80')
  })
})

describe('System constants', () => {
  it('BlockWeights follow with_sensible_defaults(4 s, 75 %)', () => {
    const w = decode<typeof BLOCK_WEIGHTS>(BlockWeightsTy, systemPallet().constants.find((c) => c.name === 'BlockWeights')!.value)
    const u64max = 18446744073709551615n
    expect(w.base_block).toEqual({ ref_time: 414_528_000n, proof_size: 0n })
    expect(w.max_block).toEqual({ ref_time: 4_000_000_000_000n, proof_size: u64max })
    // normal max_total = 75 % of (4e12, u64::MAX): 3e12 and 0.75·u64::MAX = 13835058055282163711.25 → …711
    expect(w.per_class.normal.max_total).toEqual({ ref_time: 3_000_000_000_000n, proof_size: 13835058055282163711n })
    // 10 % init = (4e11, 1844674407370955161.5 → ties down → …161); normal max_extrinsic =
    // 3e12 − 4e11 − 115_480_000 = 2_599_884_520_000; proof 13835058055282163711 − 1844674407370955161
    expect(w.per_class.normal.max_extrinsic).toEqual({ ref_time: 2_599_884_520_000n, proof_size: 11990383647911208550n })
    expect(w.per_class.normal.reserved).toEqual({ ref_time: 0n, proof_size: 0n })
    // operational: reserved = max − normal = (1e12, u64::MAX − 13835058055282163711 = 4611686018427387904)
    expect(w.per_class.operational.reserved).toEqual({ ref_time: 1_000_000_000_000n, proof_size: 4611686018427387904n })
    expect(w.per_class.operational.max_extrinsic).toEqual({ ref_time: 3_599_884_520_000n, proof_size: u64max - 1844674407370955161n })
    expect(w.per_class.mandatory).toEqual({ base_extrinsic: { ref_time: 115_480_000n, proof_size: 0n }, max_extrinsic: null, max_total: null, reserved: null })
  })

  it('BlockLength is 10 MiB with 75 % for Normal, and the rest of the constants', () => {
    expect(BLOCK_LENGTH.max).toEqual({ normal: 7_864_320, operational: 10_485_760, mandatory: 10_485_760 })
    const c = (n: string) => hex(systemPallet().constants.find((x) => x.name === n)!.value)
    expect(c('BlockHashCount')).toBe('60090000') // 2400 = 0x0960
    expect(c('SS58Prefix')).toBe('2a00')
    // RocksDbWeight: read 25_000_000 = 0x017d7840, write 100_000_000 = 0x05f5e100
    expect(c('DbWeight')).toBe('40787d0100000000' + '00e1f50500000000')
  })

  it('Version reports the version set by setRuntimeVersion', () => {
    setRuntimeVersion({ ...TEST_VERSION, apis: [[h('df6acb689907609b'), 5]] })
    const v = decode<{ spec_name: string; spec_version: number; apis: [Uint8Array, number][] }>(RuntimeVersionTy,
      systemPallet().constants.find((x) => x.name === 'Version')!.value)
    expect(v.spec_name).toBe('node-subtensor')
    expect(v.spec_version).toBe(425)
    expect(v.apis.map(([id, n]) => [hex(id), n])).toEqual([['df6acb689907609b', 5]])
  })
})

describe('System block lifecycle', () => {
  it('initialize sets the environment and refuses a non-consecutive number', () => {
    const s = newStore()
    genesis(s)
    const parent = acct(7)
    const digest = [{ type: 'PreRuntime' as const, value: [new TextEncoder().encode('aura'), h('0100000000000000')] as [Uint8Array, Uint8Array] }]
    initialize(s, 1, parent, digest)
    expect(System.Number.get(s)).toBe(1)
    expect(hex(blockHash(s, 0)!)).toBe(hex(parent))
    expect(System.Digest.get(s).logs).toEqual(digest)
    expect(System.ExecutionPhase.get(s)).toEqual({ type: 'Initialization' })
    // entropy = blake2_256(b"frame_system::initialize" ++ parent_hash)
    const expected = blake2AsU8a(Uint8Array.from([...new TextEncoder().encode('frame_system::initialize'), ...parent]), 256)
    expect(hex(s.get(INTRABLOCK_ENTROPY_KEY)!)).toBe(hex(expected))
    expect(() => initialize(s, 3, parent, [])).toThrow(RuntimePanic)
  })

  it('records events with the phase, counts them and indexes topics', () => {
    const s = newStore()
    depositEvent(s, SystemEvents.NewAccount.encode({ account: acct(1) }))
    expect(System.EventCount.get(s)).toBe(0) // nothing at block 0
    initialize(s, 1, acct(0), [])
    depositEvent(s, SystemEvents.NewAccount.encode({ account: acct(1) }))
    noteFinishedInitialize(s)
    const topic = acct(9)
    depositEvent(s, SystemEvents.KilledAccount.encode({ account: acct(1) }), [topic])
    const ev = events(s)
    expect(ev.map((e) => [e.name, e.phase])).toEqual([
      ['System.NewAccount', { type: 'Initialization' }],
      ['System.KilledAccount', { type: 'ApplyExtrinsic', value: 0 }],
    ])
    expect(System.EventCount.get(s)).toBe(2)
    expect(System.EventTopics.get(s, topic)).toEqual([[1, 1]])
  })

  it('notes applied extrinsics with the actual weight plus the base extrinsic weight', () => {
    const s = newStore()
    initialize(s, 1, acct(0), [])
    noteFinishedInitialize(s)
    noteExtrinsic(s, h('aa'))
    const w = { ref_time: 1_000_000n, proof_size: 10n }
    noteAppliedExtrinsic(s, { ok: true, post: {} }, { weight: w, class: 'Normal', paysFee: 'Yes', actualWeight: { ref_time: 400n, proof_size: 50n } })
    noteExtrinsic(s, h('bbcc'))
    noteAppliedExtrinsic(s, { ok: false, error: SystemErrors.CallFiltered(), post: { paysFee: 'No' } }, { weight: w, class: 'Operational', paysFee: 'Yes' })
    const ev = events(s)
    // actual = min(400, 1_000_000) + 115_480_000; proof min(50, 10) = 10
    expect(ev[0]).toEqual({
      name: 'System.ExtrinsicSuccess', phase: { type: 'ApplyExtrinsic', value: 0 },
      value: { dispatch_info: { weight: { ref_time: 115_480_400n, proof_size: 10n }, class: { type: 'Normal' }, pays_fee: { type: 'Yes' } } },
    })
    expect(ev[1]).toEqual({
      name: 'System.ExtrinsicFailed', phase: { type: 'ApplyExtrinsic', value: 1 },
      value: {
        dispatch_error: moduleError(0, 5),
        dispatch_info: { weight: { ref_time: 116_480_000n, proof_size: 10n }, class: { type: 'Operational' }, pays_fee: { type: 'No' } },
      },
    })
    expect(decode(u32, s.get(EXTRINSIC_INDEX_KEY)!)).toBe(2)
    noteFinishedExtrinsics(s)
    expect(s.get(EXTRINSIC_INDEX_KEY)).toBeNull()
    expect(System.ExtrinsicCount.get(s)).toBe(2)
    expect(System.ExecutionPhase.get(s)).toEqual({ type: 'Finalization' })
    const done = finalize(s)
    expect(done.number).toBe(1)
    expect(done.extrinsics.map(hex)).toEqual(['aa', 'bbcc'])
    expect(System.ExtrinsicCount.get(s)).toBeNull()
    expect(System.ExtrinsicData.contains(s, 0)).toBe(false)
    expect(System.ExecutionPhase.get(s)).toBeNull()
    expect(eventNames(s)).toEqual(['System.ExtrinsicSuccess', 'System.ExtrinsicFailed']) // kept for clients
  })

  it('prunes BlockHash(n − 2401) at finalize but always keeps block 0', () => {
    const s = newStore()
    genesis(s)
    System.BlockHash.set(s, 1, acct(1))
    System.BlockHash.set(s, 2, acct(2))
    // Block 2401: to_remove = 2401 − 2400 − 1 = 0 → genesis entry kept.
    System.Number.set(s, 2400)
    initialize(s, 2401, acct(0xa0), [])
    finalize(s)
    expect(blockHash(s, 0)).not.toBeNull()
    expect(blockHash(s, 1)).not.toBeNull()
    // Block 2402: to_remove = 1.
    initialize(s, 2402, acct(0xa1), [])
    finalize(s)
    expect(blockHash(s, 1)).toBeNull()
    expect(blockHash(s, 2)).not.toBeNull()
    expect(hex(blockHash(s, 2401)!)).toBe(hex(acct(0xa1)))
    // Block 2403 removes 2.
    initialize(s, 2403, acct(0xa2), [])
    finalize(s)
    expect(blockHash(s, 2)).toBeNull()
    expect(hex(blockHash(s, 0)!)).toBe(hex(HASH69))
  })
})

describe('System accounts', () => {
  it('creates on the first provider and reaps on the last', () => {
    const s = newStore()
    const env = startBlock(s)
    expect(incProviders(s, env, acct(1))).toBe('Created')
    expect(incProviders(s, env, acct(1))).toBe('Existed')
    expect(decProviders(s, env, acct(1))).toBe('Exists')
    expect(decProviders(s, env, acct(1))).toBe('Reaped')
    expect(accountExists(s, acct(1))).toBe(false)
    expect(eventNames(s)).toEqual(['System.NewAccount', 'System.KilledAccount'])
  })

  it('refuses consumers without a provider, and the last provider while consumers remain', () => {
    const s = newStore()
    const env = startBlock(s)
    expect(errorOf(failsUntouched(s, () => incConsumers(s, acct(2))))).toEqual({ type: 'NoProviders' })
    incProviders(s, env, acct(2))
    for (let i = 0; i < 16; i++) incConsumers(s, acct(2))
    expect(errorOf(failsUntouched(s, () => incConsumers(s, acct(2))))).toEqual({ type: 'TooManyConsumers' })
    expect(errorOf(failsUntouched(s, () => decProviders(s, env, acct(2))))).toEqual({ type: 'ConsumerRemaining' })
  })

  it('bumps the nonce as a mutate of AccountInfo would store it: stored, absent, and at u32::MAX', () => {
    const s = newStore()
    const env = startBlock(s)
    incProviders(s, env, acct(3))
    System.Account.mutate(s, acct(3), (a) => ({ ...a, nonce: 41, consumers: 2, data: { ...a.data, free: 12_345n, frozen: 7n } }))
    System.Account.mutate(s, acct(5), (a) => ({ ...a, nonce: 0xffffffff, providers: 1 }))
    for (const who of [acct(3), acct(4), acct(5)]) {
      const expected = newStore()
      const before = System.Account.get(s, who)
      System.Account.set(expected, who, { ...before, nonce: (before.nonce + 1) >>> 0 })
      incNonce(s, who)
      expect(hex(s.get(System.Account.key(who))!)).toBe(hex(expected.get(System.Account.key(who))!))
    }
    expect(System.Account.get(s, acct(3)).nonce).toBe(42)
    expect(System.Account.get(s, acct(4)).nonce).toBe(1)
    expect(System.Account.get(s, acct(5)).nonce).toBe(0)
  })
})

describe('System calls', () => {
  it('set_storage / kill_storage / kill_prefix need Root', () => {
    const s = newStore()
    const env = startBlock(s)
    const items = [[h('0a01'), h('01')], [h('0a02'), h('02')], [h('0b'), h('03')]]
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'System', 'set_storage', signed(acct(1)), { items })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'System', 'set_storage', ROOT, { items })
    expect(hex(s.get(h('0a02'))!)).toBe('02')
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'System', 'kill_storage', signed(acct(1)), { keys: [h('0b')] })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'System', 'kill_storage', ROOT, { keys: [h('0b')] })
    expect(s.get(h('0b'))).toBeNull()
    callHandler(env, 'System', 'kill_prefix', ROOT, { prefix: h('0a'), subkeys: 2 })
    expect(s.get(h('0a01'))).toBeNull()
    expect(s.get(h('0a02'))).toBeNull()
  })

  it('remark_with_event emits the blake2-256 hash of the remark; set_heap_pages logs an environment update', () => {
    const s = newStore()
    const env = startBlock(s)
    const remark = new TextEncoder().encode('hello')
    callHandler(env, 'System', 'remark', { kind: 'None' }, { remark })
    callHandler(env, 'System', 'remark_with_event', signed(acct(3)), { remark })
    expect(events(s)).toEqual([{ name: 'System.Remarked', phase: { type: 'ApplyExtrinsic', value: 0 }, value: { sender: acct(3), hash: blake2AsU8a(remark, 256) } }])
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'System', 'set_heap_pages', signed(acct(3)), { pages: 8n })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'System', 'set_heap_pages', ROOT, { pages: 8n })
    expect(hex(s.get(HEAP_PAGES_KEY)!)).toBe('0800000000000000')
    expect(System.Digest.get(s).logs).toEqual([{ type: 'RuntimeEnvironmentUpdated' }])
  })

  it('authorize_upgrade stores the authorization (Root only)', () => {
    const s = newStore()
    const env = startBlock(s)
    const codeHash = acct(0xcc)
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'System', 'authorize_upgrade', signed(acct(1)), { code_hash: codeHash })))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'System', 'authorize_upgrade_without_checks', ROOT, { code_hash: codeHash })
    expect(System.AuthorizedUpgrade.get(s)).toEqual({ code_hash: codeHash, check_version: false })
    expect(eventNames(s)).toEqual(['System.UpgradeAuthorized'])
  })

  it('storage prefix of System.Account is twox128("System") ++ twox128("Account")', () => {
    const p = System.Account.prefix
    expect(hex(p)).toBe(hex(xxhashAsU8a('System', 128)) + hex(xxhashAsU8a('Account', 128)))
  })
})

describe('CheckWeight', () => {
  const info = (ref: bigint, cls: 'Normal' | 'Operational' | 'Mandatory' = 'Normal') =>
    ({ weight: { ref_time: ref, proof_size: 0n }, class: cls, paysFee: 'Yes' as const })

  it('accounts weight (plus base extrinsic and length as proof size) and length', () => {
    const s = newStore()
    startBlock(s)
    expect(noteWeight(s, info(1_000_000n), 100)).toBe(true)
    expect(System.BlockWeight.get(s).normal).toEqual({ ref_time: 116_480_000n, proof_size: 100n })
    expect(System.AllExtrinsicsLen.get(s)).toBe(100)
  })

  it('refuses what would exceed the Normal limits, without writing', () => {
    const s = newStore()
    startBlock(s)
    // max_extrinsic(Normal) = 2_599_884_520_000 exactly fits; + base = 2.6e12 ≤ 3e12
    expect(noteWeight(s, info(2_599_884_520_000n), 0)).toBe(true)
    expect(noteWeight(s, info(2_599_884_520_001n), 0)).toBe(false) // over max_extrinsic
    const before = System.BlockWeight.get(s)
    expect(noteWeight(s, info(400_000_000_000n), 0)).toBe(false) // 2.6e12 + 4.0012e11 > 3e12
    expect(System.BlockWeight.get(s)).toEqual(before)
    // Operational still fits next to it (its own max_total is 4e12, total stays ≤ max_block)
    expect(noteWeight(s, info(900_000_000_000n, 'Operational'), 0)).toBe(true)
    // …but not once the block total exceeds max_block beyond the 1e12 reserve
    expect(noteWeight(s, info(600_000_000_000n, 'Operational'), 0)).toBe(false)
    expect(noteWeight(s, info(10_000_000_000_000n, 'Mandatory'), 0)).toBe(true) // unlimited
    expect(validateWeight(s, info(1n), 7_864_321)).toBe(false) // Normal block length 7_864_320
    expect(validateWeight(s, info(1n, 'Operational'), 7_864_321)).toBe(true)
  })

  it('reclaims unspent weight once', () => {
    const s = newStore()
    startBlock(s)
    const i = info(1_000_000n)
    noteWeight(s, i, 0)
    reclaimWeight(s, i, { actualWeight: { ref_time: 400_000n, proof_size: 0n } })
    expect(System.BlockWeight.get(s).normal.ref_time).toBe(115_480_000n + 400_000n)
    reclaimWeight(s, i, { actualWeight: { ref_time: 400_000n, proof_size: 0n } })
    expect(System.BlockWeight.get(s).normal.ref_time).toBe(115_480_000n + 400_000n)
  })
})
