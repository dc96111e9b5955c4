// The node's keystore, laid out as sc-keystore's LocalKeystore: one file per key in
// `<base>/chains/<id>/keystore/`, named hex(key type) ‖ hex(public key), holding the secret URI
// (a phrase, `//Seed` or a hex seed) as a JSON string. Dev keys (`--alice` …) are ephemeral: held
// in memory only, as Substrate's `insert_ephemeral_from_seed` keeps them. Aura authors and the
// GRANDPA voter ask it for the key of a public key in the current authority set.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KeyringPair } from '@polkadot/keyring/types'
import { mnemonicGenerate } from '@polkadot/util-crypto'
import { sr25519Sign } from '@polkadot/wasm-crypto'
import { hexOf, sameBytes } from '../codec/bytes.js'
import { pairFromUri } from '../frame/dev-keys.js'

export type KeyScheme = 'sr25519' | 'ed25519'

/** A key the node signs with. */
export interface Signer { publicKey: Uint8Array; sign(message: Uint8Array): Uint8Array }

/** The crypto of each application key type subtensor's runtime declares (sp_application_crypto). */
const SCHEMES: Record<string, KeyScheme> = { aura: 'sr25519', gran: 'ed25519' }

export function schemeOf(keyType: string): KeyScheme { return SCHEMES[keyType] ?? 'sr25519' }

const typeHex = (keyType: string): string => Buffer.from(keyType, 'utf8').toString('hex')

export class Keystore {
  /** Ephemeral (dev) keys: type → public hex → suri. */
  private readonly ephemeral = new Map<string, Map<string, string>>()
  private readonly signers = new Map<string, Signer | null>()

  /** `dir` undefined: an in-memory keystore (nothing survives a restart). */
  constructor(readonly dir?: string) {
    if (dir) mkdirSync(dir, { recursive: true, mode: 0o700 })
  }

  /** author_insertKey: files the suri under type and public key; the pair is not checked here (as sc-keystore). */
  insert(keyType: string, suri: string, publicKey: Uint8Array): void {
    if (!this.dir) { this.ephemeralOf(keyType).set(hexOf(publicKey), suri); return }
    writeFileSync(this.fileOf(keyType, publicKey), JSON.stringify(suri), { mode: 0o600 })
  }

  /** A key derived from `suri`, kept in memory only (dev keys of `--alice` …). */
  insertEphemeral(keyType: string, suri: string): Uint8Array {
    const pair = pairOf(schemeOf(keyType), suri)
    this.ephemeralOf(keyType).set(hexOf(pair.publicKey), suri)
    return pair.publicKey
  }

  /** A new random key of `keyType` (a 12-word phrase), stored; author_rotateKeys' generate_session_keys. */
  generate(keyType: string): Uint8Array {
    const phrase = mnemonicGenerate(12)
    const pair = pairOf(schemeOf(keyType), phrase)
    this.insert(keyType, phrase, pair.publicKey)
    return pair.publicKey
  }

  /** Whether the keystore holds a secret for this public key (the file exists, as sc-keystore checks). */
  has(keyType: string, publicKey: Uint8Array): boolean {
    return this.suriOf(keyType, publicKey) !== undefined
  }

  /** The public keys of `keyType`: ephemeral ones, then those on disk. */
  publicKeys(keyType: string): Uint8Array[] {
    const out = [...(this.ephemeral.get(keyType)?.keys() ?? [])]
    if (this.dir && existsSync(this.dir)) {
      const prefix = typeHex(keyType)
      for (const name of readdirSync(this.dir)) {
        if (name.length === prefix.length + 64 && name.startsWith(prefix) && /^[0-9a-f]+$/.test(name)) out.push(`0x${name.slice(prefix.length)}`)
      }
    }
    return [...new Set(out)].map((h) => Uint8Array.from(Buffer.from(h.slice(2), 'hex')))
  }

  /**
   * The signer of one of `candidates` (an authority set) this keystore holds, if any. A key whose
   * suri does not derive its public key is skipped, as sc-keystore refuses it (PublicKeyMismatch).
   */
  signerAmong(keyType: string, candidates: Uint8Array[]): Signer | undefined {
    for (const pk of candidates) {
      const s = this.signer(keyType, pk)
      if (s) return s
    }
    return undefined
  }

  signer(keyType: string, publicKey: Uint8Array): Signer | undefined {
    const id = `${keyType}:${hexOf(publicKey)}`
    const cached = this.signers.get(id)
    if (cached !== undefined) return cached ?? undefined
    const suri = this.suriOf(keyType, publicKey)
    if (suri === undefined) return undefined // not cached: the key may be inserted later
    let s: Signer | null = null
    try {
      const pair = pairOf(schemeOf(keyType), suri)
      if (sameBytes(pair.publicKey, publicKey)) s = signerOf(schemeOf(keyType), pair)
    } catch {
      // An unparsable suri is no key.
    }
    this.signers.set(id, s)
    return s ?? undefined
  }

  private ephemeralOf(keyType: string): Map<string, string> {
    let m = this.ephemeral.get(keyType)
    if (!m) this.ephemeral.set(keyType, (m = new Map()))
    return m
  }

  private fileOf(keyType: string, publicKey: Uint8Array): string {
    return join(this.dir!, typeHex(keyType) + Buffer.from(publicKey).toString('hex'))
  }

  private suriOf(keyType: string, publicKey: Uint8Array): string | undefined {
    const e = this.ephemeral.get(keyType)?.get(hexOf(publicKey))
    if (e !== undefined) return e
    if (!this.dir) return undefined
    const file = this.fileOf(keyType, publicKey)
    if (!existsSync(file)) return undefined
    const text = readFileSync(file, 'utf8')
    try {
      const v: unknown = JSON.parse(text)
      return typeof v === 'string' ? v : undefined
    } catch {
      return undefined
    }
  }
}

function pairOf(scheme: KeyScheme, suri: string): KeyringPair {
  return pairFromUri(suri, scheme)
}

function signerOf(scheme: KeyScheme, pair: KeyringPair): Signer {
  if (scheme === 'ed25519') return { publicKey: pair.publicKey, sign: (m) => pair.sign(m) }
  // @polkadot/keyring's pkcs8: 16-byte header, 64-byte secret, 5-byte divider, 32-byte public;
  // signing with wasm-crypto directly skips the pair's per-call checks.
  const secretKey = pair.encodePkcs8().subarray(16, 80)
  const publicKey = pair.publicKey
  return { publicKey, sign: (m) => sr25519Sign(publicKey, secretKey, m) }
}
