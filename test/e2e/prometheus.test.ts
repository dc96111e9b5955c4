// `--prometheus-port`: Substrate's metric names with the node's real heights.
import { describe, expect, it } from 'vitest'
import { startNodeProcess } from './node-process.js'

describe('Prometheus exporter', () => {
  it('serves block heights on /metrics and 404 elsewhere', async () => {
    const node = await startNodeProcess(['--dev', '--sealing', 'manual', '--prometheus-port', '0'])
    try {
      let m: RegExpExecArray | null = null
      for (let i = 0; i < 200 && !m; i++) {
        m = /Prometheus exporter started at [\d.]+:(\d+)/.exec(node.output())
        if (!m) await new Promise((r) => setTimeout(r, 10))
      }
      const port = Number(m![1])
      await fetch(`http://127.0.0.1:${node.port}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'dev_newBlock', params: [{ count: 7 }] }),
      })
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
      expect(text).toMatch(/^substrate_block_height\{status="best",chain="bittensor"\} 7$/m)
      expect(text).toMatch(/^substrate_block_height\{status="finalized",chain="bittensor"\} 7$/m)
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404)
    } finally {
      await node.kill('SIGTERM')
    }
  })

  it('--no-prometheus starts no exporter', async () => {
    const node = await startNodeProcess(['--dev', '--sealing', 'manual', '--no-prometheus'])
    await new Promise((r) => setTimeout(r, 300))
    expect(node.output()).not.toContain('Prometheus exporter started')
    await node.kill('SIGTERM')
  })
})
