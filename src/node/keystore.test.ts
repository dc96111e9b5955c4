// The keystore on disk: Substrate's file names and contents, keys that survive a reopen, signers
// only for keys whose suri derives their public key, ephemeral dev keys that never touch disk.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Keyring } from '@polkadot/keyring'
import { cryptoWaitReady, ed25519Verify, mnemonicValidate, sr25519Verify } from '@polkadot/util-crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Keystore } from './keystore.js'

const dirs: string[] = []
const freshDir = (): string => { const d = mkdtempSync(join(tmpdir(), 'keystore-')); dirs.push(d); return d }
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })
beforeAll(async () => { await cryptoWaitReady() })

const pub = (type: 'sr25519' | 'ed25519', suri: string): Uint8Array => new Keyring({ type }).addFromUri(suri).publicKey
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

describe('Keystore', () => {
  it('files a key as hex(type) ‖ hex(public) holding the suri as JSON, and finds it again after a reopen', () => {
    const dir = freshDir()
    const aura = pub('sr25519', '//Charlie')
    new Keystore(dir).insert('aura', '//Charlie', aura)
    // "aura" = 61 75 72 61
    expect(readdirSync(dir)).toEqual([`61757261${hex(aura)}`])
    expect(readFileSync(join(dir, `61757261${hex(aura)}`), 'utf8')).toBe('"//Charlie"')
    const again = new Keystore(dir)
    expect(again.has('aura', aura)).toBe(true)
    expect(again.publicKeys('aura').map(hex)).toEqual([hex(aura)])
    const msg = new TextEncoder().encode('seal me')
    const s = again.signerAmong('aura', [pub('sr25519', '//Alice'), aura])!
    expect(hex(s.publicKey)).toBe(hex(aura))
    expect(sr25519Verify(msg, s.sign(msg), aura)).toBe(true)
  })

  it('signs GRANDPA votes with ed25519', () => {
    const ks = new Keystore(freshDir())
    const gran = pub('ed25519', '//Bob')
    ks.insert('gran', '//Bob', gran)
    const msg = new Uint8Array([1, 2, 3])
    expect(ed25519Verify(msg, ks.signer('gran', gran)!.sign(msg), gran)).toBe(true)
  })

  it('holds a key whose suri is not its public key but never signs with it', () => {
    const ks = new Keystore(freshDir())
    const bob = pub('sr25519', '//Bob')
    ks.insert('aura', '//Alice', bob)
    expect(ks.has('aura', bob)).toBe(true)
    expect(ks.signer('aura', bob)).toBeUndefined()
    expect(ks.signerAmong('aura', [bob])).toBeUndefined()
  })

  it('generates session keys from a new phrase, stored on disk', () => {
    const dir = freshDir()
    const ks = new Keystore(dir)
    const aura = ks.generate('aura')
    const gran = ks.generate('gran')
    const phrase = JSON.parse(readFileSync(join(dir, `61757261${hex(aura)}`), 'utf8')) as string
    expect(mnemonicValidate(phrase)).toBe(true)
    expect(hex(pub('sr25519', phrase))).toBe(hex(aura))
    const granPhrase = JSON.parse(readFileSync(join(dir, `6772616e${hex(gran)}`), 'utf8')) as string
    expect(hex(pub('ed25519', granPhrase))).toBe(hex(gran))
    expect(new Keystore(dir).has('gran', gran)).toBe(true)
  })

  it('keeps ephemeral (dev) keys in memory only', () => {
    const dir = freshDir()
    const ks = new Keystore(dir)
    const alice = ks.insertEphemeral('aura', '//Alice')
    expect(hex(alice)).toBe(hex(pub('sr25519', '//Alice')))
    expect(ks.has('aura', alice)).toBe(true)
    expect(ks.signer('aura', alice)).toBeDefined()
    expect(readdirSync(dir)).toEqual([])
    expect(new Keystore(dir).has('aura', alice)).toBe(false)
  })

  it('a key inserted after a failed lookup is found', () => {
    const ks = new Keystore(freshDir())
    const gran = pub('ed25519', '//Dave')
    expect(ks.signer('gran', gran)).toBeUndefined()
    ks.insert('gran', '//Dave', gran)
    expect(ks.signer('gran', gran)).toBeDefined()
  })
})
