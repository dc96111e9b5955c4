// `key generate` / `key inspect`, printing what Substrate's `subkey`-style commands print.
import { Keyring } from '@polkadot/keyring'
import { u8aToHex } from '@polkadot/util'
import { blake2AsU8a, cryptoWaitReady, decodeAddress, encodeAddress, mnemonicGenerate } from '@polkadot/util-crypto'

type Scheme = 'sr25519' | 'ed25519' | 'ecdsa'
interface KeyFlags { scheme: string; outputType: string; words?: string; public?: boolean }

function scheme(s: string): Scheme {
  if (s !== 'sr25519' && s !== 'ed25519' && s !== 'ecdsa') throw new Error(`unknown scheme ${s}`)
  return s
}

function accountOf(pub: Uint8Array, sch: Scheme): Uint8Array {
  return sch === 'ecdsa' ? blake2AsU8a(pub, 256) : pub
}

function print(o: KeyFlags, fields: Record<string, string>): void {
  if (o.outputType === 'json') {
    process.stdout.write(JSON.stringify(fields, null, 2) + '\n')
    return
  }
  const labels: Record<string, string> = {
    secretPhrase: 'Secret phrase', secretSeed: 'Secret seed', networkId: 'Network ID', publicKey: 'Public key (hex)',
    accountId: 'Account ID', publicKeySS58: 'Public key (SS58)', ss58Address: 'SS58 Address',
  }
  for (const [k, v] of Object.entries(fields)) process.stdout.write(`${(labels[k] ?? k).padEnd(20)}${v}\n`)
}

export async function keyGenerate(o: KeyFlags): Promise<void> {
  await cryptoWaitReady()
  const words = Number(o.words ?? 12) as 12 | 15 | 18 | 21 | 24
  const phrase = mnemonicGenerate(words)
  await keyInspect(phrase, o, phrase)
}

export async function keyInspect(uri: string, o: KeyFlags, phrase?: string): Promise<void> {
  await cryptoWaitReady()
  const sch = scheme(o.scheme)
  let pub: Uint8Array
  if (o.public) pub = uri.startsWith('0x') ? Uint8Array.from(Buffer.from(uri.slice(2), 'hex')) : decodeAddress(uri)
  else pub = new Keyring({ type: sch, ss58Format: 42 }).addFromUri(uri).publicKey
  const account = accountOf(pub, sch)
  const fields: Record<string, string> = {}
  if (phrase) fields.secretPhrase = phrase
  fields.networkId = 'substrate'
  fields.publicKey = u8aToHex(pub)
  fields.accountId = u8aToHex(account)
  fields.publicKeySS58 = encodeAddress(pub, 42)
  fields.ss58Address = encodeAddress(account, 42)
  print(o, fields)
}
