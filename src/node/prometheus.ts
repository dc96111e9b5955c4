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
    '# HELP substrate_ready_transactions_number Number of transactions in the ready queue',
    '# TYPE substrate_ready_transactions_number gauge',
    `substrate_ready_transactions_number{chain="${chain}"} ${ready}`,
    '# HELP substrate_sub_libp2p_peers_count Number of connected peers',
    '# TYPE substrate_sub_libp2p_peers_count gauge',
    `substrate_sub_libp2p_peers_count{chain="${chain}"} 0`,
    '# HELP substrate_build_info A metric with a constant \'1\' value labeled by name, version',
    '# TYPE substrate_build_info gauge',
    `substrate_build_info{name="${ctx.info.nodeName}",version="${ctx.info.implVersion}",chain="${chain}"} 1`,
    '# HELP substrate_node_roles The roles the node is running as',
    '# TYPE substrate_node_roles gauge',
    `substrate_node_roles{chain="${chain}"} ${ctx.info.roles.includes('Authority') ? 4 : 1}`,
  ]
  return lines.join('\n') + '\n'
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
