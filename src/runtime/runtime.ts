// The composed runtime: pallets + outer enums + extensions + executive + runtime-API table +
// metadata. One per process (the outer enums are process-wide type objects).
import { u8aToHex } from '@polkadot/util'
import { cryptoReady } from '../codec/hashing.js'
import { concatBytes, hexOf, sameBytes } from '../codec/bytes.js'
import { compactBytes, encode, decode, Reader, codecOf } from '../codec/scale.js'
import { u64 } from '../codec/types.js'
import { allPallets } from '../pallets/index.js'
import { blsReady } from '../pallets/drand/index.js'
import { minimumPeriodMs, setMinimumPeriod } from '../pallets/timestamp/index.js'
import { setSlotDuration, slotDuration } from '../pallets/aura/pallet.js'
import type { StateBackend } from '../storage/overlay.js'
import { Overlay } from '../storage/overlay.js'
import { accountNonceApi, taggedTransactionQueueApi } from './api/transactions.js'
import { auraApi, grandpaApi } from './api/consensus.js'
import { blockBuilderApi } from './api/block-builder.js'
import { coreApi, metadataApi } from './api/core.js'
import type { ApiHost } from './api/host.js'
import { transactionPaymentApi } from './api/payment.js'
import { neuronInfoApi, subnetRegistrationApi } from './api/subtensor.js'
import { subnetInfoApi } from './api/subnet-info.js'
import { swapApi } from './api/swap.js'
import { delegateInfoApi, stakeInfoApi } from './api/stake-info.js'
import type { RuntimeApiDecl, RuntimeApiMethod } from './api/types.js'
import type { PalletDecl } from '../frame/declare/pallet.js'
import { Dispatcher } from './dispatch.js'
import { subtensorDispatchExtension } from '../pallets/subtensor/index.js'
import { Executive, type TransactionSource } from './executive.js'
import { bareExtrinsic } from './extrinsic.js'
import {
  buildMetadataV14, buildMetadataV15, extensionsSpec425, extraSpec425, extrinsicTy, RuntimeTy, SELF_CONTAINED_EXTRINSIC,
  type ExtrinsicDescription, type RuntimeDescription,
} from './metadata/index.js'
import { composeOuterEnums, RuntimeCall, RuntimeError, RuntimeEvent } from '../frame/outer.js'
import { MultiAddress, MultiSignature, type DigestItemValue } from '../frame/primitives.js'
import { runtimeVersion, type RuntimeVersionValue } from './version.js'
import { createWiring, type RuntimeWiring } from './wiring.js'
import { applyBuild, MAINNET_BUILD, sameBuild, type RuntimeBuild } from './build.js'
import { blake2_256 } from '../codec/hashing.js'
import type { ValidTransaction } from './validity.js'
import type { SignatureJob } from './signature.js'

const AURA_ENGINE = new TextEncoder().encode('aura')

/** Thrown for a runtime-API call that does not exist or cannot decode its input. */
export class RuntimeApiError extends Error {}

/** What `validateAt` needs from the chain: state and number of a block. */
export interface StateSource {
  reader(hash: Uint8Array): StateBackend
  numberOf(hash: Uint8Array): number | undefined
}

export class Runtime {
  readonly pallets: PalletDecl[]
  readonly dispatcher: Dispatcher
  readonly executive: Executive
  readonly apis: RuntimeApiDecl[]
  readonly version: RuntimeVersionValue
  readonly extrinsic: ExtrinsicDescription
  // Read from the pallets: a chain spec's `slotDurationMs` may change the build's slot (useSlotDuration).
  get slotDurationMs(): number { return Number(slotDuration()) }
  get minimumPeriodMs(): bigint { return minimumPeriodMs() }
  private readonly methods = new Map<string, RuntimeApiMethod>()
  private readonly metadataCache = new Map<number, Uint8Array>()
  private readonly wiring: RuntimeWiring
  readonly metadataVersions = [14, 15]

  private constructor(readonly build: RuntimeBuild) {
    applyBuild(build)
    this.pallets = allPallets()
    composeOuterEnums(this.pallets)
    this.dispatcher = new Dispatcher(this.pallets, subtensorDispatchExtension)
    const extensions = extensionsSpec425(RuntimeTy)
    // Subtensor reports frontier's self-contained wrapper and the nested extension tuple; the
    // bytes are those of a plain v4 extrinsic either way.
    this.extrinsic = {
      version: 4, address: MultiAddress, call: RuntimeCall, signature: MultiSignature, extensions,
      extra: extraSpec425(RuntimeTy), wrapperPath: SELF_CONTAINED_EXTRINSIC,
    }
    this.wiring = createWiring()
    this.executive = new Executive({
      pallets: this.pallets, dispatcher: this.dispatcher, runtimeCall: RuntimeCall, extensions,
      host: this.wiring.extensionHost, system: this.wiring.system,
    })
    const host: ApiHost = {
      ...this.wiring.apiHost,
      version: () => this.version,
      metadata: (v) => this.metadata(v),
      metadataVersions: this.metadataVersions,
      executive: this.executive,
      uncheckedExtrinsic: extrinsicTy(this.extrinsic),
      get slotDurationMs() { return Number(slotDuration()) },
      timestampInherent: (ms) => this.timestampInherent(ms),
    }
    this.apis = [
      coreApi(host), metadataApi(host), blockBuilderApi(host), taggedTransactionQueueApi(host),
      auraApi(host), grandpaApi(host), accountNonceApi(host), transactionPaymentApi(host),
      neuronInfoApi(), subnetRegistrationApi(),
      subnetInfoApi(), swapApi(),
      stakeInfoApi(), delegateInfoApi(),
    ]
    for (const a of this.apis) for (const m of a.methods) this.methods.set(`${a.name}_${m.name}`, m)
    this.version = runtimeVersion(this.apis)
    this.wiring.setVersion(this.version)
  }

  private static instance: Runtime | undefined
  /**
   * The process-wide runtime (crypto must be ready before the first one is built). Its build is
   * fixed by the first call; asking for another build in the same process is an error.
   */
  static async get(build: RuntimeBuild = MAINNET_BUILD): Promise<Runtime> {
    await cryptoReady()
    await blsReady() // the Drand beacon's and tle's BLS12-381 (mcl-wasm)
    Runtime.instance ??= new Runtime(build)
    if (!sameBuild(Runtime.instance.build, build)) throw new Error('this process already runs another build of the runtime')
    return Runtime.instance
  }

  /**
   * Run with another slot duration (subtensor's fast-runtime localnet): Aura's SlotDuration and
   * Timestamp's MinimumPeriod (half of it) change together, and the metadata is rebuilt.
   */
  useSlotDuration(ms: number): void {
    if (ms === this.slotDurationMs) return
    setSlotDuration(BigInt(ms))
    setMinimumPeriod(BigInt(ms) / 2n)
    this.metadataCache.clear()
  }

  description(): RuntimeDescription {
    return {
      pallets: this.pallets, extrinsic: this.extrinsic, apis: this.apis,
      outer: { call: RuntimeCall, event: RuntimeEvent, error: RuntimeError }, runtimeTy: RuntimeTy,
    }
  }

  /** Metadata bytes (magic ++ version ++ body) or null for an unsupported version. */
  metadata(version: number): Uint8Array | null {
    if (!this.metadataVersions.includes(version)) return null
    let m = this.metadataCache.get(version)
    if (!m) {
      m = version === 14 ? buildMetadataV14(this.description()) : buildMetadataV15(this.description())
      this.metadataCache.set(version, m)
    }
    return m
  }

  hasApi(name: string): boolean { return this.methods.has(name) }
  apiNames(): string[] { return [...this.methods.keys()] }

  /**
   * state_call: run `Trait_method` with SCALE `input` on a scratch overlay of a block's state.
   * `stateRoot` computes the root of the overlay when a method needs it.
   */
  callApi(name: string, input: Uint8Array, s: Overlay, block: { number: number; hash: Uint8Array }, stateRoot: (s: Overlay) => Uint8Array): Uint8Array {
    const m = this.methods.get(name)
    if (!m) throw new RuntimeApiError(`Exported method ${name} is not found`)
    const r = new Reader(input)
    let args: unknown[]
    try {
      args = m.inputs.map((i) => codecOf(i.type).dec(r))
    } catch (e) {
      throw new RuntimeApiError(`Could not decode input of ${name}: ${(e as Error).message}`)
    }
    if (r.remaining !== 0) throw new RuntimeApiError(`Could not decode input of ${name}: ${r.remaining} bytes left over`)
    const out = m.call({ s, blockNumber: block.number, blockHash: block.hash, stateRoot: () => stateRoot(s) }, args)
    return encode(m.output, out)
  }

  /** Pool validation of `raw` against block `at` (TaggedTransactionQueue semantics). */
  validateAt(chain: StateSource, at: Uint8Array, raw: Uint8Array, source: TransactionSource): ValidTransaction {
    const s = this.validationState(chain, at)
    s.startTransaction()
    try {
      return this.executive.validateTransaction(s, source, raw)
    } finally {
      s.rollbackTransaction()
    }
  }

  private validation: { at: Uint8Array; s: Overlay } | undefined

  /**
   * The state validations run on: block `at` initialised for its child. Kept while `at` stays
   * the same, each validation running in its own rolled-back layer, so a burst of submissions
   * does not re-run block initialisation per transaction.
   */
  private validationState(chain: StateSource, at: Uint8Array): Overlay {
    const v = this.validation
    if (v !== undefined && sameBytes(v.at, at)) return v.s
    const n = chain.numberOf(at)
    if (n === undefined) throw new Error(`unknown block ${hexOf(at)}`)
    const s = new Overlay(chain.reader(at))
    this.executive.initializeForValidation(s, n, at)
    this.validation = { at: at.slice(), s }
    return s
  }

  /** Signature checks of `raws` as they would run in a block on top of `at` (see Executive.signatureJob). */
  signatureJobsAt(chain: StateSource, at: Uint8Array, raws: Uint8Array[]): SignatureJob[] {
    if (chain.numberOf(at) === undefined) return []
    const s = this.validationState(chain, at)
    const jobs: SignatureJob[] = []
    for (const raw of raws) {
      const j = this.executive.signatureJob(s, raw)
      if (j) jobs.push(j)
    }
    return jobs
  }

  /** Timestamp.set(now) as a bare extrinsic: the call's two index bytes, then the compact moment. */
  timestampInherent(ms: bigint): Uint8Array {
    const head = (this.timestampCallHead ??= encode(RuntimeCall, { type: 'Timestamp', value: { type: 'set', value: { now: 0n } } }).slice(0, -1))
    const callBytes = concatBytes(head, compactBytes(ms))
    const raw = bareExtrinsic(callBytes)
    // Every block carries one: the executive takes it as made here instead of decoding it again.
    this.executive.noteOwn(raw, callBytes, { type: 'Timestamp', value: { type: 'set', value: { now: ms } } })
    return raw
  }

  private timestampCallHead: Uint8Array | undefined

  /** Timestamp.Now in a block's state (0 at genesis). */
  timestampOf(state: StateBackend): bigint {
    return this.wiring.timestampOf(new Overlay(state))
  }

  /** Aura.Authorities in a block's state. */
  auraAuthoritiesAt(state: StateBackend): Uint8Array[] {
    return this.wiring.apiHost.auraAuthorities(new Overlay(state))
  }

  /** The GRANDPA authority set (ed25519 keys and weights) and its id in a block's state. */
  grandpaSetAt(state: StateBackend): { authorities: [Uint8Array, bigint][]; setId: bigint } {
    const s = new Overlay(state)
    return { authorities: this.wiring.apiHost.grandpaAuthorities(s), setId: this.wiring.apiHost.grandpaSetId(s) }
  }

  auraPreDigest(slot: bigint): DigestItemValue {
    return { type: 'PreRuntime', value: [AURA_ENGINE, encode(u64, slot)] }
  }

  auraSeal(signature: Uint8Array): DigestItemValue {
    return { type: 'Seal', value: [AURA_ENGINE, signature] }
  }

  extrinsicHash(raw: Uint8Array): Uint8Array { return this.executive.knownHash(raw) ?? blake2_256(raw) }

  /** Raw genesis storage (hex key → value) from per-pallet genesis config. */
  buildGenesis(config: Record<string, unknown>): Map<string, Uint8Array> {
    const s = new Overlay({ get: () => null, keys: () => [] })
    this.wiring.genesis(s, this.pallets, config, this.version)
    const out = new Map<string, Uint8Array>()
    for (const [k, v] of s.changes()) if (v !== null) out.set(u8aToHex(Uint8Array.from(k, (c) => c.charCodeAt(0))), v)
    return out
  }
}

