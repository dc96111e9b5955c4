// The dev chain (genesis/dev.json): the localnet build (fast-runtime + pow-faucet), root and
// netuid 1 as macros/genesis.rs builds them, the spec's SubtensorModule section applied.
import { Keyring } from '@polkadot/keyring'
import { u8aToHex } from '@polkadot/util'
import { beforeAll, describe, expect, it } from 'vitest'
import { decode } from '../../../src/codec/scale.js'
import { u64 } from '../../../src/codec/types.js'
import { effectiveGenesisConfig, loadChainSpec, runtimeBuildOf } from '../../../src/node/chain-spec.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { Runtime } from '../../../src/runtime/runtime.js'

let runtime: Runtime
let genesis: Map<string, Uint8Array>
const WALLET = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y' // Charlie: already funded, raised to 10^15
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 })

beforeAll(async () => {
  const spec = loadChainSpec('dev')
  runtime = await Runtime.get(runtimeBuildOf(spec))
  const config = effectiveGenesisConfig(spec, { BT_DEFAULT_TOKEN_WALLET: keyring.addFromUri('//Wallet').address })
  genesis = runtime.buildGenesis(config)
})

type Readable<V> = { decl: { value: Parameters<typeof decode>[0]; fallback: Uint8Array } } & { key(...k: never[]): Uint8Array }
function read<V>(item: Readable<V>, ...keys: unknown[]): V {
  const raw = genesis.get(u8aToHex((item.key as (...k: unknown[]) => Uint8Array)(...keys)))
  return decode<V>(item.decl.value, raw ?? item.decl.fallback)
}
const present = (item: { key(...k: never[]): Uint8Array }, ...keys: unknown[]): boolean =>
  genesis.has(u8aToHex((item.key as (...k: unknown[]) => Uint8Array)(...keys)))

describe('dev chain: localnet build', () => {
  it('runs 250 ms Aura slots (MinimumPeriod 125) and the chain spec says so', () => {
    expect(runtime.build).toEqual({ features: ['fast-runtime', 'pow-faucet'], registration: 'classic', drandBeaconKey: expect.stringMatching(/^0x[0-9a-f]{64}$/) })
    expect(runtime.slotDurationMs).toBe(250)
    const c = (p: string, n: string) => decode<bigint>(u64, runtime.pallets.find((x) => x.name === p)!.constants.find((x) => x.name === n)!.value)
    expect(c('Aura', 'SlotDuration')).toBe(250n)
    expect(c('Timestamp', 'MinimumPeriod')).toBe(125n)
  })

  it('has the fast-runtime values and the pow-faucet call', () => {
    const st = runtime.pallets.find((p) => p.name === 'SubtensorModule')!
    expect(st.calls.find((c) => c.name === 'faucet')?.index).toBe(60)
    // DefaultTempo = InitialTempo = prod_or_fast!(360, 10)
    expect(read<number>(S.Tempo as never, 77)).toBe(10)
    expect(read<bigint>(S.NetworkRateLimit as never)).toBe(0n)
    expect(read<number>(S.MaxEpochsPerBlock as never)).toBe(32)
    expect(read<bigint>(S.PendingChildKeyCooldown as never)).toBe(15n)
  })
})

describe('dev chain genesis (macros/genesis.rs)', () => {
  const zero = new Uint8Array(32)
  it('creates root, owned by Alice with hotkey //Alice_hk under fast-runtime', () => {
    expect(read<boolean>(S.NetworksAdded as never, 0)).toBe(true)
    expect(read<number>(S.TotalNetworks as never)).toBe(2)
    expect(u8aToHex(read<Uint8Array>(S.SubnetOwner as never, 0))).toBe(u8aToHex(keyring.addFromUri('//Alice').publicKey))
    expect(u8aToHex(read<Uint8Array>(S.SubnetOwnerHotkey as never, 0))).toBe(u8aToHex(keyring.addFromUri('//Alice_hk').publicKey))
    expect(read<number>(S.MaxAllowedUids as never, 0)).toBe(64)
    expect(read<number>(S.Tempo as never, 0)).toBe(100)
    expect(read<number>(S.TargetRegistrationsPerInterval as never, 0)).toBe(1)
    expect(u8aToHex(read<Uint8Array>(S.TokenSymbol as never, 0))).toBe('0xcea4')
  })

  it('creates netuid 1 with its pool and the all-zero neuron at uid 0', () => {
    expect(read<number>(S.SubnetMechanism as never, 1)).toBe(1)
    expect(read<bigint>(S.SubnetTAO as never, 1)).toBe(10_000_000_000n)
    expect(read<bigint>(S.SubnetAlphaIn as never, 1)).toBe(10_000_000_000n)
    expect(read<bigint>(S.SubnetAlphaOut as never, 1)).toBe(1_000_000_000n)
    expect(read<bigint>(S.SubnetLocked as never, 1)).toBe(1n)
    expect(read<number>(S.SubnetworkN as never, 1)).toBe(1)
    expect(read<number>(S.MaxAllowedUids as never, 1)).toBe(256)
    expect(read<number>(S.MinAllowedWeights as never, 1)).toBe(0)
    expect(u8aToHex(read<Uint8Array>(S.Keys as never, 1, 0))).toBe(u8aToHex(zero))
    expect(read<number | null>(S.Uids as never, 1, zero)).toBe(0)
    expect(read<boolean>(S.IsNetworkMember as never, zero, 1)).toBe(true)
    expect(read<bigint[]>(S.LastUpdate as never, 1)).toEqual([0n])
    expect(read<boolean[]>(S.Active as never, 1)).toEqual([true])
    expect(read<bigint>(S.TotalHotkeyAlpha as never, zero, 1)).toBe(1_000_000_000n)
    // SafeFloat::from(10^9): mantissa normalised into (10^20, 10^21]
    expect(read<{ mantissa: bigint; exponent: bigint }>(S.AlphaV2 as never, zero, zero, 1)).toEqual({ mantissa: 10n ** 21n, exponent: -12n })
    expect(u8aToHex(read<Uint8Array>(S.TokenSymbol as never, 1))).toBe('0xceb1') // α
    expect(present(S.NetworksAdded as never, 2)).toBe(false)
  })

  it('applies the spec section (admin-friendly globals) and funds BT_DEFAULT_TOKEN_WALLET', () => {
    expect(read<number>(S.AdminFreezeWindow as never)).toBe(0)
    expect(present(S.StartCallDelay as never)).toBe(true)
    const wallet = keyring.addFromUri('//Wallet').publicKey
    // System.Account(wallet): twox128("System") ++ twox128("Account") ++ blake2_128(wallet) ++ wallet
    const found = [...genesis.entries()].find(([k]) => k.endsWith(u8aToHex(wallet).slice(2)) && k.startsWith('0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9'))
    expect(found).toBeDefined()
    // AccountInfo: nonce, consumers, providers, sufficients (4 × u32), then free (u64)
    expect(decode<bigint>(u64, found![1].subarray(16, 24))).toBe(1_000_000_000_000_000n)
  })
})
