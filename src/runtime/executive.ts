// frame_executive in TypeScript: initialise a block, apply extrinsics, finalise, and validate
// transactions for the pool. Pure: it only touches the Store it is handed.
import { sameBytes } from '../codec/bytes.js'
import { blake2_256 } from '../codec/hashing.js'
import type { Ty } from '../codec/types.js'
import type { CallInfo, DispatchOutcome, ExecEnv, PalletDecl, RuntimeCallValue } from '../frame/declare/pallet.js'
import type { Store } from '../frame/declare/storage.js'
import type { Dispatcher } from './dispatch.js'
import {
  decodeExtrinsic, ExtrinsicDecodeError, ExtrinsicFormatError, signingMessage,
  type DecodedExtrinsic, type ExtensionSpec,
} from './extrinsic.js'
import {
  implicitBytes, postDispatchSigned, prepareSigned, validateSigned, type CheckCtx, type ExtensionHost,
} from './extensions.js'
import { addWeight, type DigestItemValue, type Origin, type WeightValue, ZERO_WEIGHT } from '../frame/primitives.js'
import { isVerified, verifySignature, type SignatureJob } from './signature.js'
import { invalid, TransactionValidityError, unknown, type ValidityError, type ValidTransaction } from './validity.js'

/** The frame_system functions the executive drives (implemented by the System pallet). */
export interface SystemOps {
  initialize(s: Store, number: number, parentHash: Uint8Array, digest: DigestItemValue[]): void
  /** Account the base block weight plus what on_initialize used, as Mandatory. */
  noteInitializeWeight(s: Store, used: WeightValue): void
  noteFinishedInitialize(s: Store): void
  noteFinishedExtrinsics(s: Store): void
  depositEvent(s: Store, runtimeEvent: Uint8Array, topics?: Uint8Array[]): void
  /** depositEvent of each event in order, no topics, the event count read and written once. */
  depositEvents(s: Store, runtimeEvents: readonly Uint8Array[]): void
  noteAppliedExtrinsic(s: Store, outcome: DispatchOutcome, info: CallInfo & { actualWeight: WeightValue }): void
  finalize(s: Store): { number: number; parentHash: Uint8Array; digest: DigestItemValue[] }
}

export interface BlockContext { number: number; parentHash: Uint8Array; digest: DigestItemValue[] }

export type ApplyResult =
  | { ok: true; outcome: DispatchOutcome; fee: bigint }
  | { ok: false; error: ValidityError }

export type TransactionSource = 'InBlock' | 'Local' | 'External'

/** A block cannot be built or imported (e.g. an inherent failed); not a transaction error. */
export class BlockError extends Error {}

export interface ExecutiveConfig {
  pallets: PalletDecl[]
  dispatcher: Dispatcher
  runtimeCall: Ty
  extensions: ExtensionSpec[]
  host: ExtensionHost
  system: SystemOps
}

/** An inherent as its maker knows it (see Executive.noteOwn). */
class OwnExtrinsic implements DecodedExtrinsic {
  readonly signed = null
  private h: Uint8Array | undefined
  constructor(readonly raw: Uint8Array, readonly callBytes: Uint8Array, readonly call: RuntimeCallValue) {}
  get hash(): Uint8Array { return (this.h ??= blake2_256(this.raw)) }
}

export class Executive {
  private readonly byIndex: PalletDecl[]

  constructor(private readonly cfg: ExecutiveConfig) {
    this.byIndex = [...cfg.pallets].sort((a, b) => a.index - b.index)
  }

  /**
   * The environment pallets see while `s` executes block `blockNumber`. It holds nothing but `s`,
   * so the one made last is handed out again for the same store and block (initialisation, every
   * extrinsic and finalisation of a block share it).
   */
  env(s: Store, blockNumber: number): ExecEnv {
    const last = this.lastEnv
    if (last !== null && last.s === s && last.env.blockNumber === blockNumber) return last.env
    const env: ExecEnv = {
      blockNumber,
      depositEvent: (ev, topics) => this.cfg.system.depositEvent(s, ev, topics),
      depositEvents: (evs) => this.cfg.system.depositEvents(s, evs),
      dispatch: (call, origin) => this.cfg.dispatcher.dispatch(s, env, call, origin),
      callInfo: (call) => this.cfg.dispatcher.info(call),
    }
    this.lastEnv = { s, env }
    return env
  }

  private lastEnv: { s: Store; env: ExecEnv } | null = null

  /**
   * A transaction is decoded on submission, for its signature job, in validation, in the block
   * and in revalidation: the bytes object the pool holds is decoded once (nothing mutates a
   * decoded extrinsic; refused bytes are decoded again and refused again).
   */
  decode(raw: Uint8Array): DecodedExtrinsic {
    let xt = this.decoded.get(raw)
    if (xt === undefined) {
      xt = decodeExtrinsic(raw, this.cfg.runtimeCall, this.cfg.extensions)
      this.decoded.set(raw, xt)
    }
    return xt
  }

  private readonly decoded = new WeakMap<Uint8Array, DecodedExtrinsic>()

  /**
   * An unsigned extrinsic this runtime made itself (an inherent) from `call`: what decoding `raw`
   * would give, so applying it decodes nothing. Its hash is worked out only when asked for.
   */
  noteOwn(raw: Uint8Array, callBytes: Uint8Array, call: RuntimeCallValue): void {
    this.decoded.set(raw, new OwnExtrinsic(raw, callBytes, call))
  }

  /** blake2_256 of `raw` when these bytes were decoded here already (the decoding hashed them), else null. */
  knownHash(raw: Uint8Array): Uint8Array | null { return this.decoded.get(raw)?.hash ?? null }

  initializeBlock(s: Store, b: BlockContext): WeightValue {
    this.cfg.system.initialize(s, b.number, b.parentHash, b.digest)
    // One hook context for every pallet (hooks only read it).
    const ctx = { s, env: this.env(s, b.number), blockNumber: b.number }
    let w = ZERO_WEIGHT
    for (const p of this.byIndex) {
      const used = p.hooks.onInitialize?.(ctx)
      if (used) w = addWeight(w, used)
    }
    this.cfg.system.noteInitializeWeight(s, w)
    this.cfg.system.noteFinishedInitialize(s)
    return w
  }

  /** Apply one extrinsic; a validity error leaves the state exactly as it was. */
  applyExtrinsic(s: Store, raw: Uint8Array, blockNumber: number): ApplyResult {
    let xt: DecodedExtrinsic
    try {
      xt = this.decode(raw)
    } catch (e) {
      if (e instanceof ExtrinsicDecodeError || e instanceof ExtrinsicFormatError) return { ok: false, error: { kind: 'Invalid', reason: 'Call' } }
      throw e
    }
    // Checkable::check looks the signer up before anything else.
    if (xt.signed && xt.signed.signer === null) return { ok: false, error: { kind: 'Unknown', reason: 'CannotLookup' } }
    const env = this.env(s, blockNumber)
    const info = this.cfg.dispatcher.info(xt.call)
    if (!xt.signed) return this.applyInherent(s, env, xt, info)
    s.startTransaction()
    try {
      const ctx = this.checkSigned(s, xt, info)
      validateSigned(ctx, false)
      const pre = prepareSigned(ctx, env)
      const dispatched = this.cfg.dispatcher.dispatch(s, env, xt.call, { kind: 'Signed', who: ctx.who })
      if (!dispatched.ok && info.class === 'Mandatory') throw invalid('BadMandatory')
      // A call that reports its actual weight reports the call's only; the extensions' is added.
      const post = dispatched.post.actualWeight ? { ...dispatched.post, actualWeight: addWeight(dispatched.post.actualWeight, this.cfg.host.extensionWeight()) } : dispatched.post
      const outcome = { ...dispatched, post }
      const fee = postDispatchSigned(ctx, env, pre, post)
      this.noteApplied(s, outcome, ctx.info)
      s.commitTransaction()
      return { ok: true, outcome, fee }
    } catch (e) {
      s.rollbackTransaction()
      if (e instanceof TransactionValidityError) return { ok: false, error: e.error }
      throw e
    }
  }

  finalizeBlock(s: Store, blockNumber: number): { number: number; parentHash: Uint8Array; digest: DigestItemValue[] } {
    this.cfg.system.noteFinishedExtrinsics(s)
    const ctx = { s, env: this.env(s, blockNumber), blockNumber }
    for (const p of this.byIndex) p.hooks.onFinalize?.(ctx)
    return this.cfg.system.finalize(s)
  }

  /**
   * TaggedTransactionQueue::validate_transaction. `s` must already be initialised for the block
   * after `at` (see `initializeForValidation`); the caller discards it afterwards.
   */
  validateTransaction(s: Store, _source: TransactionSource, raw: Uint8Array): ValidTransaction {
    let xt: DecodedExtrinsic
    try {
      xt = this.decode(raw)
    } catch (e) {
      if (e instanceof ExtrinsicDecodeError || e instanceof ExtrinsicFormatError) throw invalid('Call')
      throw e
    }
    if (xt.signed && xt.signed.signer === null) throw unknown('CannotLookup')
    const info = this.cfg.dispatcher.info(xt.call)
    if (!xt.signed) {
      if (info.class === 'Mandatory') throw invalid('MandatoryValidation')
      throw unknown('NoUnsignedValidator')
    }
    const ctx = this.checkSigned(s, xt, info)
    // frame_executive refuses Mandatory calls from the pool, signed or not, after the signature check.
    if (info.class === 'Mandatory') throw invalid('MandatoryValidation')
    return validateSigned(ctx, true)
  }

  /** Substrate validates against `at` by initialising block at+1 on top of it first. */
  initializeForValidation(s: Store, atNumber: number, atHash: Uint8Array): void {
    this.cfg.system.initialize(s, atNumber + 1, atHash, [])
  }

  /**
   * The signature check `raw` will need, for verifying ahead of time (on worker threads). `s` must
   * be initialised for the block the extrinsic goes into. Null when there is nothing to check yet:
   * unsigned, undecodable, already verified, or its implicit data cannot be computed.
   */
  signatureJob(s: Store, raw: Uint8Array): SignatureJob | null {
    let xt: DecodedExtrinsic
    try { xt = this.decode(raw) } catch { return null }
    if (!xt.signed || xt.signed.signer === null) return null
    let msg: Uint8Array
    try { msg = this.signedMessage(s, xt, this.explicitOf(xt)) } catch { return null }
    const job = { kind: xt.signed.signatureKind, sig: xt.signed.signature, msg, signer: xt.signed.signer! }
    return isVerified(job.kind, job.sig, job.msg, job.signer) ? null : job
  }

  /** The explicit extension values by identifier; made once per decoded extrinsic (nothing mutates them). */
  private explicitOf(xt: DecodedExtrinsic): Map<string, unknown> {
    let explicit = this.explicits.get(xt)
    if (explicit === undefined) {
      explicit = new Map<string, unknown>()
      const exts = this.cfg.extensions
      for (let i = 0; i < exts.length; i++) explicit.set(exts[i]!.identifier, xt.signed!.extra[i])
      this.explicits.set(xt, explicit)
    }
    return explicit
  }

  private readonly explicits = new WeakMap<DecodedExtrinsic, Map<string, unknown>>()

  /**
   * The signed payload. An immortal transaction's depends on nothing but its own bytes, the
   * runtime's versions and the genesis hash (its era's birth block is genesis), so it is kept per
   * decoded extrinsic and only the genesis hash is read again; a mortal one's birth hash depends
   * on the state, so it is always recomputed.
   */
  private signedMessage(s: Store, xt: DecodedExtrinsic, explicit: Map<string, unknown>): Uint8Array {
    const mortality = explicit.get('CheckMortality') as { type: string } | undefined
    const genesis = mortality?.type === 'Immortal' ? this.cfg.host.blockHash(s, 0) : null
    const memo = genesis === null ? undefined : this.messages.get(xt)
    if (memo !== undefined && sameBytes(memo.genesis, genesis!)) return memo.msg
    const implicit = genesis === null ? implicitBytes(s, this.cfg.host, explicit, this.cfg.extensions) : this.immortalImplicit(s, explicit, genesis)
    const msg = signingMessage(xt.callBytes, xt.signed!.extraBytes, implicit)
    if (genesis !== null) this.messages.set(xt, { genesis, msg })
    return msg
  }

  private readonly messages = new WeakMap<DecodedExtrinsic, { genesis: Uint8Array; msg: Uint8Array }>()

  /**
   * An immortal transaction's implicit data: the versions, the genesis hash twice (CheckGenesis,
   * and CheckMortality's birth block 0) and what CheckMetadataHash's mode adds; every other part
   * is `()`. So it is the same for all of them but for the metadata-hash mode: kept per mode.
   */
  private immortalImplicit(s: Store, explicit: Map<string, unknown>, genesis: Uint8Array): Uint8Array {
    const mode = (explicit.get('CheckMetadataHash') as { mode: { type: string } } | undefined)?.mode.type ?? ''
    const memo = this.implicits.get(mode)
    if (memo !== undefined && sameBytes(memo.genesis, genesis)) return memo.implicit
    const implicit = implicitBytes(s, this.cfg.host, explicit, this.cfg.extensions)
    this.implicits.set(mode, { genesis, implicit })
    return implicit
  }

  private readonly implicits = new Map<string, { genesis: Uint8Array; implicit: Uint8Array }>()

  private checkSigned(s: Store, xt: DecodedExtrinsic, info: CallInfo): CheckCtx {
    const signed = xt.signed!
    const signer = signed.signer
    if (signer === null) throw unknown('CannotLookup')
    const explicit = this.explicitOf(xt)
    const msg = this.signedMessage(s, xt, explicit)
    if (!verifySignature(signed.signatureKind, signed.signature, msg, signer)) throw invalid('BadProof')
    // From here on the extrinsic weighs its call plus its extensions (DispatchInfo::total_weight).
    const total = { ...info, weight: addWeight(info.weight, this.cfg.host.extensionWeight()) }
    return { s, host: this.cfg.host, who: signer, call: xt.call, info: total, len: xt.raw.length, explicit }
  }

  private applyInherent(s: Store, env: ExecEnv, xt: DecodedExtrinsic, info: CallInfo): ApplyResult {
    if (info.class !== 'Mandatory') return { ok: false, error: { kind: 'Unknown', reason: 'NoUnsignedValidator' } }
    const origin: Origin = { kind: 'None' }
    this.cfg.host.noteWeight(s, info, xt.raw.length)
    const outcome = this.cfg.dispatcher.dispatch(s, env, xt.call, origin)
    if (!outcome.ok) throw new BlockError(`inherent ${xt.call.type}.${xt.call.value.type} failed: ${outcome.error.message}`)
    this.noteApplied(s, outcome, info)
    return { ok: true, outcome, fee: 0n }
  }

  private noteApplied(s: Store, outcome: DispatchOutcome, info: CallInfo): void {
    const actualWeight = outcome.post.actualWeight ?? info.weight
    this.cfg.system.noteAppliedExtrinsic(s, outcome, { ...info, actualWeight })
  }

  callOf(raw: Uint8Array): RuntimeCallValue { return this.decode(raw).call }

  callInfo(call: RuntimeCallValue): CallInfo { return this.cfg.dispatcher.info(call) }

  /** The explicit value a signed extrinsic carries for one extension (e.g. the tip). */
  extensionValue(xt: DecodedExtrinsic, identifier: string): unknown {
    const i = this.cfg.extensions.findIndex((e) => e.identifier === identifier)
    return i < 0 || !xt.signed ? undefined : xt.signed.extra[i]
  }
}
