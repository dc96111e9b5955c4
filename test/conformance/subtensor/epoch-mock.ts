// The subtensor test mock's conventions for epoch tests (tests/mock.rs): TaoWeight 0, owner cut 0,
// subnets added with init_new_network, neurons appended at the current block, stake written to
// the hotkey's pool, weights set through the real call, epochs run directly (`epoch(netuid, E)`).
import { expect } from 'vitest'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { epoch } from '../../../src/pallets/subtensor/epoch/persist.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { appendNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { TestEnv, callHandler, errorOf, failsUntouched, newStore, signed } from '../../../src/pallets/test-utils.js'
import { System } from '../../../src/pallets/system/index.js'
import type { Overlay } from '../../../src/storage/overlay.js'

/** A distinct hotkey per uid (uid + 1, big-endian, in the first bytes; the rest 0x11). */
export function hk(uid: number): Uint8Array {
  const a = new Uint8Array(32).fill(0x11)
  new DataView(a.buffer).setUint32(0, uid + 1)
  return a
}

export class Mock {
  readonly s: Overlay
  constructor(block = 1) {
    subtensorPallet()
    this.s = newStore()
    System.Number.set(this.s, block)
    S.TaoWeight.set(this.s, 0n)
    S.SubnetOwnerCut.set(this.s, 0)
  }
  get block(): number { return System.Number.get(this.s) }
  setBlock(b: number): void { System.Number.set(this.s, b) }
  nextBlock(): void { this.setBlock(this.block + 1) }
  env(): TestEnv { return new TestEnv(this.s, this.block) }

  /** add_network (+ _disable_commit_reveal: CR off and Yuma3 off). */
  addNetwork(netuid: number, tempo: number, opts: { commitReveal?: boolean; yuma3?: boolean } = {}): void {
    initNewNetwork(this.s, netuid, tempo)
    S.FirstEmissionBlockNumber.set(this.s, netuid, 1n)
    S.SubtokenEnabled.set(this.s, netuid, true)
    if (opts.commitReveal === false) S.CommitRevealWeightsEnabled.set(this.s, netuid, false)
    if (opts.yuma3 === false) S.Yuma3On.set(this.s, netuid, false)
  }

  /** Registers uid's hotkey (owned by itself) at the current block and gives it `stake` alpha. */
  register(netuid: number, uid: number, stake: bigint): void {
    const got = appendNeuron(this.s, netuid, hk(uid), BigInt(this.block))
    expect(got).toBe(uid)
    S.Owner.set(this.s, hk(uid), hk(uid))
    if (stake > 0n) S.TotalHotkeyAlpha.set(this.s, hk(uid), netuid, stake)
  }

  setWeights(netuid: number, uid: number, dests: number[], weights: number[], versionKey = 0n): void {
    callHandler(this.env(), 'SubtensorModule', 'set_weights', signed(hk(uid)), { netuid, dests, weights, version_key: versionKey })
  }

  epoch(netuid: number, emission = 1_000_000_000n): Array<[Uint8Array, bigint, bigint]> {
    return epoch(this.s, this.env(), netuid, emission, BigInt(this.block))
  }

  /** get_bonds: the stored rows as a dense u16 matrix. */
  bonds(netuidIndex: number, n: number): number[][] {
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(0))
    for (const [i, row] of S.Bonds.iterPrefix(this.s, netuidIndex)) for (const [j, v] of row) if (i < n && j < n) (m[i] as number[])[j] = v
    return m
  }
  emission(netuid: number): bigint[] { return S.Emission.get(this.s, netuid) ?? [] }
}

/**
 * Subnet 1 (tempo 5) ready for weight commits: uid 0 a permitted validator with stake, uids 1–2
 * miners, no rate limit, one block past registration (weights in the registration block itself
 * count as outdated).
 */
export function committingSubnet(): Mock {
  const m = new Mock(1)
  m.addNetwork(1, 5)
  S.WeightsSetRateLimit.set(m.s, 1, 0n)
  S.MinAllowedWeights.set(m.s, 1, 1)
  m.register(1, 0, 1_000_000_000n)
  m.register(1, 1, 0n)
  m.register(1, 2, 0n)
  S.ValidatorPermit.set(m.s, 1, [true, false, false])
  m.nextBlock()
  return m
}

/** Dispatches a SubtensorModule call signed by uid's hotkey. */
export function callAs(m: Mock, uid: number, name: string, args: Record<string, unknown>): void {
  callHandler(m.env(), 'SubtensorModule', name, signed(hk(uid)), args)
}

/** The error of a call that must fail and leave storage untouched. */
export const refusedAs = (m: Mock, uid: number, name: string, args: Record<string, unknown>): unknown =>
  errorOf(failsUntouched(m.s, () => callAs(m, uid, name, args)))
