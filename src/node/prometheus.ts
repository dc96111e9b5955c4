// A Prometheus exporter with Substrate's metric names, on `--prometheus-port` (9615).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { NodeContext } from './context.js'

export interface PrometheusServer { port: number; close(): Promise<void> }

function render(ctx: NodeContext): string {
  const chain = ctx.spec.id
  const ready = ctx.pool.all().filter((t) => t.ready).length
  const lines = [
    '# HELP substrate_block_height Block height info of the chain',
    '# TYPE substrate_block_height gauge',
    `substrate_block_height{status="best",chain="${chain}"} ${ctx.chain.durableBest.number}`,
    `substrate_block_height{status="finalized",chain="${chain}"} ${ctx.chain.durableFinalized.number}`,
    `substrate_block_height{status="sync_target",chain="${chain}"} ${ctx.network ? ctx.network.highestBlock() : ctx.chain.durableBest.number}`,
    '# HELP substrate_ready_transactions_number Number of transactions in the ready queue',
    '# TYPE substrate_ready_transactions_number gauge',
    `substrate_ready_transactions_number{chain="${chain}"} ${ready}`,
    '# HELP substrate_sub_libp2p_peers_count Number of connected peers',
    '# TYPE substrate_sub_libp2p_peers_count gauge',
    `substrate_sub_libp2p_peers_count{chain="${chain}"} ${ctx.network?.peers().length ?? 0}`,
    ...networkLines(ctx, chain),
    '# HELP substrate_build_info A metric with a constant \'1\' value labeled by name, version',
    '# TYPE substrate_build_info gauge',
    `substrate_build_info{name="${ctx.info.nodeName}",version="${ctx.info.implVersion}",chain="${chain}"} 1`,
    '# HELP substrate_node_roles The roles the node is running as',
    '# TYPE substrate_node_roles gauge',
    `substrate_node_roles{chain="${chain}"} ${ctx.info.roles.includes('Authority') ? 4 : 1}`,
  ]
  return lines.join('\n') + '\n'
}

/** Sync state, finality lag and gossip traffic of the p2p network. */
function networkLines(ctx: NodeContext, chain: string): string[] {
  const net = ctx.network
  const lag = ctx.chain.best.number - ctx.chain.finalized.number
  const lines = [
    '# HELP substrate_sub_libp2p_is_major_syncing Whether the node is performing a major sync or not.',
    '# TYPE substrate_sub_libp2p_is_major_syncing gauge',
    `substrate_sub_libp2p_is_major_syncing{chain="${chain}"} ${net?.isSyncing() ? 1 : 0}`,
    '# HELP substrate_finality_lag_blocks Best block number minus finalized block number',
    '# TYPE substrate_finality_lag_blocks gauge',
    `substrate_finality_lag_blocks{chain="${chain}"} ${lag}`,
  ]
  if (net) {
    const c = net.gossipCounters()
    lines.push('# HELP substrate_sub_libp2p_gossip_messages_total Gossip messages received and sent, by topic', '# TYPE substrate_sub_libp2p_gossip_messages_total counter')
    for (const dir of ['in', 'out'] as const) {
      for (const [topic, n] of Object.entries(c[dir])) lines.push(`substrate_sub_libp2p_gossip_messages_total{direction="${dir}",topic="${topic}",chain="${chain}"} ${n}`)
    }
  }
  return lines
}

export async function startPrometheus(ctx: NodeContext, host: string, port: number): Promise<PrometheusServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.')
      return
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(render(ctx))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => { server.off('error', reject); resolve() })
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
