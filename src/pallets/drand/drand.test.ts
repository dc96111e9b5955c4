import { describe, expect, it } from 'vitest'
import { acct, callHandler, errorOf, events, failsUntouched, moduleError, newStore, NONE, ROOT, signed, startBlock } from '../test-utils.js'
import { genesis as systemGenesis } from '../system/index.js'
import { Timestamp } from '../timestamp/index.js'
import { allPallets } from '../index.js'
import {
  configureDrandBeacon, drandPallet, DrandStorage as D, localBeaconConfig, publicKeyOf, QUICKNET, QUICKNET_CONFIG,
  randomnessOf, roundAt, verifyRound,
} from './index.js'

const DRAND = 26
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
// Quicknet round 1000 as api.drand.sh serves it: the DRAND_PULSE constant of subtensor's
// pallets/drand/src/tests.rs (HEAD 14bc6f9), also in ideal-lab5/timelock's examples.
const ROUND_1000 = {
  round: 1000n,
  randomness: hex('fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd'),
  signature: hex('b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39'),
}
// tests.rs `it_rejects_invalid_pulse_due_to_bad_signature`: bytes that are no G1 point (PulseVerificationError there).
const BAD_1000 = {
  round: 1000n,
  randomness: hex('87f03ef5f62885390defedf60d5b8132b4dc2115b1efc6e99d166a37ab2f3a02'),
  signature: hex('b0a8b04e009cf72534321aca0f50048da596a3feec1172a0244d9a4a623a3123d0402da79854d4c705e94bc73224c341'),
}
const payload = (pulses: unknown[]) => ({ pulses_payload: { block_number: 1, pulses, public: { type: 'Sr25519', value: acct(1) } }, _signature: null })

function setup() {
  const s = newStore()
  systemGenesis(s)
  drandPallet().genesis!(s, {})
  return { s, env: startBlock(s) }
}

describe('Drand pallet', () => {
  it('is declared at index 26 with the storage, calls and events of HEAD', () => {
    const p = allPallets().find((x) => x.name === 'Drand')!
    expect(p.index).toBe(DRAND)
    expect(p.storage.map((i) => i.name)).toEqual(['BeaconConfig', 'HasMigrationRun', 'Pulses', 'LastStoredRound', 'OldestStoredRound', 'NextUnsignedAt'])
    expect(p.calls.map((c) => [c.index, c.name])).toEqual([[0, 'write_pulse'], [1, 'set_beacon_config'], [2, 'set_oldest_stored_round']])
    expect(p.events.map((e) => e.name)).toEqual(['BeaconConfigChanged', 'NewPulse', 'SetOldestStoredRound'])
  })

  it('defaults BeaconConfig to quicknet, whose published pulse verifies', () => {
    const { s } = setup()
    expect(D.BeaconConfig.get(s)).toEqual(QUICKNET_CONFIG)
    expect(verifyRound(QUICKNET.publicKey, 1000n, ROUND_1000.signature)).toBe(true)
    expect(verifyRound(QUICKNET.publicKey, 1001n, ROUND_1000.signature)).toBe(false)
    expect(randomnessOf(ROUND_1000.signature)).toEqual(ROUND_1000.randomness)
  })

  it('write_pulse stores a verified pulse, sets both round bounds and emits NewPulse', () => {
    const { s, env } = setup()
    callHandler(env, 'Drand', 'write_pulse', NONE, payload([ROUND_1000]))
    expect(D.Pulses.get(s, 1000n)).toEqual(ROUND_1000)
    expect(D.LastStoredRound.get(s)).toBe(1000n)
    expect(D.OldestStoredRound.get(s)).toBe(1000n)
    expect(D.NextUnsignedAt.get(s)).toBe(1)
    expect(events(s).at(-1)).toMatchObject({ name: 'Drand.NewPulse', value: { rounds: [1000n] } })
    // the same round again: InvalidRoundNumber (error 4), nothing changes
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Drand', 'write_pulse', NONE, payload([ROUND_1000]))))).toEqual(moduleError(DRAND, 4))
  })

  it('skips a pulse whose pairing check fails, fails on an undecodable one, and wants the None origin', () => {
    const { s, env } = setup()
    // round 1000's signature offered as round 1001: a valid point, the pairing fails, the pulse is skipped
    callHandler(env, 'Drand', 'write_pulse', NONE, payload([{ ...ROUND_1000, round: 1001n }]))
    expect(D.Pulses.get(s, 1001n)).toBeNull()
    expect(D.LastStoredRound.get(s)).toBe(0n)
    expect(events(s).filter((e) => e.name === 'Drand.NewPulse')).toEqual([])
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Drand', 'write_pulse', NONE, payload([BAD_1000]))))).toEqual(moduleError(DRAND, 5))
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Drand', 'write_pulse', signed(acct(1)), payload([ROUND_1000]))))).toEqual({ type: 'BadOrigin' })
  })

  it('set_beacon_config and set_oldest_stored_round are Root only', () => {
    const { s, env } = setup()
    const cfg = localBeaconConfig(new Uint8Array(32).fill(3))
    const args = { config_payload: { block_number: 1, config: cfg, public: { type: 'Sr25519', value: acct(1) } }, _signature: null }
    expect(errorOf(failsUntouched(s, () => callHandler(env, 'Drand', 'set_beacon_config', signed(acct(1)), args)))).toEqual({ type: 'BadOrigin' })
    callHandler(env, 'Drand', 'set_beacon_config', ROOT, args)
    expect(D.BeaconConfig.get(s)).toEqual(cfg)
    expect(D.NextUnsignedAt.get(s)).toBe(2)
    callHandler(env, 'Drand', 'set_oldest_stored_round', ROOT, { oldest_round: 77n })
    expect(D.OldestStoredRound.get(s)).toBe(77n)
    expect(events(s).map((e) => e.name).slice(-2)).toEqual(['Drand.BeaconConfigChanged', 'Drand.SetOldestStoredRound'])
  })

  it('the local beacon signs each round begun by the parent timestamp, verifiable with its key', () => {
    const sk = new Uint8Array(32).fill(5)
    configureDrandBeacon(sk)
    try {
      const { s } = setup()
      const cfg = localBeaconConfig(sk)
      D.BeaconConfig.set(s, cfg)
      const t0 = (BigInt(QUICKNET.genesisTime) + 3n * 999n) * 1000n // round 1000 begins
      expect(roundAt(cfg, t0)).toBe(1000n)
      expect(roundAt(cfg, t0 - 1n)).toBe(999n)
      Timestamp.Now.set(s, t0)
      const hook = drandPallet().hooks.onInitialize!
      // before the beacon's genesis (a chain's first block, whose parent timestamp is 0) nothing is due
      Timestamp.Now.set(s, 0n)
      hook({ s, env: startBlock(s, 2), blockNumber: 2 })
      expect(D.LastStoredRound.get(s)).toBe(0n)
      Timestamp.Now.set(s, t0)
      hook({ s, env: startBlock(s, 3), blockNumber: 3 })
      // an empty store takes only the current round, as the off-chain worker does
      expect(D.LastStoredRound.get(s)).toBe(1000n)
      expect(D.OldestStoredRound.get(s)).toBe(1000n)
      Timestamp.Now.set(s, t0 + 7_000n) // two rounds later
      hook({ s, env: startBlock(s, 4), blockNumber: 4 })
      expect(events(s).at(-1)).toMatchObject({ name: 'Drand.NewPulse', value: { rounds: [1001n, 1002n] } })
      for (const r of [1000n, 1001n, 1002n]) {
        const p = D.Pulses.get(s, r)!
        expect(verifyRound(publicKeyOf(sk), r, p.signature)).toBe(true)
        expect(p.randomness).toEqual(randomnessOf(p.signature))
      }
      // a BeaconConfig naming another key stops the beacon (write_pulse would reject its pulses)
      D.BeaconConfig.set(s, QUICKNET_CONFIG)
      Timestamp.Now.set(s, t0 + 30_000n)
      hook({ s, env: startBlock(s, 5), blockNumber: 5 })
      expect(D.LastStoredRound.get(s)).toBe(1002n)
    } finally {
      configureDrandBeacon(null)
    }
  })
})
