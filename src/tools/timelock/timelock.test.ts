import { describe, expect, it } from 'vitest'
import { bls12_381 } from '@noble/curves/bls12-381'
import { checkRound, decryptWithSignature, publicKeyOf, QUICKNET, signRound } from '../../pallets/drand/index.js'
import { QUICKNET_DST, roundMessage } from '../../pallets/drand/bls.js'
import { weightsOfPayload } from '../../pallets/subtensor/commit-reveal/timelocked.js'
import { encodeWeightsPayload, encryptWeights, roundAtTime, timelockEncrypt } from './index.js'

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
const ALICE = hex('d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d')
// Quicknet round 1000 (pallets/drand/src/tests.rs DRAND_PULSE at subtensor HEAD 14bc6f9).
const SIG_1000 = hex('b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39')
// Made by the real tle crate: bittensor_drand 2.0.0 (the SDK's, ideal-lab5/timelock rev 5416406 as
// subtensor pins) — `encrypt_at_round(payload, 1000)` with the SCALE payload below, its UserData
// wrapper (compact length … u64 round) stripped.
const SDK_PAYLOAD = hex('80d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d0c0000010002000c0000ff7fffff0700000000000000')
const SDK_CIPHERTEXT = hex(
  'a115d2d034a26a3f31ddca202560ed3b119b40f2427a894cb1a6412fbb326542f0340c73bff6a181b07cdeb37b3b91960814e043d217167d9b42d7048a4e43fc6efd896314320e10ebbbda4abd4f4abad2c5ef8ee3c7de10e88a5b58503622ef2000000000000000696d7c69c10e3a84edfada731ab5d2e376466f5b65d7ab299d7b154c0ae0239220000000000000003aa34548205926a41e33bb00e934e26ca92814cbf019b7caac5c226ac688da8363000000000000004700000000000000c7beef8eb7cb9896659bc3e2f27957059d0c91a37a78a3b798830e8823362502dff5a7382030466aa7a0f72441caa8adc4550de68f49475707bc014510d44ef04bc238514740110c000000000000008522d752d2dc5e92e41c707008000000000000004145535f47434d5f',
)

describe('timelock helper and the chain-path decryption', () => {
  it('a local key signs rounds that verify, and only for their own round', () => {
    const sk = new Uint8Array(32).fill(11)
    const pk = publicKeyOf(sk)
    const sig = signRound(sk, 42n)
    expect(sig.length).toBe(48)
    expect(pk.length).toBe(96)
    expect(checkRound(pk, 42n, sig)).toBe(true)
    expect(checkRound(pk, 43n, sig)).toBe(false)
    expect(signRound(sk, 42n)).toEqual(sig) // deterministic, as drand's BLS
    // the mcl-wasm signature is @noble/curves' own BLS signature, byte for byte
    const h = bls12_381.G1.hashToCurve(roundMessage(42n), { DST: QUICKNET_DST })
    expect(sig).toEqual(bls12_381.shortSignatures.sign(h as never, sk).toBytes(true))
  })

  it('a real quicknet pulse verifies against the quicknet key', () => {
    expect(checkRound(QUICKNET.publicKey, 1000n, SIG_1000)).toBe(true)
    expect(checkRound(QUICKNET.publicKey, 999n, SIG_1000)).toBe(false)
  })

  it('encodes the payload as SCALE WeightsTlockPayload (same bytes as the SDK vector)', () => {
    expect(encodeWeightsPayload({ hotkey: ALICE, uids: [0, 1, 2], values: [0, 32767, 65535], versionKey: 7n })).toEqual(SDK_PAYLOAD)
  })

  it('opens the tle crate\'s ciphertext with the real round-1000 signature', () => {
    const opened = decryptWithSignature(SDK_CIPHERTEXT, SIG_1000)
    expect(opened).toEqual({ ok: true, value: SDK_PAYLOAD })
    expect(weightsOfPayload(SDK_PAYLOAD, ALICE)).toEqual({ uids: [0, 1, 2], values: [0, 32767, 65535], version_key: 7n })
    // another committer: the hotkey check drops it
    expect(weightsOfPayload(SDK_PAYLOAD, new Uint8Array(32).fill(1))).toBeNull()
    // another round's signature does not open it
    const other = signRound(new Uint8Array(32).fill(3), 1000n)
    expect(decryptWithSignature(SDK_CIPHERTEXT, other)).toEqual({ ok: false, error: 'InvalidSignature' })
  })

  it('a ciphertext whose header point is the identity decodes (as ark reads it) and fails tle\'s check; a malformed one does not decode', () => {
    const atInfinity = SDK_CIPHERTEXT.slice()
    atInfinity.fill(0, 0, 96); atInfinity[0] = 0xc0
    expect(decryptWithSignature(atInfinity, SIG_1000)).toEqual({ ok: false, error: 'InvalidSignature' })
    atInfinity[0] = 0xe0 // the sort bit with infinity: ark's InvalidData
    expect(decryptWithSignature(atInfinity, SIG_1000)).toEqual({ ok: false, error: 'Deserialization' })
    const badSig = SIG_1000.slice(); badSig[0]! &= 0x7f // not compressed
    expect(decryptWithSignature(SDK_CIPHERTEXT, badSig)).toEqual({ ok: false, error: 'Deserialization' })
  })

  it('helper → chain path: encrypted to a beacon key, opened with that beacon\'s pulse', () => {
    const sk = new Uint8Array(32).fill(9)
    const commit = encryptWeights({ hotkey: ALICE, uids: [1, 3], values: [10, 20], versionKey: 0n, round: 77n, publicKey: publicKeyOf(sk) })
    const opened = decryptWithSignature(commit, signRound(sk, 77n))
    expect(opened.ok).toBe(true)
    if (opened.ok) expect(weightsOfPayload(opened.value, ALICE)).toEqual({ uids: [1, 3], values: [10, 20], version_key: 0n })
    // the wrong round's pulse, truncated or garbage ciphertext: dropped, as the chain drops them
    expect(decryptWithSignature(commit, signRound(sk, 78n)).ok).toBe(false)
    expect(decryptWithSignature(commit.subarray(0, 150), signRound(sk, 77n))).toEqual({ ok: false, error: 'Deserialization' })
    expect(decryptWithSignature(new Uint8Array(300).fill(1), signRound(sk, 77n))).toEqual({ ok: false, error: 'Deserialization' })
  })

  it('a legacy payload (no hotkey) still decodes, and quicknet is the default key', () => {
    const legacy = SDK_PAYLOAD.subarray(33)
    expect(weightsOfPayload(legacy, ALICE)).toEqual({ uids: [0, 1, 2], values: [0, 32767, 65535], version_key: 7n })
    const commit = timelockEncrypt(SDK_PAYLOAD, 1000n)
    expect(decryptWithSignature(commit, SIG_1000)).toEqual({ ok: true, value: SDK_PAYLOAD })
  })

  it('maps unix time to quicknet rounds (round 1 at genesis, one per 3 s)', () => {
    const g = BigInt(QUICKNET.genesisTime) * 1000n
    expect(roundAtTime(g - 1000n)).toBe(0n)
    expect(roundAtTime(g)).toBe(1n)
    expect(roundAtTime(g + 2_999n)).toBe(1n)
    expect(roundAtTime(g + 3_000n)).toBe(2n)
  })
})
