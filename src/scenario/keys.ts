// Scenario accounts to AccountIds: secret URIs and mnemonics (sr25519, as btcli and the SDK derive
// them), SS58 addresses, 0x public keys, and btcli wallets on disk (their public files only).
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { decodeAddress } from '@polkadot/util-crypto'
import { hexToBytes } from '../codec/bytes.js'
import { ScenarioError, type Scenario, type ScenarioAccount } from './schema.js'

export interface ResolvedAccount { coldkey: Uint8Array; hotkey: Uint8Array | undefined }

const isSecretUri = (k: string): boolean => k.startsWith('//') || /^[a-z]+( [a-z]+){11,23}(\/\/?.*)?$/.test(k)

/** Substrate's dev phrase: what a bare `//Name` URI derives from. */
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
let devRoot: KeyringPair | undefined
/** Derived public keys by URI: a phrase costs a PBKDF2 run, so `//…` derives from one cached root. */
const derived = new Map<string, Uint8Array>()

function publicOfUri(uri: string, keyring: Keyring): Uint8Array {
  let pk = derived.get(uri)
  if (pk) return pk
  pk = uri.startsWith('//') ? (devRoot ??= keyring.createFromUri(DEV_PHRASE)).derive(uri).publicKey : keyring.createFromUri(uri).publicKey
  if (derived.size > 100_000) derived.clear()
  derived.set(uri, pk)
  return pk
}

/** One key reference to its 32-byte public key. */
export function keyOf(ref: string, path: string, keyring = new Keyring({ type: 'sr25519' })): Uint8Array {
  if (/^0x[0-9a-fA-F]{64}$/.test(ref)) return hexToBytes(ref)
  if (isSecretUri(ref)) {
    try {
      return publicOfUri(ref, keyring)
    } catch (e) {
      throw new ScenarioError(path, `not a valid secret URI: ${(e as Error).message}`)
    }
  }
  try {
    const id = decodeAddress(ref)
    if (id.length === 32) return id
  } catch { /* reported below */ }
  throw new ScenarioError(path, `"${ref}" is neither a secret URI (//Name, mnemonic), an SS58 address nor a 0x public key`)
}

/** `~/.bittensor/wallets` unless the wallet names another folder. */
const walletRoot = (path: string | undefined): string =>
  path === undefined ? join(homedir(), '.bittensor', 'wallets') : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path

function ss58InFile(file: string, path: string): Uint8Array {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new ScenarioError(path, `cannot read ${file}: ${(e as Error).message}`)
  }
  let addr: unknown
  try {
    addr = (JSON.parse(text) as { ss58Address?: unknown }).ss58Address
  } catch {
    // coldkeypub.txt of older wallets may hold the bare address
    addr = text.trim()
  }
  if (typeof addr !== 'string') throw new ScenarioError(path, `${file} has no ss58Address (an encrypted hotkey file needs its <hotkey>pub.txt beside it)`)
  return keyOf(addr, path)
}

function walletKeys(w: NonNullable<ScenarioAccount['wallet']>, path: string): ResolvedAccount {
  const dir = join(walletRoot(w.path), w.name)
  const coldkey = ss58InFile(join(dir, 'coldkeypub.txt'), `${path}.wallet.name`)
  // Newer wallets keep the hotkey's public half in <hotkey>pub.txt; older ones only the keyfile.
  let hotkey: Uint8Array
  try {
    hotkey = ss58InFile(join(dir, 'hotkeys', `${w.hotkey}pub.txt`), `${path}.wallet.hotkey`)
  } catch {
    hotkey = ss58InFile(join(dir, 'hotkeys', w.hotkey), `${path}.wallet.hotkey`)
  }
  return { coldkey, hotkey }
}

/** Every named account of the scenario, resolved. */
export function resolveAccounts(sc: Scenario): Map<string, ResolvedAccount> {
  const keyring = new Keyring({ type: 'sr25519' })
  const out = new Map<string, ResolvedAccount>()
  for (const [name, a] of Object.entries(sc.accounts)) {
    const path = `accounts.${name}`
    if (a.wallet) {
      if (a.hotkey !== undefined) throw new ScenarioError(`${path}.hotkey`, 'a wallet account names its hotkey in wallet.hotkey')
      out.set(name, walletKeys(a.wallet, path))
      continue
    }
    const coldRef = a.coldkey!
    const coldkey = keyOf(coldRef, `${path}.coldkey`, keyring)
    const hotRef = a.hotkey ?? (isSecretUri(coldRef) ? `${coldRef}_hk` : undefined)
    out.set(name, { coldkey, hotkey: hotRef === undefined ? undefined : keyOf(hotRef, `${path}.hotkey`, keyring) })
  }
  return out
}
