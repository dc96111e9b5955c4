// The two instant-seal transfer workloads of the node and durability benches, against a running
// node: signed transfer_keep_alive from 4 dev accounts, either submitted with
// author_submitExtrinsic and counted once the pool is empty, or each submitted with
// author_submitAndWatchExtrinsic and counted when reported `finalized`. Every sender's nonce is
// checked on chain afterwards.
import { hexToU8a } from '@polkadot/util'
import WebSocket from 'ws'
import { Runtime } from '../../src/runtime/runtime.js'
import { Client } from './client.js'
import { benchAccount, signedTransfer } from './signer.js'

export interface TransferRun { total: number; secs: number; tps: number }

const SENDERS = ['//Bob', '//Charlie', '//Dave', '//Eve']

/** Hex transfers, per sender in nonce order (signing is done before any timing starts). */
export async function prepareTransfers(c: Client, perAccount: number, firstNonce = 0): Promise<{ txs: string[][]; senders: Uint8Array[] }> {
  const runtime = await Runtime.get()
  const genesis = hexToU8a(await c.call<string>('chain_getBlockHash', [0]))
  const senders = SENDERS.map(benchAccount)
  const dest = benchAccount('//Ferdie').publicKey
  const txs = senders.map((s) => Array.from({ length: perAccount }, (_, i) =>
    '0x' + Buffer.from(signedTransfer(runtime, genesis, s, dest, 1_000_000n, firstNonce + i)).toString('hex')))
  return { txs, senders: senders.map((s) => s.publicKey) }
}

/** Every sender's next index as the node answers it (from durable blocks and the pool). */
async function nonces(c: Client, senders: Uint8Array[]): Promise<number[]> {
  return Promise.all(senders.map((s) => c.call<number>('system_accountNextIndex', ['0x' + Buffer.from(s).toString('hex')])))
}

async function checkNonces(c: Client, senders: Uint8Array[], expected: number): Promise<void> {
  for (const n of await nonces(c, senders)) if (n !== expected) throw new Error(`nonce ${n}, expected ${expected}`)
}

/** author_submitExtrinsic, `inFlight` pipelined on one socket; done when the pool is empty. */
export async function submitTransfers(url: string, perAccount: number, inFlight = 256, firstNonce = 0): Promise<TransferRun> {
  const c = await Client.open(url)
  try {
    const { txs, senders } = await prepareTransfers(c, perAccount, firstNonce)
    // Round robin over the senders, as four wallets submitting side by side.
    const all: string[] = []
    for (let i = 0; i < perAccount; i++) for (const t of txs) all.push(t[i]!)
    let sent = 0
    let firstError: string | undefined
    const t0 = performance.now()
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (sent < all.length) {
        const i = sent++
        await c.call('author_submitExtrinsic', [all[i]]).catch((e: Error) => { firstError ??= e.message })
      }
    }))
    if (firstError) throw new Error(`submission failed: ${firstError}`)
    // Done when the pool is empty and the last block is durable (the nonces answer from it).
    const deadline = performance.now() + 60_000
    while ((await c.call<string[]>('author_pendingExtrinsics')).length > 0 || (await nonces(c, senders)).some((n) => n !== firstNonce + perAccount)) {
      if (performance.now() > deadline) break
      await new Promise((r) => setTimeout(r, 5))
    }
    const secs = (performance.now() - t0) / 1000
    await checkNonces(c, senders, firstNonce + perAccount)
    return { total: all.length, secs, tps: all.length / secs }
  } finally {
    c.close()
  }
}

/**
 * author_submitAndWatchExtrinsic for every transfer: a sender's go in nonce order over its own
 * connection, `inFlight` each; done when every one has been reported `finalized` (durable).
 */
export async function watchedTransfers(url: string, perAccount: number, inFlight = 256, firstNonce = 0): Promise<TransferRun> {
  const c = await Client.open(url)
  const sockets: WebSocket[] = []
  try {
    const { txs, senders } = await prepareTransfers(c, perAccount, firstNonce)
    for (let k = 0; k < senders.length; k++) {
      const ws = new WebSocket(url)
      await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
      sockets.push(ws)
    }
    let finalized = 0
    const total = senders.length * perAccount
    const t0 = performance.now()
    await new Promise<void>((resolve, reject) => {
      sockets.forEach((ws, k) => {
        let next = 0
        const send = (): void => { const i = next++; if (i < perAccount) ws.send(`{"jsonrpc":"2.0","id":${i},"method":"author_submitAndWatchExtrinsic","params":["${txs[k]![i]}"]}`) }
        ws.on('message', (d: Buffer) => {
          if (d.includes('"error"')) reject(new Error(d.toString()))
          else if (d[18] === 0x69 /* {"jsonrpc":"2.0","i… : the subscription id */) send()
          else if (d.includes('"finalized"') && ++finalized === total) resolve()
        })
        for (let i = 0; i < inFlight; i++) send()
      })
    })
    const secs = (performance.now() - t0) / 1000
    await checkNonces(c, senders, firstNonce + perAccount)
    return { total, secs, tps: total / secs }
  } finally {
    for (const ws of sockets) ws.close()
    c.close()
  }
}
