// Composition root: the only place that wires storage, runtime, chain, pool, producer and RPC.
import './polyfill.js'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { Blockchain } from './chain/blockchain.js'
import { BlockProducer, type SealingMode } from './chain/producer.js'
import { TxPool } from './chain/txpool.js'
import { Submitter } from './chain/submission.js'
import { SignatureVerifier } from './chain/verifier.js'
import { startBeaconSigner } from './chain/beacon-signer.js'
import { hexOf } from './codec/bytes.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from './node/chain-spec.js'
import type { NodeContext } from './node/context.js'
import { devAuthority, devSuri } from './node/keys.js'
import { Keystore } from './node/keystore.js'
import { startInformant } from './node/informant.js'
import { loadOrCreateNodeKey, nodeKeyFromSecret } from './node/node-key.js'
import type { Network } from './p2p/network.js'
import { grandpaMethods } from './p2p/rpc.js'
import { startNetwork, type NetworkFlags } from './p2p/start.js'
import { startPrometheus, type PrometheusServer } from './node/prometheus.js'
import { rpcMethods } from './rpc/methods/index.js'
import type { CorsSetting } from './rpc/cors.js'
import { createRpcServer, type RpcServer } from './rpc/server.js'
import type { RpcMethodsPolicy } from './rpc/types.js'
import { Runtime } from './runtime/runtime.js'
import { withProfile, type ChainProfile } from './node/profile.js'
import { applyScenarioToGenesis } from './scenario/genesis.js'
import type { Scenario } from './scenario/schema.js'
import { BlockStore } from './storage/block-store.js'
import { openLevelKV } from './storage/level.js'

export const IMPL_NAME = 'Subtensor Node'
export const IMPL_VERSION = '0.1.0-emulator'

export interface NodeOptions {
  chain: string
  /** Base directory; chain data lives in `<base>/chains/<id>/db/full`. Temporary when absent. */
  basePath?: string
  rpcPort: number
  rpcExternal: boolean
  rpcMethods: RpcMethodsPolicy
  rpcCors: CorsSetting
  rpcMaxConnections?: number
  name: string
  /** Dev key this node authors with (`--alice` …), held in memory beside the keystore's keys. */
  authority?: string
  /** --validator: author and vote with the keystore's keys (`chains/<id>/keystore/`). */
  validator?: boolean
  sealing: SealingMode
  instantFinality: boolean
  /** Prometheus exporter port (Substrate: 9615); undefined disables it. */
  prometheusPort?: number
  prometheusExternal?: boolean
  /** p2p networking (src/p2p); absent: a node on its own. */
  network?: NetworkFlags
  /** --node-key / --node-key-file: the network identity instead of the stored one. */
  nodeKey?: Uint8Array
  /** --profile: fast-runtime (250 ms) or production (12 s) timing for any chain spec. */
  profile?: ChainProfile
  /** --scenario: applied to the genesis state. */
  scenario?: Scenario
  logger?: Logger
}

export interface RunningNode {
  ctx: NodeContext
  rpc: RpcServer
  port: number
  prometheusPort?: number
  dbPath: string
  stop(): Promise<void>
}

export async function startNode(o: NodeOptions): Promise<RunningNode> {
  const log = o.logger
  const spec = withProfile(loadChainSpec(o.chain), o.profile)
  const runtime = await Runtime.get(runtimeBuildOf(spec))
  const tmpBase = o.basePath === undefined ? mkdtempSync(join(tmpdir(), 'subtensor-emu-')) : undefined
  const base = o.basePath ?? tmpBase!
  const dbPath = join(base, 'chains', spec.id, 'db', 'full')
  mkdirSync(dbPath, { recursive: true })

  if (typeof spec.slotDurationMs === 'number') runtime.useSlotDuration(spec.slotDurationMs)
  const nodeKey = o.nodeKey ? nodeKeyFromSecret(o.nodeKey) : loadOrCreateNodeKey(join(base, 'chains', spec.id, 'network', 'secret_ed25519'))
  const kv = await openLevelKV(dbPath)
  const store = await BlockStore.open(kv)
  let genesis = genesisStorage(spec, runtime)
  if (o.scenario) genesis = applyScenarioToGenesis(genesis, o.scenario, runtime).storage
  const chain = await Blockchain.open(store, runtime.executive, genesis)
  const pool = new TxPool()
  const verifier = new SignatureVerifier()
  const submitter = new Submitter(runtime, chain, pool, verifier)
  const beaconSigner = startBeaconSigner(runtime.build)
  const authority = devAuthority(o.authority ?? 'alice')
  // As Substrate's dev_key_seed: the dev name's session keys are ephemeral keystore entries.
  const keystore = new Keystore(join(base, 'chains', spec.id, 'keystore'))
  if (o.authority) for (const t of ['aura', 'gran']) keystore.insertEphemeral(t, devSuri(o.authority))
  const isAuthority = o.authority !== undefined || o.validator === true
  let network: Network | undefined
  const producer = new BlockProducer(chain, pool, runtime, {
    // Aura slots are the chain's (a chain spec may shorten them, as fast-runtime does).
    mode: !isAuthority ? { kind: 'manual' } : o.sealing.kind === 'aura' ? { kind: 'aura', ms: runtime.slotDurationMs } : o.sealing,
    authority,
    keyFor: (author) => keystore.signer('aura', author),
    // With a network, GRANDPA votes finalize blocks.
    instantFinality: o.instantFinality && !o.network,
    mayAuthor: () => !network?.isSyncing(),
    submissionsAnswered: () => submitter.answered(),
    log: (m) => log?.warn(m),
  })
  const ctx: NodeContext = {
    runtime, chain, pool, producer, spec, keystore,
    info: {
      implName: IMPL_NAME, implVersion: IMPL_VERSION, nodeName: o.name,
      // No p2p listener yet, so no listen addresses; the identity is already the real one.
      roles: isAuthority ? ['Authority'] : ['Full'], peerId: nodeKey.peerId, listenAddresses: [],
    },
    // The signature is checked on a worker thread while the main thread validates the rest.
    submit: (raw) => submitter.submit(raw),
  }
  if (log) logImports(chain, log)
  if (o.network) {
    // The chain spec's bootNodes join --bootnodes, as in Substrate.
    const flags = { ...o.network, bootnodes: [...o.network.bootnodes, ...spec.bootNodes] }
    network = await startNetwork({ chain, runtime, pool, producer, submit: ctx.submit }, flags, nodeKey.secret, { authority: isAuthority, keystore }, log)
    ctx.network = network
    const submit = ctx.submit
    ctx.submit = async (raw) => { const tx = await submit(raw); network!.announceTransaction(raw); return tx }
  }

  const rpc = await createRpcServer({
    host: o.rpcExternal ? '0.0.0.0' : '127.0.0.1',
    port: o.rpcPort,
    methods: [...rpcMethods(ctx, { manualSeal: o.sealing.kind !== 'aura' }), ...(network ? grandpaMethods(chain, network.finality) : [])],
    rpcMethods: o.rpcMethods,
    cors: o.rpcCors,
    maxConnections: o.rpcMaxConnections,
    logger: log,
  })
  producer.start()
  const informant = log ? startInformant(ctx, log) : undefined
  let prometheus: PrometheusServer | undefined
  if (o.prometheusPort !== undefined) {
    // As in Substrate, a port already in use is reported, not fatal to the node.
    prometheus = await startPrometheus(ctx, o.prometheusExternal ? '0.0.0.0' : '127.0.0.1', o.prometheusPort)
      .catch((e: unknown) => { log?.warn(`Prometheus exporter not started: ${(e as Error).message}`); return undefined })
    if (prometheus) log?.info(`〽️ Prometheus exporter started at 127.0.0.1:${prometheus.port}`)
  }

  let stopped = false
  return {
    ctx, rpc, port: rpc.port, dbPath, prometheusPort: prometheus?.port,
    async stop() {
      if (stopped) return
      stopped = true
      informant?.()
      await network?.stop()
      await prometheus?.close()
      await producer.stop()
      await rpc.close()
      await store.close()
      await verifier.close()
      await beaconSigner?.close()
      if (tmpBase) rmSync(tmpBase, { recursive: true, force: true })
    },
  }
}

/**
 * "✨ Imported #N (0xab…cd)" per block, as Substrate prints it; during bursts (dev_newBlock builds
 * thousands of blocks a second) at most one line per 250 ms, saying how many blocks it covers.
 */
function logImports(chain: Blockchain, log: Logger): void {
  const QUIET_MS = 250
  let last = 0
  let skipped = 0
  chain.on('block', (b) => {
    const now = Date.now()
    if (now - last < QUIET_MS) { skipped++; return }
    log.info(`✨ Imported #${b.number} (${shortHash(b.hash)})${skipped ? ` and ${skipped} blocks before it` : ''}`)
    last = now
    skipped = 0
  })
}

export function shortHash(h: Uint8Array): string {
  const x = hexOf(h)
  return `${x.slice(0, 6)}…${x.slice(-4)}`
}
