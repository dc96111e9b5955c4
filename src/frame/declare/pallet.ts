// A pallet is declared once through this builder: storage, calls, events, errors, constants,
// hooks and genesis. The metadata builder, the call decoder and the storage accessors all read
// the resulting PalletDecl.
import type { Hasher } from '../../codec/hashing.js'
import { encode, encodeWith, codecOf } from '../../codec/scale.js'
import { zeroOf } from '../../codec/zero.js'
import { variant, type Field, type Ty } from '../../codec/types.js'
import {
  DispatchFailure, type DispatchClassName, type Origin, type PaysName, type WeightValue,
} from '../primitives.js'
import {
  fallbackBytes, StorageDoubleMap, StorageMap, StorageNMap, StorageValue,
  type StorageItemDecl, type Store,
} from './storage.js'
import { fixedEventEncoder } from './event-layout.js'

/** What the executive lends a call handler or hook: state plus a few services. */
export interface ExecEnv {
  readonly blockNumber: number
  /** Deposit an already encoded RuntimeEvent (pallet index ++ pallet event). */
  depositEvent(runtimeEvent: Uint8Array, topics?: Uint8Array[]): void
  /**
   * depositEvent of each, in order, without topics, when nothing between them reads or writes the
   * block's events (the executive's reads the event count once and writes it once).
   */
  depositEvents?(runtimeEvents: readonly Uint8Array[]): void
  /** Dispatch a decoded RuntimeCall with an origin in a new storage layer (Sudo, Utility). */
  dispatch(call: RuntimeCallValue, origin: Origin): DispatchOutcome
  /** Weight the call would be charged before dispatch. */
  callInfo(call: RuntimeCallValue): CallInfo
}

export interface CallCtx {
  origin: Origin
  s: Store
  env: ExecEnv
}

export interface HookCtx {
  s: Store
  env: ExecEnv
  blockNumber: number
}

export interface PostInfo { actualWeight?: WeightValue; paysFee?: PaysName }
export interface CallInfo { weight: WeightValue; class: DispatchClassName; paysFee: PaysName }
export type DispatchOutcome = { ok: true; post: PostInfo } | { ok: false; error: DispatchFailure; post: PostInfo }

/** `{ type: 'Balances', value: { type: 'transfer_keep_alive', value: { dest, value } } }` */
export interface RuntimeCallValue { type: string; value: { type: string; value?: unknown } }

export interface CallDecl<A = Record<string, unknown>> {
  name: string
  index: number
  args: Field[]
  docs: string[]
  weight: (args: A) => WeightValue
  class: DispatchClassName
  pays: PaysName
  /**
   * Dispatch info that depends on the arguments beyond the weight (a wrapped call's class or
   * pays-fee, as in Sudo and Utility). When set it takes precedence over weight/class/pays;
   * `inner` resolves the info of a wrapped RuntimeCall.
   */
  info?: (args: A, inner: (call: RuntimeCallValue) => CallInfo) => CallInfo
  handler: (ctx: CallCtx, args: A) => PostInfo | void
}

export interface EventDecl { name: string; index: number; fields: Field[]; docs: string[] }
export interface ErrorDecl { name: string; index: number; docs: string[] }
export interface ConstantDecl { name: string; type: Ty; value: Uint8Array; docs: string[] }

export interface Hooks {
  onInitialize?: (ctx: HookCtx) => WeightValue | void
  onFinalize?: (ctx: HookCtx) => void
}

export interface PalletDecl {
  name: string
  index: number
  crate: string
  docs: string[]
  storage: StorageItemDecl[]
  calls: CallDecl<never>[]
  events: EventDecl[]
  errors: ErrorDecl[]
  constants: ConstantDecl[]
  /** Types for metadata; null when the pallet has none of that kind. */
  callTy: Ty | null
  eventTy: Ty | null
  errorTy: Ty | null
  hooks: Hooks
  genesis?: (s: Store, config: unknown) => void
}

export class EventDef<T> {
  private readonly codec
  /** The encoder of a fixed-width event's values as they are (event-layout.ts), null for other events. */
  private readonly fixed
  constructor(readonly palletIndex: number, readonly decl: EventDecl) {
    this.codec = codecOf({ def: { tag: 'composite', fields: decl.fields }, path: [], params: [] })
    this.fixed = fixedEventEncoder(palletIndex, decl.index, decl.fields)
  }
  encode(value: T): Uint8Array {
    const fixed = this.fixed === null ? null : this.fixed(value)
    if (fixed !== null) return fixed
    return this.encodeGeneric(value)
  }
  /** encode() through the generic codec, whatever the event's shape (exported for the tests). */
  encodeGeneric(value: T): Uint8Array {
    return encodeWith((w) => {
      w.byte(this.palletIndex)
      w.byte(this.decl.index)
      this.codec.enc(w, value)
    })
  }
  emit(env: { depositEvent: ExecEnv['depositEvent'] }, value: T): void { env.depositEvent(this.encode(value)) }
}

interface StorageOpts<V> { hashers?: Hasher[]; docs?: string[]; default?: V }

export class Pallet {
  private readonly storage: StorageItemDecl[] = []
  private readonly calls: CallDecl<never>[] = []
  private readonly events: EventDecl[] = []
  private readonly errors: ErrorDecl[] = []
  private readonly constants: ConstantDecl[] = []
  hooks: Hooks = {}
  genesis?: (s: Store, config: unknown) => void

  /** `crate` is the Rust crate path used in type paths, e.g. `pallet_balances`. */
  constructor(readonly name: string, readonly index: number, readonly crate: string, readonly docs: string[] = []) {}

  private item(name: string, modifier: 'Default' | 'Optional', keys: Ty[], hashers: Hasher[], value: Ty, dflt: unknown, docs: string[]): StorageItemDecl {
    if (keys.length !== hashers.length) throw new Error(`${this.name}.${name}: one hasher per key`)
    const d: StorageItemDecl = {
      pallet: this.name, name, modifier, hashers, keys, value, docs,
      fallback: fallbackBytes(value, modifier, dflt === undefined ? zeroOf(value) : dflt),
    }
    this.storage.push(d)
    return d
  }

  value<V>(name: string, ty: Ty, o: StorageOpts<V> = {}): StorageValue<V> {
    const d = this.item(name, 'Default', [], [], ty, o.default, o.docs ?? [])
    return new StorageValue<V>(d, o.default ?? null)
  }
  optionalValue<V>(name: string, ty: Ty, o: StorageOpts<V> = {}): StorageValue<V, V | null> {
    const d = this.item(name, 'Optional', [], [], ty, undefined, o.docs ?? [])
    return new StorageValue<V, V | null>(d, null)
  }
  map<K, V>(name: string, hasher: Hasher, key: Ty, ty: Ty, o: StorageOpts<V> = {}): StorageMap<K, V> {
    const d = this.item(name, 'Default', [key], [hasher], ty, o.default, o.docs ?? [])
    return new StorageMap<K, V>(d, o.default ?? null)
  }
  optionalMap<K, V>(name: string, hasher: Hasher, key: Ty, ty: Ty, o: StorageOpts<V> = {}): StorageMap<K, V, V | null> {
    const d = this.item(name, 'Optional', [key], [hasher], ty, undefined, o.docs ?? [])
    return new StorageMap<K, V, V | null>(d, null)
  }
  doubleMap<K1, K2, V>(name: string, h1: Hasher, k1: Ty, h2: Hasher, k2: Ty, ty: Ty, o: StorageOpts<V> = {}): StorageDoubleMap<K1, K2, V> {
    const d = this.item(name, 'Default', [k1, k2], [h1, h2], ty, o.default, o.docs ?? [])
    return new StorageDoubleMap<K1, K2, V>(d, o.default ?? null)
  }
  optionalDoubleMap<K1, K2, V>(name: string, h1: Hasher, k1: Ty, h2: Hasher, k2: Ty, ty: Ty, o: StorageOpts<V> = {}): StorageDoubleMap<K1, K2, V, V | null> {
    const d = this.item(name, 'Optional', [k1, k2], [h1, h2], ty, undefined, o.docs ?? [])
    return new StorageDoubleMap<K1, K2, V, V | null>(d, null)
  }
  nmap<K extends unknown[], V>(name: string, keys: [Hasher, Ty][], ty: Ty, o: StorageOpts<V> & { optional?: boolean } = {}): StorageNMap<K, V> {
    const d = this.item(name, o.optional ? 'Optional' : 'Default', keys.map((k) => k[1]), keys.map((k) => k[0]), ty, o.default, o.docs ?? [])
    return new StorageNMap<K, V>(d, o.default ?? null)
  }

  call<A>(index: number, name: string, args: Field[], o: {
    weight: (args: A) => WeightValue
    class?: DispatchClassName
    pays?: PaysName
    docs?: string[]
    info?: (args: A, inner: (call: RuntimeCallValue) => CallInfo) => CallInfo
    handler: (ctx: CallCtx, args: A) => PostInfo | void
  }): CallDecl<A> {
    if (this.calls.some((c) => c.index === index || c.name === name)) throw new Error(`${this.name}: duplicate call ${index} ${name}`)
    const c: CallDecl<A> = { name, index, args, docs: o.docs ?? [], weight: o.weight, class: o.class ?? 'Normal', pays: o.pays ?? 'Yes', info: o.info, handler: o.handler }
    this.calls.push(c as unknown as CallDecl<never>)
    return c
  }

  event<T>(name: string, fields: Field[], docs: string[] = []): EventDef<T> {
    const d: EventDecl = { name, index: this.events.length, fields, docs }
    this.events.push(d)
    return new EventDef<T>(this.index, d)
  }

  /** Declare the next error (indices follow declaration order, as in a Rust `enum Error`). */
  error(name: string, docs: string[] = []): () => DispatchFailure {
    const index = this.errors.length
    this.errors.push({ name, index, docs })
    const palletIndex = this.index
    return () => new DispatchFailure({ type: 'Module', value: { index: palletIndex, error: new Uint8Array([index, 0, 0, 0]) } }, `${this.name}.${name}`)
  }

  constant(name: string, type: Ty, value: unknown, docs: string[] = []): void {
    this.constants.push({ name, type, value: encode(type, value), docs })
  }

  /** Re-encode a declared constant (a runtime build parameter such as fast-runtime's values). */
  setConstant(name: string, value: unknown): void {
    const c = this.constants.find((x) => x.name === name)
    if (!c) throw new Error(`${this.name}: no constant ${name}`)
    c.value = encode(c.type, value)
  }

  decl(): PalletDecl {
    const calls = [...this.calls].sort((a, b) => a.index - b.index)
    const T = [{ name: 'T' }]
    return {
      name: this.name,
      index: this.index,
      crate: this.crate,
      docs: this.docs,
      storage: this.storage,
      calls,
      events: this.events,
      errors: this.errors,
      constants: this.constants,
      callTy: calls.length === 0 ? null : variant(`${this.crate}::pallet::Call`,
        calls.map((c) => ({ name: c.name, index: c.index, fields: c.args, docs: c.docs })), { params: T, docs: ['Contains a variant per dispatchable extrinsic that this pallet has.'] }),
      eventTy: this.events.length === 0 ? null : variant(`${this.crate}::pallet::Event`,
        this.events.map((e) => ({ name: e.name, index: e.index, fields: e.fields, docs: e.docs })), { params: T, docs: ['The `Event` enum of this pallet'] }),
      errorTy: this.errors.length === 0 ? null : variant(`${this.crate}::pallet::Error`,
        this.errors.map((e) => ({ name: e.name, index: e.index, fields: [], docs: e.docs })), { params: T, docs: ['The `Error` enum of this pallet.'] }),
      hooks: this.hooks,
      genesis: this.genesis,
    }
  }
}
