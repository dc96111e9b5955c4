// The default command: resolve Substrate-style flags into NodeOptions and run until a signal.
import type { SealingMode } from '../chain/producer.js'
import { startNode, type NodeOptions } from '../node.js'
import { DEV_NAMES } from '../node/keys.js'
import { parseNodeKey, readNodeKeyFile } from '../node/node-key.js'
import { peerAddress } from '../p2p/host.js'
import type { NetworkFlags } from '../p2p/start.js'
import { parseCorsFlag } from '../rpc/cors.js'
import { parseProfile } from '../node/profile.js'
import { loadScenarioFile } from '../scenario/load.js'
import { createLogger, parseLogLevel } from './logger.js'

export interface RunFlags {
  dev?: boolean
  chain?: string
  basePath?: string
  tmp?: boolean
  rpcPort: number
  rpcExternal?: boolean
  unsafeRpcExternal?: boolean
  rpcMethods: 'auto' | 'safe' | 'unsafe'
  rpcCors?: string
  rpcMaxConnections: number
  port?: number
  listenAddr?: string[]
  publicAddr?: string[]
  bootnodes?: string[]
  reservedNodes?: string[]
  reservedOnly?: boolean
  discoverLocal?: boolean
  inPeers: number
  outPeers: number
  nodeKey?: string
  nodeKeyFile?: string
  name?: string
  validator?: boolean
  sealing?: string
  log?: string[]
  prometheusPort: number
  prometheus: boolean
  prometheusExternal?: boolean
  alice?: boolean; bob?: boolean; charlie?: boolean; dave?: boolean; eve?: boolean; ferdie?: boolean
  one?: boolean; two?: boolean; three?: boolean
  profile?: string
  scenario?: string
}

export function parseSealing(v: string | undefined, fallback: SealingMode): SealingMode {
  if (v === undefined) return fallback
  if (v === 'instant') return { kind: 'instant' }
  if (v === 'manual') return { kind: 'manual' }
  const ms = Number(v)
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`--sealing expects instant, manual or a positive number of milliseconds, got "${v}"`)
  return { kind: 'interval', ms }
}

export function resolveOptions(f: RunFlags): NodeOptions {
  if (f.tmp && f.basePath) throw new Error('--tmp cannot be used with --base-path')
  const devKey = DEV_NAMES.find((n) => f[n])
  // --validator alone authors with the keystore's keys (author_insertKey / author_rotateKeys).
  const authority = devKey ?? (f.dev ? 'alice' : undefined)
  const name = f.name ?? (devKey ? devKey[0]!.toUpperCase() + devKey.slice(1) : authority ? 'Alice' : 'subtensor-emu')
  return {
    chain: f.chain ?? (f.dev ? 'dev' : 'local'),
    basePath: f.tmp ? undefined : f.basePath ?? (f.dev ? undefined : defaultBasePath()),
    rpcPort: f.rpcPort,
    rpcExternal: Boolean(f.rpcExternal || f.unsafeRpcExternal),
    rpcMethods: f.unsafeRpcExternal ? 'unsafe' : f.rpcMethods,
    rpcCors: f.rpcCors === undefined && f.dev ? 'all' : parseCorsFlag(f.rpcCors),
    rpcMaxConnections: f.rpcMaxConnections,
    name,
    authority,
    validator: Boolean(f.validator),
    // Without --sealing the node authors like the real one: sealed Aura blocks every 12 s slot.
    sealing: parseSealing(f.sealing, { kind: 'aura', ms: 12_000 }),
    instantFinality: true,
    prometheusPort: f.prometheus ? f.prometheusPort : undefined,
    prometheusExternal: f.prometheusExternal,
    network: networkFlags(f),
    nodeKey: nodeKeyFlag(f),
    profile: f.profile === undefined ? undefined : parseProfile(f.profile),
    scenario: f.scenario === undefined ? undefined : loadScenarioFile(f.scenario),
  }
}

/** The node's p2p settings; --dev runs alone unless a p2p flag asks for a network. */
function networkFlags(f: RunFlags): NetworkFlags | undefined {
  const asked = f.port !== undefined || f.listenAddr || f.bootnodes || f.reservedNodes || f.publicAddr || f.reservedOnly || f.discoverLocal
  if (f.dev && !asked) return undefined
  for (const a of [...(f.bootnodes ?? []), ...(f.reservedNodes ?? [])]) peerAddress(a)
  for (const [flag, v] of [['--in-peers', f.inPeers], ['--out-peers', f.outPeers]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} expects a non-negative integer`)
  }
  return {
    port: f.port ?? 30333, listenAddrs: f.listenAddr ?? [], publicAddrs: f.publicAddr ?? [], bootnodes: f.bootnodes ?? [],
    reserved: f.reservedNodes ?? [], reservedOnly: Boolean(f.reservedOnly), discoverLocal: Boolean(f.discoverLocal), inPeers: f.inPeers, outPeers: f.outPeers,
  }
}

function nodeKeyFlag(f: RunFlags): Uint8Array | undefined {
  if (f.nodeKey && f.nodeKeyFile) throw new Error('--node-key and --node-key-file cannot be used together')
  if (f.nodeKey) return parseNodeKey(f.nodeKey, '--node-key')
  if (f.nodeKeyFile) return readNodeKeyFile(f.nodeKeyFile)
  return undefined
}

function defaultBasePath(): string {
  const home = process.env.XDG_DATA_HOME ?? `${process.env.HOME ?? '.'}/.local/share`
  return `${home}/subtensor-emu`
}

export async function runNode(f: RunFlags): Promise<void> {
  const log = createLogger(parseLogLevel(f.log))
  const opts = resolveOptions(f)
  opts.logger = log
  log.info('Subtensor Node (TypeScript emulator)')
  log.info(`📋 Chain specification: ${opts.chain}`)
  log.info(`🏷  Node name: ${opts.name}`)
  log.info(`👤 Role: ${opts.authority || opts.validator ? 'AUTHORITY' : 'FULL'}`)
  // The handlers go in before the node starts: its RPC server answers (and a supervisor may signal
  // it) before startNode returns, and a SIGTERM with no handler yet would end the process by the
  // signal instead of a clean stop with exit code 0. A signal during start-up stops the node as
  // soon as it is up.
  let node: Awaited<ReturnType<typeof startNode>> | undefined
  let stopping = false
  const stop = (n: NonNullable<typeof node>): void => {
    n.stop().then(() => process.exit(0), (e: unknown) => { log.error(String(e)); process.exit(1) })
  }
  const shutdown = (sig: string): void => {
    if (stopping) return
    stopping = true
    log.info(`Received ${sig}, shutting down`)
    if (node !== undefined) stop(node)
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  node = await startNode(opts)
  log.info(`💾 Database: LevelDB at ${node.dbPath}`)
  if (stopping) stop(node)
}
