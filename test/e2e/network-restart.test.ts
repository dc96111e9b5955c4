// Acceptance (#14): an authority killed for 30 blocks and restarted on its base path syncs,
// rejoins and finality resumes at once. Both sides of the > 2/3 threshold: with three
// authorities, two are not enough and finality stalls while one is away; with four, three are
// enough and finality goes on without the fourth.
import { Keyring } from '@polkadot/keyring'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { allFinalized, bestOf, finalizedOf, restartNetNode, startNetNode, stopAll, waitFor, type NetNode } from './net-harness.js'

let nodes: NetNode[] = []
afterEach(async () => { await stopAll(nodes); nodes = [] })

async function waitBlocks(n: NetNode, count: number): Promise<number> {
  const start = (await bestOf(n)).number
  return waitFor(`${count} more blocks`, async () => { const b = (await bestOf(n)).number; return b >= start + count ? b : undefined }, 240_000, 1000)
}

/** genesis/local.json with Dave as a fourth Aura and GRANDPA authority. */
async function fourAuthoritySpec(): Promise<string> {
  await cryptoWaitReady()
  const spec = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'genesis', 'local.json'), 'utf8')) as {
    genesis: { runtimeGenesis: { patch: { aura: { authorities: string[] }; grandpa: { authorities: [string, number][] } } } }
  }
  const patch = spec.genesis.runtimeGenesis.patch
  patch.aura.authorities.push(new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Dave').address)
  patch.grandpa.authorities.push([new Keyring({ type: 'ed25519', ss58Format: 42 }).addFromUri('//Dave').address, 1])
  const file = join(tmpdir(), `i14-four-authorities-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(spec))
  return file
}

describe('an authority leaves for 30 blocks and comes back', () => {
  it('three authorities: finality stalls without the third and resumes when it returns', async () => {
    const alice = await startNetNode({ who: 'alice', keyByte: 11 })
    const [bob, charlie] = await Promise.all([
      startNetNode({ who: 'bob', keyByte: 12, bootnodes: [alice.addr] }),
      startNetNode({ who: 'charlie', keyByte: 13, bootnodes: [alice.addr] }),
    ])
    nodes = [alice, bob, charlie]
    await waitFor('finality of #3 everywhere', () => allFinalized(nodes, 3), 180_000)

    await charlie.proc.kill('SIGTERM')
    const finAtKill = (await finalizedOf(alice)).number
    const best = await waitBlocks(alice, 30)
    // Two of three is not more than 2/3: nothing new is finalized while Charlie is away (a round
    // that was already complete when he left may still land).
    const finWhileAway = (await finalizedOf(alice)).number
    expect(finWhileAway).toBeLessThanOrEqual(finAtKill + 2)
    expect(best - finWhileAway).toBeGreaterThanOrEqual(28)

    const back = await restartNetNode(charlie)
    nodes = [alice, bob, back]
    await waitFor(`Charlie to sync to #${best}`, async () => (await bestOf(back)).number >= best, 180_000)
    await waitFor(`finality past #${best} everywhere`, () => allFinalized(nodes, best), 180_000)
  }, 600_000)

  it('four authorities: finality goes on without the fourth, which syncs and votes again when back', async () => {
    const chain = await fourAuthoritySpec()
    const alice = await startNetNode({ who: 'alice', keyByte: 21, chain })
    const others = await Promise.all(['bob', 'charlie', 'dave'].map((who, i) => startNetNode({ who, keyByte: 22 + i, chain, bootnodes: [alice.addr] })))
    nodes = [alice, ...others]
    await waitFor('finality of #3 everywhere', () => allFinalized(nodes, 3), 180_000)

    const dave = others[2]!
    await dave.proc.kill('SIGTERM')
    const finAtKill = (await finalizedOf(alice)).number
    const best = await waitBlocks(alice, 30)
    // Three of four is more than 2/3: blocks keep being finalized.
    await waitFor('finality to move on without Dave', async () => (await finalizedOf(alice)).number >= best - 3, 120_000)
    expect((await finalizedOf(alice)).number).toBeGreaterThan(finAtKill + 20)

    const back = await restartNetNode(dave)
    nodes = [alice, others[0]!, others[1]!, back]
    await waitFor(`Dave to sync and finalize #${best}`, async () => (await finalizedOf(back)).number >= best, 180_000)
    await waitFor('the four to agree', () => allFinalized(nodes, best + 2), 180_000)
  }, 600_000)
})
