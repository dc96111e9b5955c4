// Network identity on the command line: `key generate-node-key` / `inspect-node-key`, --node-key
// and --node-key-file giving the node that identity, and bad p2p flags refused with the reason.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, startNodeProcess } from './node-process.js'

const run = (...args: string[]): { out: string; err: string; status: number | null } => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })
  return { out: r.stdout, err: r.stderr, status: r.status }
}

describe('network identity commands', () => {
  it('generate-node-key writes a secret whose peer id inspect-node-key and the node agree on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'i14-key-'))
    try {
      const file = join(dir, 'node.key')
      const gen = run('key', 'generate-node-key', '--file', file)
      expect(gen.status).toBe(0)
      const peerId = gen.err.trim()
      expect(peerId).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]+$/)
      expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}$/)
      expect(execFileSync(process.execPath, [BIN, 'key', 'inspect-node-key', '--file', file], { encoding: 'utf8' }).trim()).toBe(peerId)
      const node = await startNodeProcess(['--dev', '--sealing', 'manual', '--node-key-file', file, '--listen-addr', '/ip4/127.0.0.1/tcp/0'])
      try {
        const res = await fetch(`http://127.0.0.1:${node.port}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_localPeerId', params: [] }) })
        expect(((await res.json()) as { result: string }).result).toBe(peerId)
        expect(node.output()).toContain(`Local node identity is: ${peerId}`)
      } finally {
        await node.kill('SIGTERM')
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('without --file prints the secret as hex; --node-key takes it', async () => {
    const gen = run('key', 'generate-node-key')
    const secret = gen.out.trim()
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    const node = await startNodeProcess(['--dev', '--sealing', 'manual', '--node-key', secret, '--listen-addr', '/ip4/127.0.0.1/tcp/0'])
    try {
      expect(node.output()).toContain(`Local node identity is: ${gen.err.trim()}`)
    } finally {
      await node.kill('SIGTERM')
    }
  })

  it('refuses a bootnode without a peer id and a malformed node key', () => {
    const boot = run('--dev', '--bootnodes', '/ip4/127.0.0.1/tcp/30333')
    expect(boot.status).not.toBe(0)
    expect(boot.out + boot.err).toMatch(/has no \/p2p\/<peer id>/)
    const key = run('--dev', '--node-key', 'xyz')
    expect(key.status).not.toBe(0)
    expect(key.out + key.err).toMatch(/--node-key: expected a 32-byte Ed25519 secret/)
  })
})
