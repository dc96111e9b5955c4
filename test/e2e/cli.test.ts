// The substrate-style subcommands, run as a user runs them.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Keyring } from '@polkadot/keyring'
import { cryptoWaitReady } from '@polkadot/util-crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { BIN } from './node-process.js'

const run = (...args: string[]): string => execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })
const dir = mkdtempSync(join(tmpdir(), 'emu-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('CLI subcommands', () => {
  it('build-spec --raw gives a spec whose genesis is the same block as the plain spec', () => {
    const plain = JSON.parse(run('build-spec', '--dev')) as { id: string; genesis: { runtimeGenesis?: unknown } }
    expect(plain.id).toBe('bittensor')
    expect(plain.genesis.runtimeGenesis).toBeDefined()
    const raw = run('build-spec', '--dev', '--raw')
    const parsed = JSON.parse(raw) as { genesis: { raw: { top: Record<string, string> } } }
    // System.BlockHash(0) starts as 0x45…45, as frame_system's genesis writes it.
    expect(parsed.genesis.raw.top['0x26aa394eea5630e07c48ae0c9558cef7a44704b568d21667356a5a050c118746b4def25cfda6ef3a00000000']).toBe('0x' + '45'.repeat(32))
    const file = join(dir, 'raw.json')
    writeFileSync(file, raw)
    const fromRaw = run('export-genesis-head', '--chain', file, '--hash').trim()
    expect(fromRaw).toMatch(/^0x[0-9a-f]{64}$/)
    expect(run('export-genesis-head', '--dev', '--hash').trim()).toBe(fromRaw)
    // The header itself: parent 0, number 0, and it hashes to the genesis hash.
    const header = run('export-genesis-head', '--chain', file).trim()
    expect(header.startsWith('0x' + '00'.repeat(32) + '00')).toBe(true)
  })

  it('key inspect prints the dev account for //Alice', async () => {
    await cryptoWaitReady()
    const alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice')
    const out = JSON.parse(run('key', 'inspect', '//Alice', '--output-type', 'json')) as { ss58Address: string; publicKey: string }
    expect(out.ss58Address).toBe(alice.address)
    expect(out.publicKey).toBe('0x' + Buffer.from(alice.publicKey).toString('hex'))
    const gen = JSON.parse(run('key', 'generate', '--output-type', 'json')) as { secretPhrase: string; ss58Address: string }
    expect(gen.secretPhrase.split(' ')).toHaveLength(12)
    expect(new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(gen.secretPhrase).address).toBe(gen.ss58Address)
  })

  it('purge-chain -y removes the chain database', () => {
    const db = join(dir, 'chains', 'bittensor', 'db', 'full')
    mkdirSync(db, { recursive: true })
    writeFileSync(join(db, 'CURRENT'), 'x')
    const out = run('purge-chain', '--dev', '-d', dir, '-y')
    expect(out).toContain('removed')
    expect(existsSync(join(dir, 'chains', 'bittensor', 'db'))).toBe(false)
  })

  it('refuses a bad flag with an error', () => {
    expect(() => execFileSync(process.execPath, [BIN, '--sealing', 'sometimes', '--dev'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/--sealing/)
  })
})
