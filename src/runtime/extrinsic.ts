// UncheckedExtrinsic v4 (sp_runtime::generic::UncheckedExtrinsic): decoding, the signed payload,
// and building unsigned (inherent) extrinsics.
import { blake2_256 } from '../codec/hashing.js'
import { codecOf, compactBytes, MAX_DEPTH_MESSAGE, readCompactNumber, Reader, ScaleError, Writer } from '../codec/scale.js'
import type { Ty } from '../codec/types.js'
import type { RuntimeCallValue } from '../frame/declare/pallet.js'
import { MultiAddress, MultiSignature } from '../frame/primitives.js'
import type { SignatureKind } from './signature.js'
import { eraFromValue } from './era.js'

export interface ExtensionSpec { identifier: string; type: Ty; additionalSigned: Ty }

export interface SignedPart {
  /**
   * The 32-byte account from MultiAddress::Id; null for any other address kind, which decodes but
   * which this runtime's lookup (AccountIdLookup) cannot resolve: checking such an extrinsic fails
   * with CannotLookup, while what needs no signer (dispatch info, fee estimates) still works.
   */
  signer: Uint8Array | null
  /** The address variant as encoded (`Id`, `Index`, `Raw`, `Address32`, `Address20`). */
  addressKind: string
  signatureKind: SignatureKind
  signature: Uint8Array
  /** Explicit extension values, one per extension, in declaration order. */
  extra: unknown[]
  /** The explicit extension bytes exactly as they appear in the extrinsic. */
  extraBytes: Uint8Array
}

export interface DecodedExtrinsic {
  /** Full encoding as submitted, compact length prefix included (what blocks store and hash). */
  raw: Uint8Array
  hash: Uint8Array
  signed: SignedPart | null
  callBytes: Uint8Array
  call: RuntimeCallValue
}

/** The outer envelope is a `Vec<u8>`; a wrong length prefix is a format error, not a runtime one. */
export class ExtrinsicFormatError extends Error {}
/** The bytes inside the envelope do not decode as this runtime's extrinsic. */
export class ExtrinsicDecodeError extends Error {}
/**
 * The call nests deeper than MAX_EXTRINSIC_DEPTH. Runtime APIs take such an extrinsic (their
 * arguments decode without a depth limit); frame_executive's own depth-limited decode then refuses
 * it as InvalidTransaction::Call.
 */
export class CallTooDeepError extends ExtrinsicDecodeError {}

const SIGNED_BIT = 0x80
const FORMAT_VERSION = 4

/** Split the envelope and check its length prefix (OpaqueExtrinsic decoding). */
export function extrinsicBody(raw: Uint8Array): Uint8Array {
  const r = new Reader(raw)
  let len: number
  try { len = readCompactNumber(r) } catch (e) { throw new ExtrinsicFormatError((e as Error).message) }
  if (len !== r.remaining) throw new ExtrinsicFormatError(len > r.remaining ? 'Not enough data to fill buffer' : 'Input buffer has still data left after decoding')
  return raw.subarray(r.pos)
}

/** Where CheckMortality sits in an extension list (-1: not there), looked up once per list. */
const mortalityIndexes = new WeakMap<ExtensionSpec[], number>()
function mortalityIndex(extensions: ExtensionSpec[]): number {
  let i = mortalityIndexes.get(extensions)
  if (i === undefined) {
    i = extensions.findIndex((e) => e.identifier === 'CheckMortality')
    mortalityIndexes.set(extensions, i)
  }
  return i
}

export function decodeExtrinsic(raw: Uint8Array, runtimeCall: Ty, extensions: ExtensionSpec[]): DecodedExtrinsic {
  const body = extrinsicBody(raw)
  const r = new Reader(body)
  try {
    const version = r.byte()
    if ((version & 0x7f) !== FORMAT_VERSION) throw new ExtrinsicDecodeError(`Invalid transaction version ${version & 0x7f}`)
    let signed: SignedPart | null = null
    if (version & SIGNED_BIT) {
      const address = codecOf<{ type: string; value: Uint8Array }>(MultiAddress).dec(r)
      const sig = codecOf<{ type: SignatureKind; value: Uint8Array }>(MultiSignature).dec(r)
      const extraStart = r.pos
      const extra = extensions.map((e) => codecOf(e.type).dec(r))
      // An era with an impossible period/phase does not decode (Era's Decode impl refuses it).
      const mortality = mortalityIndex(extensions)
      if (mortality >= 0) {
        try { eraFromValue(extra[mortality] as { type: string; value?: unknown }) } catch { throw new ExtrinsicDecodeError('Invalid period and phase') }
      }
      signed = { signer: address.type === 'Id' ? address.value : null, addressKind: address.type, signatureKind: sig.type, signature: sig.value, extra, extraBytes: body.slice(extraStart, r.pos) }
    }
    const callStart = r.pos
    const call = codecOf<RuntimeCallValue>(runtimeCall).dec(r)
    if (r.remaining !== 0) throw new ExtrinsicDecodeError('Input buffer has still data left after decoding')
    return { raw, hash: blake2_256(raw), signed, callBytes: body.slice(callStart), call }
  } catch (e) {
    if (e instanceof ExtrinsicDecodeError) throw e
    if (e instanceof ScaleError && e.message === MAX_DEPTH_MESSAGE) throw new CallTooDeepError(e.message)
    if (e instanceof ScaleError) throw new ExtrinsicDecodeError(`Could not decode extrinsic: ${e.message}`)
    throw e
  }
}

/** call ‖ explicit extras ‖ implicit data; payloads over 256 bytes are signed as their blake2-256. */
export function signingMessage(callBytes: Uint8Array, extraBytes: Uint8Array, implicit: Uint8Array): Uint8Array {
  const w = new Writer(callBytes.length + extraBytes.length + implicit.length)
  w.bytes(callBytes)
  w.bytes(extraBytes)
  w.bytes(implicit)
  const payload = w.finish()
  return payload.length > 256 ? blake2_256(payload) : payload
}

/** An unsigned (bare) extrinsic carrying `callBytes`, with its length prefix. */
export function bareExtrinsic(callBytes: Uint8Array): Uint8Array {
  const prefix = compactBytes(callBytes.length + 1)
  const out = new Uint8Array(prefix.length + 1 + callBytes.length)
  out.set(prefix)
  out[prefix.length] = FORMAT_VERSION
  out.set(callBytes, prefix.length + 1)
  return out
}
