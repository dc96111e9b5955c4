// Several real node processes on 127.0.0.1 forming a private network (--chain local).
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { cryptoReady } from '../../src/codec/hashing.js'
import { nodeKeyFromSecret } from '../../src/node/node-key.js'
import { startNodeProcess, type NodeProcess } from './node-process.js'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export interface NetNodeOptions {
  /** Dev authority (`--alice` …) or none for a full node. */
  who?: string
  /** Distinct byte → distinct deterministic node key. */
  keyByte: number
  bootnodes?: string[]
  extra?: string[]
  chain?: string
  /** Reuse a base path (restarts); a fresh one otherwise. */
  base?: string
  p2pPort?: number
}

export interface NetNode {
  proc: NodeProcess
  peerId: string
  /** `/ip4/127.0.0.1/tcp/<port>/p2p/<id>` */
  addr: string
  base: string
  p2pPort: number
  opts: NetNodeOptions
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>
}

export function nodeKeyHex(byte: number): string {
  return byte.toString(16).padStart(2, '0').repeat(32)
}

/**
 * Node processes started here and still running. They are killed when this process exits or is
 * told to stop, so an interrupted run (a timeout, Ctrl-C) leaves no nodes behind to load the
 * machine and hold ports and peer ids into the next run.
 */
const live = new Set<NodeProcess>()
let cleanupInstalled = false
function installCleanup(): void {
  if (cleanupInstalled) return
  cleanupInstalled = true
  const killAll = (): void => { for (const p of live) p.proc.kill('SIGKILL') }
  process.on('exit', killAll)
  // Under vitest the runner owns its workers' signals; there the exit hook is enough.
  if (!isMainThread || process.env.VITEST) return
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => { killAll(); process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)) })
  }
  // A bench runs as a child of bench/run.ts; `timeout` or Ctrl-C stops that parent, not this
  // process, which would run on as an orphan with its nodes. Go with the parent.
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid === parent) return
    process.stderr.write('net-harness: the parent process went away; stopping the nodes\n')
    killAll()
    process.exit(1)
  }, 1000).unref()
}

export async function startNetNode(o: NetNodeOptions): Promise<NetNode> {
  // A port freePort hands out is free only until it is closed: another process binding port 0 (a
  // node's RPC server) may take it before this node listens on it. A port picked here is picked
  // again then; a port the caller gave is its to keep.
  const base = o.base ?? mkdtempSync(join(tmpdir(), 'i14-net-'))
  for (let attempt = 1; ; attempt++) {
    try {
      return await startNetNodeOnce({ ...o, base, p2pPort: o.p2pPort ?? await freePort() })
    } catch (e) {
      if (o.p2pPort !== undefined || attempt === 3 || !String((e as Error).message).includes('EADDRINUSE')) throw e
    }
  }
}

async function startNetNodeOnce(o: NetNodeOptions & { p2pPort: number; base: string }): Promise<NetNode> {
  installCleanup()
  await cryptoReady()
  const { p2pPort, base } = o
  const key = nodeKeyHex(o.keyByte)
  const peerId = nodeKeyFromSecret(Uint8Array.from(Buffer.from(key, 'hex'))).peerId
  const args = [
    '--chain', o.chain ?? 'local', '--base-path', base, '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`, '--node-key', key,
    ...(o.who ? [`--${o.who}`] : ['--name', `full-${o.keyByte}`]),
    ...(o.bootnodes?.length ? ['--bootnodes', ...o.bootnodes] : []),
    ...(o.extra ?? []),
  ]
  const proc = await startNodeProcess(args, 60_000)
  live.add(proc)
  proc.proc.once('exit', () => live.delete(proc))
  const url = `http://127.0.0.1:${proc.port}`
  let id = 0
  return {
    proc, peerId, base, p2pPort, opts: { ...o, base, p2pPort },
    addr: `/ip4/127.0.0.1/tcp/${p2pPort}/p2p/${peerId}`,
    async rpc<T>(method: string, params: unknown[] = []): Promise<T> {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) })
      const body = await res.json() as { result?: T; error?: { code: number; message: string } }
      if (body.error) throw new Error(`${method}: ${body.error.code} ${body.error.message}`)
      return body.result as T
    },
  }
}

/** Stop a node and start it again on the same base path, key and port. */
export async function restartNetNode(n: NetNode): Promise<NetNode> {
  await n.proc.kill('SIGTERM')
  return startNetNode(n.opts)
}

export async function stopAll(nodes: (NetNode | undefined)[], removeBase = true): Promise<void> {
  await Promise.all(nodes.map((n) => n?.proc.kill('SIGTERM')))
  if (removeBase) for (const n of nodes) if (n) rmSync(n.base, { recursive: true, force: true })
}

/** Poll `fn` until it returns a value that is not undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000, everyMs = 500): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < end) {
    try {
      const v = await fn()
      if (v !== undefined && v !== false) return v
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`)
}

export interface Head { number: number; hash: string }

export async function finalizedOf(n: NetNode): Promise<Head> {
  const hash = await n.rpc<string>('chain_getFinalizedHead')
  const h = await n.rpc<{ number: string }>('chain_getHeader', [hash])
  return { number: Number(h.number), hash }
}

export async function bestOf(n: NetNode): Promise<Head> {
  const h = await n.rpc<{ number: string; parentHash: string }>('chain_getHeader')
  const number = Number(h.number)
  return { number, hash: await n.rpc<string>('chain_getBlockHash', [number]) }
}

/** All nodes finalized at least `min`, and agree on the hash of block `min`. */
export async function allFinalized(nodes: NetNode[], min: number): Promise<boolean> {
  const fins = await Promise.all(nodes.map(finalizedOf))
  if (fins.some((f) => f.number < min)) return false
  const hashes = await Promise.all(nodes.map((n) => n.rpc<string>('chain_getBlockHash', [min])))
  return hashes.every((h) => h === hashes[0])
}
