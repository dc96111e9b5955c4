// Fast signed-extrinsic construction for benchmarks: our own codec for the call and extensions,
// sr25519 from wasm-crypto. (Tests sign with @polkadot/api instead; this is only for volume.)
import { Keyring } from '@polkadot/keyring'
import { sr25519Sign } from '@polkadot/wasm-crypto'
import { concatBytes } from '../../src/codec/bytes.js'
import { compactBytes, encode } from '../../src/codec/scale.js'
import { signingMessage } from '../../src/runtime/extrinsic.js'
import { RuntimeCall } from '../../src/frame/outer.js'
import type { Runtime } from '../../src/runtime/runtime.js'

export interface BenchAccount { name: string; publicKey: Uint8Array; secretKey: Uint8Array }

export function benchAccount(uri: string): BenchAccount {
  const pair = new Keyring({ type: 'sr25519' }).addFromUri(uri)
  return { name: uri, publicKey: pair.publicKey, secretKey: pair.encodePkcs8().subarray(16, 80) }
}

/** The parts of a v4 signed extrinsic, so tests can swap one of them (address kind, era, call...). */
export interface SignedParts { address: Uint8Array; signature: Uint8Array; extra: Uint8Array; call: Uint8Array }

export interface SignOptions {
  nonce: number; tip?: bigint; era?: unknown; eraBlockHash?: Uint8Array
  /** CheckMetadataHash: the mode (Disabled unless given) and the hash signed (Option: none unless given). */
  metadataHashMode?: 'Disabled' | 'Enabled'; metadataHash?: Uint8Array
}

/** Sign `call` (SCALE RuntimeCall bytes) from `from` for `genesis`; immortal unless `era` is given. */
export function signParts(rt: Runtime, genesis: Uint8Array, from: BenchAccount, call: Uint8Array, o: SignOptions): SignedParts {
  const exts = rt.extrinsic.extensions
  const explicitValues: Record<string, unknown> = {
    CheckMortality: o.era ?? { type: 'Immortal' }, CheckNonce: o.nonce, ChargeTransactionPayment: o.tip ?? 0n,
    CheckMetadataHash: { mode: { type: o.metadataHashMode ?? 'Disabled' } },
  }
  const extra = concatBytes(...exts.map((e) => encode(e.type, explicitValues[e.identifier] ?? null)))
  const implicitValues: Record<string, unknown> = {
    CheckSpecVersion: rt.version.spec_version, CheckTxVersion: rt.version.transaction_version,
    CheckGenesis: genesis, CheckMortality: o.eraBlockHash ?? genesis, CheckMetadataHash: o.metadataHash ?? null,
  }
  const implicit = concatBytes(...exts.map((e) => encode(e.additionalSigned, implicitValues[e.identifier] ?? null)))
  const sig = sr25519Sign(from.publicKey, from.secretKey, signingMessage(call, extra, implicit))
  return { address: concatBytes(new Uint8Array([0x00]), from.publicKey), signature: concatBytes(new Uint8Array([0x01]), sig), extra, call }
}

/** The extrinsic (with its length prefix) made of `p`. */
export function assemble(p: SignedParts): Uint8Array {
  const body = concatBytes(new Uint8Array([0x84]), p.address, p.signature, p.extra, p.call)
  return concatBytes(compactBytes(body.length), body)
}

export function transferCall(to: Uint8Array, amount: bigint): Uint8Array {
  return encode(RuntimeCall, { type: 'Balances', value: { type: 'transfer_keep_alive', value: { dest: { type: 'Id', value: to }, value: amount } } })
}

/** An immortal transfer_keep_alive from `from` to `to` with `nonce`, signed for `genesis`. */
export function signedTransfer(rt: Runtime, genesis: Uint8Array, from: BenchAccount, to: Uint8Array, amount: bigint, nonce: number): Uint8Array {
  return assemble(signParts(rt, genesis, from, transferCall(to, amount), { nonce }))
}
