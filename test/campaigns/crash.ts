// Crash campaign: a node producing blocks (dev_newBlock over HTTP) and serving watched transfers
// (author_submitAndWatchExtrinsic over WebSocket) is SIGKILLed at a random moment, sometimes the
// very moment a transfer is reported finalized. After a restart on the same base path, everything
// it ever announced as finalized or returned from dev_newBlock must be there: the blocks canonical,
// the transfers in them, the chain linked, and the best state hashing to its header's state root.
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchAccount, signedTransfer } from '../../bench/lib/signer.js'
import { hexOf, hexToBytes } from '../../src/codec/bytes.js'
import { Runtime } from '../../src/runtime/runtime.js'
import { trieRoot } from '../../src/storage/trie/index.js'
import { startNodeProcess, type NodeProcess } from '../e2e/node-process.js'
import { RawClient } from '../unit/rpc/ws-client.js'

export interface CrashRound {
  /** How the kill is timed: after `delayMs`, or when the `nth` watched transfer is finalized. */
  kill: { kind: 'timer'; delayMs: number } | { kind: 'onFinalized'; nth: number }
  /** Blocks per dev_newBlock call. */
  blocksPerCall: number
  /** Watched transfers kept in flight. */
  inFlight: number
}

/** Generated rounds: kill after a delay or at the nth finalized status, bounds set by the caller (short in npm test, long in the soak). */
export function crashRoundArb(o: { maxDelayMs: number; minDelayMs: number; maxNth: number; maxInFlight: number }): fc.Arbitrary<CrashRound> {
  return fc.record({
    kill: fc.oneof(
      fc.record({ kind: fc.constant('timer' as const), delayMs: fc.integer({ min: o.minDelayMs, max: o.maxDelayMs }) }),
      fc.record({ kind: fc.constant('onFinalized' as const), nth: fc.integer({ min: 1, max: o.maxNth }) }),
    ),
    blocksPerCall: fc.integer({ min: 1, max: 3000 }),
    inFlight: fc.integer({ min: 1, max: o.maxInFlight }),
  })
}

export interface RoundReport { announcedBlocks: number; finalizedTxs: number; bestAfter: number }

interface Header { parentHash: string; number: string; stateRoot: string }

const alice = benchAccount('//Alice')
const bob = benchAccount('//Bob')

async function httpCall<T>(port: number, method: string, params: unknown[] = []): Promise<T> {
  const r = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await r.json()) as { result?: T; error?: unknown }
  if (body.error !== undefined) throw new Error(`${method}: ${JSON.stringify(body.error)}`)
  return body.result as T
}

/** Runs `rounds` kill/restart rounds on one base path; throws on the first broken promise. */
export async function crashCampaign(rounds: CrashRound[], log: (m: string) => void = () => {}): Promise<RoundReport[]> {
  const runtime = await Runtime.get()
  const base = mkdtempSync(join(tmpdir(), 'emu-crash-'))
  const args = ['--dev', '--base-path', base, '--sealing', 'manual']
  const reports: RoundReport[] = []
  let node: NodeProcess = await startNodeProcess(args)
  try {
    for (const [i, round] of rounds.entries()) {
      const announced = await loadUntilKilled(node, runtime, round)
      node = await startNodeProcess(args)
      const report = await verify(node, announced)
      reports.push(report)
      log(`round ${i}: ${JSON.stringify(round.kill)} → ${report.announcedBlocks} blocks and ${report.finalizedTxs} transfers announced, best #${report.bestAfter} after restart`)
    }
  } finally {
    await node.kill('SIGTERM')
    rmSync(base, { recursive: true, force: true })
  }
  return reports
}

interface Announced {
  /** Block hash → number, for every block announced final or returned by dev_newBlock. */
  blocks: Map<string, number>
  /** Transfers reported finalized: extrinsic hex and its block. */
  txs: { xt: string; block: string; nonce: number }[]
}

async function loadUntilKilled(node: NodeProcess, runtime: Runtime, round: CrashRound): Promise<Announced> {
  const announced: Announced = { blocks: new Map(), txs: [] }
  const client = await RawClient.connect(node.url)
  const genesis = hexToBytes(await client.call<string>('chain_getBlockHash', [0]))
  let nonce = await client.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])
  let stop = false
  let killed: Promise<unknown> | undefined
  let died!: (e: Error) => void
  const dead = new Promise<never>((_, reject) => { died = reject })
  dead.catch(() => {})
  const kill = (): void => {
    if (killed) return
    stop = true
    killed = node.kill('SIGKILL')
    died(new Error('node killed'))
  }
  /** A WebSocket call that gives up when the node is killed (its reply never comes). */
  const call = <T>(method: string, params: unknown[] = []): Promise<T> => Promise.race([client.call<T>(method, params), dead])

  const finals = await client.call<string>('chain_subscribeFinalizedHeads')
  const numberOf = (h: Header): number => Number.parseInt(h.number, 16)

  const producer = (async () => {
    while (!stop) {
      try {
        const hash = await httpCall<string>(node.port, 'dev_newBlock', [{ count: round.blocksPerCall }])
        const header = await httpCall<Header>(node.port, 'chain_getHeader', [hash])
        if (!stop) announced.blocks.set(hash, numberOf(header))
      } catch {
        return // the node is gone
      }
    }
  })()

  const submitter = async (): Promise<void> => {
    while (!stop) {
      const n = nonce++
      const xt = hexOf(signedTransfer(runtime, genesis, alice, bob.publicKey, 1_000_000n, n))
      let sub: string
      try {
        sub = await call<string>('author_submitAndWatchExtrinsic', [xt])
      } catch {
        return
      }
      // Wait for the final status; the node may die first.
      for (let seen = 0; !stop;) {
        try {
          const notes = await Promise.race([client.waitFor(sub, seen + 1, 30_000), dead])
          seen = notes.length
          const last = notes[notes.length - 1]!.params.result as string | Record<string, string>
          if (typeof last === 'object' && 'finalized' in last) {
            announced.txs.push({ xt, block: last.finalized!, nonce: n })
            if (round.kill.kind === 'onFinalized' && announced.txs.length >= round.kill.nth) kill()
            break
          }
          if (typeof last === 'string' && last !== 'ready' && last !== 'future') throw new Error(`transfer ${n} ended ${last}`)
        } catch (e) {
          if (stop) return
          throw e
        }
      }
    }
  }
  const submitters = Array.from({ length: round.inFlight }, submitter)
  if (round.kill.kind === 'timer') setTimeout(kill, round.kill.delayMs)
  else setTimeout(kill, 20_000) // never hang if too few transfers finalize

  await producer
  await Promise.allSettled(submitters)
  await killed
  for (const n of client.notifications(finals)) {
    const h = n.params.result as Header
    // The header's hash is not in the notification; its canonical position is checked through its child.
    announced.blocks.set(`parent-of:${h.parentHash}`, numberOf(h) - 1)
  }
  await client.close().catch(() => {})
  return announced
}

async function verify(node: NodeProcess, a: Announced): Promise<RoundReport> {
  const c = await RawClient.connect(node.url)
  try {
    const hashAt = (n: number): Promise<string | null> => c.call<string | null>('chain_getBlockHash', [n])
    for (const [key, number] of a.blocks) {
      const hash = key.startsWith('parent-of:') ? key.slice('parent-of:'.length) : key
      if (number < 0) continue
      const canonical = await hashAt(number)
      if (canonical !== hash) throw new Error(`announced block #${number} ${hash} lost after restart (canonical: ${canonical})`)
    }
    for (const t of a.txs) {
      const block = await c.call<{ block: { extrinsics: string[] } } | null>('chain_getBlock', [t.block])
      if (block === null || !block.block.extrinsics.includes(t.xt)) throw new Error(`transfer with nonce ${t.nonce}, announced finalized in ${t.block}, lost after restart`)
    }
    const nonce = await c.call<number>('system_accountNextIndex', [hexOf(alice.publicKey)])
    const maxNonce = Math.max(-1, ...a.txs.map((t) => t.nonce))
    if (nonce <= maxNonce) throw new Error(`sender nonce went back to ${nonce} after restart; transfer ${maxNonce} was announced final`)
    // Linked: the newest 64 blocks each name the canonical block below them as parent.
    const bestHash = await c.call<string>('chain_getBlockHash')
    const best = await c.call<Header>('chain_getHeader', [bestHash])
    const top = Number.parseInt(best.number, 16)
    let child = best
    for (let n = top - 1; n >= Math.max(0, top - 64); n--) {
      const h = await hashAt(n)
      if (child.parentHash !== h) throw new Error(`chain broken below #${n + 1}`)
      child = await c.call<Header>('chain_getHeader', [h])
    }
    // The best state is complete: its entries hash to the header's state root.
    const pairs = await c.call<[string, string][]>('state_getPairs', ['0x', bestHash])
    const root = hexOf(trieRoot(pairs.map(([k, v]) => [hexToBytes(k), hexToBytes(v)] as [Uint8Array, Uint8Array])))
    if (root !== best.stateRoot) throw new Error(`state root of #${top} is ${root}, header says ${best.stateRoot}`)
    return { announcedBlocks: a.blocks.size, finalizedTxs: a.txs.length, bestAfter: top }
  } finally {
    await c.close()
  }
}
