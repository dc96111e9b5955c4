// Authority-set changes reaching the consensus engines (#14): sudo schedules a GRANDPA change from
// Alice, Bob, Charlie to Alice and Bob (AdminUtils.schedule_grandpa_change) and swaps the Aura set
// the same way (AdminUtils.swap_authorities). The old set finalizes up to the block that enacts
// the change, with a justification of its own; the new set (set id 1) finalizes after it, so
// finality goes on without Charlie, whose node no longer votes. A node syncing from scratch checks
// each justification against the set of its block.
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api'
import { hexToU8a } from '@polkadot/util'
import { cryptoWaitReady, ed25519Verify, sr25519Verify } from '@polkadot/util-crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { blake2_256 } from '../../src/codec/hashing.js'
import { decode, encode } from '../../src/codec/scale.js'
import { Header, type HeaderValue } from '../../src/frame/primitives.js'
import { FinalityProof, Justification, localizedPayload, type JustificationValue } from '../../src/p2p/wire.js'
import { allFinalized, finalizedOf, startNetNode, stopAll, waitFor, type NetNode } from './net-harness.js'

let nodes: NetNode[] = []
let api: ApiPromise | undefined
afterEach(async () => { await api?.disconnect(); api = undefined; await stopAll(nodes); nodes = [] })

const hex = (u: Uint8Array): string => Buffer.from(u).toString('hex')

/** A digest item's (engine, payload), when it has one. */
function logOf(header: HeaderValue, type: 'PreRuntime' | 'Consensus' | 'Seal', engine: string): Uint8Array | undefined {
  for (const l of header.digest.logs) {
    if (l.type === type && new TextDecoder().decode(l.value[0]) === engine) return l.value[1]
  }
  return undefined
}

/** The justification grandpa_proveFinality gives for block `n`, with the block it justifies. */
async function justificationAt(n: NetNode, number: number): Promise<{ block: string; j: JustificationValue }> {
  const proof = await n.rpc<string | null>('grandpa_proveFinality', [number])
  if (!proof) throw new Error(`no finality proof for #${number}`)
  const p = decode<{ block: Uint8Array; justification: Uint8Array }>(FinalityProof, hexToU8a(proof))
  return { block: `0x${hex(p.block)}`, j: decode<JustificationValue>(Justification, p.justification) }
}

async function headerAt(n: NetNode, number: number): Promise<{ hash: string; header: HeaderValue }> {
  const hash = await n.rpc<string>('chain_getBlockHash', [number])
  const h = await api!.rpc.chain.getHeader(hash)
  return { hash, header: decode<HeaderValue>(Header, h.toU8a()) }
}

describe('authority-set changes', () => {
  it('a scheduled GRANDPA change and an Aura swap take Charlie out: finality goes on without him', async () => {
    await cryptoWaitReady()
    const sr = new Keyring({ type: 'sr25519', ss58Format: 42 })
    const ed = new Keyring({ type: 'ed25519', ss58Format: 42 })
    const [aliceSr, bobSr] = ['//Alice', '//Bob'].map((u) => sr.addFromUri(u))
    const [aliceEd, bobEd, charlieEd] = ['//Alice', '//Bob', '//Charlie'].map((u) => ed.addFromUri(u).publicKey)

    const alice = await startNetNode({ who: 'alice', keyByte: 61 })
    const [bob, charlie] = await Promise.all([
      startNetNode({ who: 'bob', keyByte: 62, bootnodes: [alice.addr] }),
      startNetNode({ who: 'charlie', keyByte: 63, bootnodes: [alice.addr] }),
    ])
    nodes = [alice, bob, charlie]
    await waitFor('finality of #3 everywhere', () => allFinalized(nodes, 3), 180_000)
    expect((await alice.rpc<{ setId: number }>('grandpa_roundState')).setId).toBe(0)

    api = await ApiPromise.create({ provider: new WsProvider(alice.proc.url), noInitWarn: true })
    const sudo = sr.addFromUri('//Alice')
    const included = async (call: ReturnType<ApiPromise['tx']['sudo']['sudo']>): Promise<number> => {
      const hash = await new Promise<string>((resolve, reject) => {
        setTimeout(() => reject(new Error(`${call.method.section}.${call.method.method} not in a block within 120 s:\n${alice.proc.output().slice(-2000)}`)), 120_000).unref()
        call.signAndSend(sudo, { nonce: -1 }, (r) => {
          if (r.dispatchError) reject(new Error(`dispatch error ${r.dispatchError.toString()}`))
          if (r.status.isInBlock) resolve(r.status.asInBlock.toHex())
          if (r.status.isInvalid || r.status.isDropped) reject(new Error(`transaction ${r.status.type}`))
        }).catch(reject)
      })
      return (await api!.rpc.chain.getHeader(hash)).number.toNumber()
    }
    const DELAY = 6
    const signalled = await included(api.tx.sudo.sudo(api.tx.adminUtils.scheduleGrandpaChange([[aliceEd, 1], [bobEd, 1]], DELAY, null)))
    const swapped = await included(api.tx.sudo.sudo(api.tx.adminUtils.swapAuthorities([aliceSr!.publicKey, bobSr!.publicKey])))
    const enacting = signalled + DELAY

    // The signal is in the header's digest (ConsensusLog::ScheduledChange under FRNK).
    const { header: sh } = await headerAt(alice, signalled)
    expect(logOf(sh, 'Consensus', 'FRNK')?.[0]).toBe(1)

    // The old set finalizes the enacting block itself, with a justification of all three.
    await waitFor(`finality of #${enacting + 3} on Alice and Bob`, () => allFinalized([alice, bob], enacting + 3), 180_000)
    const hand = await justificationAt(alice, enacting)
    expect(hand.block).toBe(await alice.rpc<string>('chain_getBlockHash', [enacting]))
    const oldIds = new Set(hand.j.commit.precommits.map((p) => hex(p.id)))
    expect(oldIds).toEqual(new Set([aliceEd, bobEd, charlieEd].map(hex)))
    for (const p of hand.j.commit.precommits) {
      expect(ed25519Verify(localizedPayload({ type: 'Precommit', value: p.precommit }, hand.j.round, 0n), p.signature, p.id)).toBe(true)
    }

    // After it, set 1 (Alice and Bob) signs, with its own set id in the signed payload.
    for (const n of [alice, bob, charlie]) await waitFor('set id 1', async () => (await n.rpc<{ setId: number }>('grandpa_roundState')).setId === 1, 60_000)
    const after = await justificationAt(alice, enacting + 2)
    expect(new Set(after.j.commit.precommits.map((p) => hex(p.id)))).toEqual(new Set([aliceEd, bobEd].map(hex)))
    for (const p of after.j.commit.precommits) {
      expect(ed25519Verify(localizedPayload({ type: 'Precommit', value: p.precommit }, after.j.round, 1n), p.signature, p.id)).toBe(true)
    }
    const round = await alice.rpc<{ best: { totalWeight: number; thresholdWeight: number } }>('grandpa_roundState')
    expect(round.best).toMatchObject({ totalWeight: 2, thresholdWeight: 2 })

    // Aura: from the block after the swap, slot mod 2 picks the author among Alice and Bob.
    const aura = (await api.query.aura!.authorities!()) as unknown as { toHex(): string }[]
    expect(aura.map((a) => a.toHex())).toEqual([aliceSr!, bobSr!].map((k) => `0x${hex(k.publicKey)}`))
    for (let n = swapped + 1; n <= swapped + 4; n++) {
      const { header } = await headerAt(alice, n)
      const pre = logOf(header, 'PreRuntime', 'aura')!
      const slot = new DataView(pre.buffer, pre.byteOffset).getBigUint64(0, true)
      const seal = logOf(header, 'Seal', 'aura')!
      const unsealed = encode(Header, { ...header, digest: { logs: header.digest.logs.slice(0, -1) } })
      const author = [aliceSr!, bobSr!][Number(slot % 2n)]!
      expect(sr25519Verify(blake2_256(unsealed), seal, author.publicKey)).toBe(true)
    }

    // Three of three was the old threshold: without Charlie, only the new set can finalize.
    await charlie.proc.kill('SIGTERM')
    nodes = [alice, bob]
    const fin = (await finalizedOf(alice)).number
    await waitFor(`finality past #${fin + 5} without Charlie`, () => allFinalized([alice, bob], fin + 5), 180_000)

    // A node syncing from genesis accepts both sets' justifications and finalizes with them.
    const late = await startNetNode({ keyByte: 64, bootnodes: [alice.addr] })
    nodes = [alice, bob, late]
    await waitFor(`the late node to finalize past #${fin + 5}`, async () => (await finalizedOf(late)).number >= fin + 5, 180_000)
    expect((await late.rpc<{ setId: number }>('grandpa_roundState')).setId).toBe(1)
    const banned = await late.rpc<{ bannedPeers: unknown[] }>('system_networkState')
    expect(banned.bannedPeers).toEqual([])
  }, 900_000)
})
