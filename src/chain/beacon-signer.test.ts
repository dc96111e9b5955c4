import { afterEach, describe, expect, it } from 'vitest'
import { genesis as systemGenesis } from '../pallets/system/index.js'
import { Timestamp } from '../pallets/timestamp/index.js'
import { newStore, startBlock } from '../pallets/test-utils.js'
import {
  configureDrandBeacon, drandPallet, DrandStorage as D, localBeaconConfig, publicKeyOf, QUICKNET, signRound, useRoundSignatures,
  verifyRound,
} from '../pallets/drand/index.js'
import { BeaconSigner } from './beacon-signer.js'

const SK = new Uint8Array(32).fill(9)
const signers: BeaconSigner[] = []
afterEach(async () => {
  for (const s of signers.splice(0)) await s.close()
  configureDrandBeacon(null)
})

/** Ask for `round` until the worker has signed it (the first asks only move its window). */
async function signedByWorker(signer: BeaconSigner, round: bigint): Promise<Uint8Array> {
  for (let i = 0; i < 400; i++) {
    const sig = signer.lookup(round)
    if (sig) return sig
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`round ${round} never arrived`)
}

describe('BeaconSigner', () => {
  it('signs the rounds after the one asked for, to the bytes the runtime signs', async () => {
    const signer = new BeaconSigner(SK)
    signers.push(signer)
    // A first ask is a miss (nothing is signed before a round is asked for) that starts the window.
    expect(signer.lookup(5_000n)).toBeUndefined()
    for (const r of [5_001n, 5_002n, 5_040n, 5_128n]) {
      const sig = await signedByWorker(signer, r)
      expect(sig).toEqual(signRound(SK, r))
      expect(verifyRound(publicKeyOf(SK), r, sig)).toBe(true)
    }
    // Far past the window (time travel): a miss, then the window restarts there.
    expect(signer.lookup(90_000n)).toBeUndefined()
    expect(await signedByWorker(signer, 90_001n)).toEqual(signRound(SK, 90_001n))
  })

  it('the beacon takes rounds from the installed source only for its own key, and signs what is missing', () => {
    configureDrandBeacon(SK)
    const asked: bigint[] = []
    const hook = drandPallet().hooks.onInitialize!
    const run = (sourceKey: Uint8Array, have: Set<bigint>): void => {
      useRoundSignatures(sourceKey, (r) => { asked.push(r); return have.has(r) ? signRound(SK, r) : undefined })
      const s = newStore()
      systemGenesis(s)
      drandPallet().genesis!(s, {})
      D.BeaconConfig.set(s, localBeaconConfig(SK))
      D.LastStoredRound.set(s, 999n)
      Timestamp.Now.set(s, (BigInt(QUICKNET.genesisTime) + 3n * 1001n) * 1000n) // round 1002 has begun
      hook({ s, env: startBlock(s), blockNumber: 1 })
      for (const r of [1000n, 1001n, 1002n]) expect(D.Pulses.get(s, r)!.signature).toEqual(signRound(SK, r))
    }
    try {
      run(SK, new Set([1000n, 1002n]))
      expect(asked).toEqual([1000n, 1001n, 1002n])
      asked.length = 0
      run(new Uint8Array(32).fill(8), new Set([1000n]))
      expect(asked).toEqual([])
    } finally {
      useRoundSignatures(SK, null)
    }
  })
})
