import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { base58Decode, cryptoWaitReady } from '@polkadot/util-crypto'
import { describe, expect, it } from 'vitest'
import { loadOrCreateNodeKey, nodeKeyFromSecret, peerIdOf } from './node-key.js'

await cryptoWaitReady()

describe('node key and PeerId', () => {
  it('derives the libp2p Ed25519 PeerId layout (12D3KooW…, identity multihash of the protobuf key)', () => {
    const id = peerIdOf(new Uint8Array(32).fill(7))
    expect(id.startsWith('12D3KooW')).toBe(true)
    const raw = base58Decode(id)
    expect([...raw.subarray(0, 6)]).toEqual([0x00, 36, 0x08, 0x01, 0x12, 0x20])
    expect([...raw.subarray(6)]).toEqual(new Array(32).fill(7))
  })

  it('creates a key once and loads the same identity afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nodekey-'))
    try {
      const file = join(dir, 'network', 'secret_ed25519')
      const a = loadOrCreateNodeKey(file)
      const b = loadOrCreateNodeKey(file)
      expect(b.peerId).toBe(a.peerId)
      expect(readFileSync(file)).toHaveLength(32)
      expect(nodeKeyFromSecret(a.secret).publicKey).toEqual(a.publicKey)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
