// Issue #11 figure: SubnetInfoRuntimeApi_get_metagraph for a 256-UID subnet over RPC (state_call on
// a node process). The subnet is filled through dev_setStorage with every per-uid item the
// metagraph reads (keys, owners, axons, stake, registration blocks and the per-uid vectors).
import '../src/polyfill.js'
import { readFileSync } from 'node:fs'
import WebSocket from 'ws'
import { u8aToHex } from '@polkadot/util'
import { cryptoReady } from '../src/codec/hashing.js'
import { encode } from '../src/codec/scale.js'
import { bool, u16, u64, vec } from '../src/codec/types.js'
import { SubtensorStorage as S } from '../src/pallets/subtensor/index.js'
import { AccountId, AxonInfo } from '../src/pallets/subtensor/types.js'
import { startNodeProcess } from '../test/e2e/node-process.js'

interface Row { name: string; value: number; unit: string }
const N = 256
const NETUID = 1

function call<T>(ws: WebSocket, method: string, params: unknown[]): Promise<T> {
  const id = Math.floor(Math.random() * 1e9)
  return new Promise((resolve, reject) => {
    const on = (d: WebSocket.RawData): void => {
      const m = JSON.parse(d.toString()) as { id?: number; result?: T; error?: { message: string } }
      if (m.id !== id) return
      ws.off('message', on)
      if (m.error) reject(new Error(m.error.message)); else resolve(m.result as T)
    }
    ws.on('message', on)
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
  })
}

/** Storage of a subnet with N neurons, each with its own hotkey and coldkey, served and staked. */
export function fullSubnetForProfile(): [string, string][] { return fullSubnet() }
function fullSubnet(): [string, string][] {
  const hex = (b: Uint8Array): string => u8aToHex(b)
  const out: [string, string][] = []
  const account = (tag: number, uid: number): Uint8Array => { const a = new Uint8Array(32).fill(tag); a[0] = uid & 0xff; a[1] = uid >> 8; return a }
  for (let uid = 0; uid < N; uid++) {
    const hot = account(0xaa, uid)
    const cold = account(0xcc, uid)
    out.push([hex(S.Keys.key(NETUID, uid)), hex(encode(AccountId, hot))])
    out.push([hex(S.Uids.key(NETUID, hot)), hex(encode(u16, uid))])
    out.push([hex(S.Owner.key(hot)), hex(encode(AccountId, cold))])
    out.push([hex(S.BlockAtRegistration.key(NETUID, uid)), hex(encode(u64, BigInt(uid)))])
    out.push([hex(S.TotalHotkeyAlpha.key(hot, NETUID)), hex(encode(u64, 1_000_000_000n * BigInt(uid + 1)))])
    out.push([hex(S.Axons.key(NETUID, hot)), hex(encode(AxonInfo, {
      block: 1n, version: 1, ip: 0x0a000000n + BigInt(uid), port: 8000 + uid, ip_type: 4, protocol: 4, placeholder1: 0, placeholder2: 0,
    }))])
  }
  const bools = hex(encode(vec(bool), Array.from({ length: N }, (_, i) => i % 2 === 0)))
  const u16s = hex(encode(vec(u16), Array.from({ length: N }, (_, i) => i * 17)))
  const u64s = hex(encode(vec(u64), Array.from({ length: N }, (_, i) => BigInt(i) * 1_000n)))
  out.push([hex(S.SubnetworkN.key(NETUID)), hex(encode(u16, N))])
  out.push([hex(S.MaxAllowedUids.key(NETUID)), hex(encode(u16, N))])
  for (const item of [S.Active, S.ValidatorPermit]) out.push([hex(item.key(NETUID)), bools])
  for (const item of [S.Incentive, S.Consensus, S.Dividends]) out.push([hex(item.key(NETUID)), u16s])
  for (const item of [S.LastUpdate, S.Emission]) out.push([hex(item.key(NETUID)), u64s])
  return out
}

/** CPU time (user + system, ms) a process has used: a figure other load on the machine barely moves. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime + stime, in clock ticks (USER_HZ 100)
}

async function metagraphOverRpc(): Promise<Row[]> {
  const node = await startNodeProcess(['--dev', '--sealing', 'manual'])
  try {
    const ws = new WebSocket(node.url)
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
    await call(ws, 'dev_setStorage', [fullSubnet()])
    const input = u8aToHex(encode(u16, NETUID))
    const first = await call<string>(ws, 'state_call', ['SubnetInfoRuntimeApi_get_metagraph', input])
    if (first.length < N * 2 * 64) throw new Error('metagraph answer too short for 256 neurons')
    for (let i = 0; i < 20; i++) await call(ws, 'state_call', ['SubnetInfoRuntimeApi_get_metagraph', input])
    const times: number[] = []
    const cpu0 = cpuMs(node.proc.pid!)
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now()
      await call(ws, 'state_call', ['SubnetInfoRuntimeApi_get_metagraph', input])
      times.push(performance.now() - t0)
    }
    const cpuPerCall = (cpuMs(node.proc.pid!) - cpu0) / 100
    ws.close()
    times.sort((a, b) => a - b)
    return [
      { name: 'SubnetInfoRuntimeApi_get_metagraph, 256-UID subnet, node CPU time per call', value: cpuPerCall, unit: 'ms' },
      { name: 'SubnetInfoRuntimeApi_get_metagraph, 256-UID subnet, state_call over WS (min)', value: times[0]!, unit: 'ms' },
      { name: 'SubnetInfoRuntimeApi_get_metagraph, 256-UID subnet, state_call over WS (median)', value: times[50]!, unit: 'ms' },
      { name: 'SubnetInfoRuntimeApi_get_metagraph, 256-UID subnet, state_call over WS (p95)', value: times[95]!, unit: 'ms' },
    ]
  } finally {
    await node.kill('SIGTERM')
  }
}

export async function run(): Promise<Row[]> {
  await cryptoReady()
  return metagraphOverRpc()
}
