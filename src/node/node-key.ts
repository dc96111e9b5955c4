// The node's network identity, kept as Substrate keeps it: a 32-byte Ed25519 secret in
// `<chain dir>/network/secret_ed25519`, and the libp2p PeerId derived from its public key
// ("12D3KooW…": base58 of the identity multihash of the protobuf-encoded public key).
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ed25519KeypairFromSeed } from '@polkadot/wasm-crypto'
import { base58Encode } from '@polkadot/util-crypto'

export interface NodeKey { secret: Uint8Array; publicKey: Uint8Array; peerId: string }

export function peerIdOf(ed25519Public: Uint8Array): string {
  // libp2p PublicKey protobuf: field 1 (KeyType) = 1 (Ed25519), field 2 (Data) = the 32 key bytes.
  const proto = new Uint8Array([0x08, 0x01, 0x12, 0x20, ...ed25519Public])
  // Identity multihash (code 0x00) because the key is short: code ‖ length ‖ bytes.
  return base58Encode(new Uint8Array([0x00, proto.length, ...proto]))
}

export function nodeKeyFromSecret(secret: Uint8Array): NodeKey {
  const kp = ed25519KeypairFromSeed(secret)
  const publicKey = kp.subarray(32)
  return { secret, publicKey, peerId: peerIdOf(publicKey) }
}

/** Load the key at `file`, or create one there (random, 0600) as Substrate does on first start. */
export function loadOrCreateNodeKey(file: string): NodeKey {
  if (existsSync(file)) {
    const secret = new Uint8Array(readFileSync(file))
    if (secret.length !== 32) throw new Error(`${file}: expected a 32-byte Ed25519 secret, found ${secret.length} bytes`)
    return nodeKeyFromSecret(secret)
  }
  mkdirSync(dirname(file), { recursive: true })
  const secret = new Uint8Array(randomBytes(32))
  writeFileSync(file, secret, { mode: 0o600 })
  return nodeKeyFromSecret(secret)
}

/** A secret given as 64 hex digits (0x optional), as `--node-key` takes it. */
export function parseNodeKey(hex: string, what: string): Uint8Array {
  const h = hex.trim().replace(/^0x/, '')
  if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new Error(`${what}: expected a 32-byte Ed25519 secret as 64 hex digits`)
  return Uint8Array.from(Buffer.from(h, 'hex'))
}

/** `--node-key-file`: 32 raw bytes (what Substrate stores) or the secret as hex text. */
export function readNodeKeyFile(file: string): Uint8Array {
  let raw: Buffer
  try {
    raw = readFileSync(file)
  } catch (e) {
    throw new Error(`--node-key-file ${file}: ${(e as Error).message}`)
  }
  return raw.length === 32 ? new Uint8Array(raw) : parseNodeKey(raw.toString('utf8'), `--node-key-file ${file}`)
}
