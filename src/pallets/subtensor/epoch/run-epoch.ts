// epoch/run_epoch.rs: Yuma consensus for one mechanism of one subnet (the sparse production path,
// original Yuma and Yuma3 with liquid alpha), and what it persists. Every step uses the chain's
// fixed-point types and rounding (see math*.ts); the intermediate vectors are kept in the
// returned explanation so subtensor_explainEpoch can show them.
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { mapped } from '../utils/mapped.js'
import { mechanismStorageIndex } from '../utils/misc.js'
import { emaAlpha, liquidAlphaParams } from './bonds.js'
import { commitBlocks } from './commit-mask.js'
import { EpochView } from './epoch-view.js'
import { toU16 } from './fast-fx.js'
import { readPairRows } from './pair-rows.js'
import { FRAC, U16_MAX_FX, fixed64ToFixed32, inplaceNormalize64, isTopkNonzero, safeDiv } from './math.js'
import { stakeWeightsForNetwork } from './stake-weights.js'
import { yumaFast, yumaQuiet } from './yuma-fast.js'
import type { Row, YumaInputs, YumaResult } from './yuma-types.js'

const U64_MAX = (1n << 64n) - 1n

export interface EpochTerms {
  uid: number
  dividend: number
  incentive: number
  validatorEmission: bigint
  serverEmission: bigint
  stakeWeight: number
  active: boolean
  emission: bigint
  consensus: number
  validatorTrust: number
  newValidatorPermit: boolean
  /** The bond row to store (u16), empty without a new permit. */
  bond: Row
  stake: bigint
}

/** Everything the epoch computed, by uid (I32F32 raw bits as numbers unless noted). */
export interface EpochExplanation {
  netuid: number
  mecid: number
  block: bigint
  raoEmission: bigint
  hyperparameters: Record<string, string | number | boolean>
  active: boolean[]
  stake: number[]
  validatorPermit: boolean[]
  newValidatorPermit: boolean[]
  activeStake: number[]
  weights: Row[]
  consensus: number[]
  clippedWeights: Row[]
  validatorTrust: number[]
  incentive: number[]
  emaBonds: Row[]
  dividends: number[]
  serverEmission: bigint[]
  validatorEmission: bigint[]
  combinedEmission: bigint[]
}

export interface EpochOutput {
  /** Terms by hotkey, in ascending AccountId byte order (the chain's BTreeMap). */
  terms: Array<[Uint8Array, EpochTerms]>
  explanation: EpochExplanation
}

/**
 * x/65535 as I32F32 bits (Kappa's and BondsPenalty's conversion to the epoch's fixed point), kept
 * per u16: the subnets of a block mostly share their hyperparameters, and each conversion is a few bigints.
 */
const u16Fractions = new Map<number, number>()
function u16Fraction(x: number): number {
  let v = u16Fractions.get(x)
  if (v === undefined) u16Fractions.set(x, v = Number(safeDiv(BigInt(x) << FRAC, U16_MAX_FX)))
  return v
}

/** emaAlpha of a BondsMovingAverage, kept for the few values subnets use. */
const emaAlphas = new Map<bigint, number>()
function emaAlphaOf(bondsMovingAverage: bigint): number {
  let v = emaAlphas.get(bondsMovingAverage)
  if (v === undefined) {
    if (emaAlphas.size >= 256) emaAlphas.clear()
    emaAlphas.set(bondsMovingAverage, v = Number(emaAlpha(bondsMovingAverage)))
  }
  return v
}

/** `get_activity_cutoff_blocks`: max(1, factor‰ × tempo). */
export function activityCutoffBlocks(s: Store, netuid: number, tempo: number = S.Tempo.get(s, netuid)): bigint {
  const v = (BigInt(S.ActivityCutoffFactorMilli.get(s, netuid)) * BigInt(tempo)) / 1000n
  return v > 0n ? v : 1n
}

/** `get_block_at_registration`: 0 for an empty slot (the Keys rows already read say which are keyed). */
export function blockAtRegistration(s: Store, netuid: number, n: number, keyed: ReadonlyArray<readonly [Uint8Array, number]>): bigint[] {
  const out: bigint[] = new Array<bigint>(n).fill(0n)
  for (const [, uid] of keyed) if (uid < n) out[uid] = S.BlockAtRegistration.get(s, netuid, uid)
  return out
}

/** `get_weights_sparse` as u16 rows: entries for uids ≥ n dropped. */
export const weightsRows = (s: Store, netuidIndex: number, n: number): Row[] => readPairRows(s, S.Weights, netuidIndex, n, n)

/** `get_bonds_sparse` as the stored u16 rows. */
export const bondsRows = (s: Store, netuidIndex: number, n: number): Row[] => readPairRows(s, S.Bonds, netuidIndex, n)

/** Previous successful epoch + 1, or block − tempo before the first one. */
function lastTempo(s: Store, netuid: number, block: bigint, view: EpochView): bigint {
  const lms = S.LastMechansimStepBlock.get(s, netuid)
  if (lms !== 0n) return lms + 1n
  const tempo = BigInt(view.tempo)
  return block > tempo ? block - tempo : 0n
}

/** I96F32(x) × E, floored to u64: x is I32F32 and E a u64, so the product is exact. */
function scaleEmission(x: number, e: bigint): bigint {
  const v = (BigInt(x) * e) >> FRAC
  return v < 0n ? 0n : v > U64_MAX ? U64_MAX : v
}

/** The bond row of a uid without a new permit (only ever read: written out as an empty row). */
const NO_BOND: Row = Object.freeze({ c: Object.freeze([]) as unknown as number[], v: Object.freeze([]) as unknown as number[] })

const blockNumber = (b: bigint): number => (b > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(b))

/**
 * Whether no weight row and no bond row holds an entry (a mechanism nobody has set weights on
 * since its bonds emptied: every freshly started subnet). Yuma's result then depends on neither
 * Kappa, BondsPenalty, BondsMovingAverage, the liquid-alpha parameters, Yuma3On, the last tempo,
 * the registration blocks nor the commit mask: consensus, clipped weights, trust, incentive,
 * bonds and dividends are all zero or empty whatever they hold, and the emissions fall back to
 * the stake (held to the read inputs by quiet-epoch.property.test.ts). The epoch leaves them unread.
 */
export function isQuiet(weights: readonly Row[], bonds: readonly Row[]): boolean {
  for (const r of weights) if (r.c.length > 0) return false
  for (const r of bonds) if (r.c.length > 0) return false
  return true
}

/**
 * What a quiet epoch hands Yuma for the inputs it leaves unread (any values give the same result;
 * registration blocks are all 0).
 */
export const QUIET_INPUTS = Object.freeze({ commitBlocks: null, kappa: 0, bondsPenalty: 0, lastTempo: 0, yuma3: false, emaAlpha: 0, liquidAlpha: null })

/** n zeros, built by push (one list representation for the Yuma core, see fast-lists.ts). */
export function zeros(n: number): number[] {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(0)
  return out
}

/**
 * What epoch_mechanism reads, for the Yuma core. `view`: the subnet's reads shared with the other
 * mechanisms and the payout (one is made when not given). `lastTempo` is null when the epoch is
 * quiet (isQuiet: not read).
 */
export function readEpochInputs(s: Store, netuid: number, mecid: number, block: bigint, view: EpochView = new EpochView(s, netuid)): { inputs: YumaInputs; quiet: boolean; keyed: Array<[Uint8Array, number]>; totalStake: bigint[]; newPermits: boolean[]; cutoff: bigint; lastTempo: bigint | null } {
  const netuidIndex = mechanismStorageIndex(netuid, mecid)
  const { keyed, n } = view
  const weights = weightsRows(s, netuidIndex, n)
  const bonds = bondsRows(s, netuidIndex, n)
  const quiet = isQuiet(weights, bonds)
  const cutoff = activityCutoffBlocks(s, netuid, view.tempo)
  // get_last_update, padded with zeros to SubnetworkN: read lent (only read here, so not copied)
  // and made into Yuma's two lists at once
  const lastUpdates = S.LastUpdate.getLent(s, netuidIndex)
  const inactive: boolean[] = []
  const lastUpdate: number[] = []
  for (let uid = 0; uid < n || uid < lastUpdates.length; uid++) {
    const u = uid < lastUpdates.length ? lastUpdates[uid]! : 0n
    inactive.push(u + cutoff < block)
    lastUpdate.push(blockNumber(u))
  }

  const totalStake = stakeWeightsForNetwork(view)
  const minStake = S.StakeThreshold.get(s)
  const owner = view.ownerUid
  const filtered = mapped(totalStake, (x, uid) => (owner !== uid && (x < 0n ? 0n : x >> 64n) < minStake ? 0n : x))
  inplaceNormalize64(filtered)
  const stake = mapped(filtered, fixed64ToFixed32)

  const validatorPermits = S.ValidatorPermit.get(s, netuid)
  if (owner !== null && owner < validatorPermits.length) validatorPermits[owner] = true
  // (a subnet whose one uid is the owner's: its permit is forced below whatever the top-k gives,
  // so MaxAllowedValidators is not read)
  const newPermits = n === 1 && owner === 0 ? [true] : isTopkNonzero(stake, S.MaxAllowedValidators.get(s, netuid))
  if (owner !== null && owner < newPermits.length) newPermits[owner] = true

  let commitBlockList: number[] | null = QUIET_INPUTS.commitBlocks
  if (!quiet && S.CommitRevealWeightsEnabled.get(s, netuid)) {
    // The mask only ever drops weight entries: without any, no commit can change the epoch, and
    // every validator is left as one without a commit (u64::MAX) without listing the queues.
    commitBlockList = weights.some((r) => r.c.length > 0)
      ? mapped(commitBlocks(s, netuid, netuidIndex, n, keyed), blockNumber)
      : new Array<number>(n).fill(blockNumber(U64_MAX))
  }
  const since = quiet ? null : lastTempo(s, netuid, block, view)
  const inputs: YumaInputs = {
    n,
    inactive,
    lastUpdate,
    registered: quiet ? zeros(n) : mapped(blockAtRegistration(s, netuid, n, keyed), blockNumber),
    commitBlocks: commitBlockList,
    stake: mapped(stake, Number),
    validatorPermits,
    ownerUid: owner,
    weights,
    bonds,
    kappa: quiet ? QUIET_INPUTS.kappa : u16Fraction(S.Kappa.get(s, netuid)),
    bondsPenalty: quiet ? QUIET_INPUTS.bondsPenalty : u16Fraction(S.BondsPenalty.get(s, netuid)),
    lastTempo: since === null ? QUIET_INPUTS.lastTempo : blockNumber(since),
    yuma3: quiet ? QUIET_INPUTS.yuma3 : S.Yuma3On.get(s, netuid),
    emaAlpha: quiet ? QUIET_INPUTS.emaAlpha : emaAlphaOf(S.BondsMovingAverage.get(s, netuid)),
    liquidAlpha: quiet ? QUIET_INPUTS.liquidAlpha : liquidAlphaParams(s, netuid),
  }
  return { inputs, quiet, keyed, totalStake, newPermits, cutoff, lastTempo: since }
}

/** `epoch_mechanism`: Yuma consensus over one mechanism's weights and bonds with `raoEmission`. */
export function epochMechanism(s: Store, netuid: number, mecid: number, raoEmission: bigint, block: bigint, core: (i: YumaInputs) => YumaResult = yumaFast, view?: EpochView): EpochOutput {
  const { inputs, quiet, keyed, totalStake, newPermits, cutoff, lastTempo: since } = readEpochInputs(s, netuid, mecid, block, view ??= new EpochView(s, netuid))
  // (a quiet epoch's result is known without the core's steps; another core, e.g. the reference
  // an explanation may be checked with, runs them)
  const r = quiet && core === yumaFast && inputs.weights.length === inputs.n && inputs.bonds.length === inputs.n ? yumaQuiet(inputs) : core(inputs)
  const serverEmission = mapped(r.normalizedServer, (x) => scaleEmission(x, raoEmission))
  const validatorEmission = mapped(r.normalizedValidator, (x) => scaleEmission(x, raoEmission))
  const combinedEmission = mapped(r.normalizedCombined, (x) => scaleEmission(x, raoEmission))
  const active = mapped(inputs.inactive, (b) => !b)

  const terms: Array<[Uint8Array, EpochTerms]> = mapped(keyed, ([hk, uid]) => {
    const x = totalStake[uid] ?? 0n
    const t: EpochTerms = {
      uid,
      dividend: toU16(r.dividends[uid] ?? 0),
      incentive: toU16(r.incentive[uid] ?? 0),
      validatorEmission: validatorEmission[uid] ?? 0n,
      serverEmission: serverEmission[uid] ?? 0n,
      stakeWeight: toU16(inputs.stake[uid] ?? 0),
      active: active[uid] ?? false,
      emission: combinedEmission[uid] ?? 0n,
      consensus: toU16(r.consensus[uid] ?? 0),
      validatorTrust: toU16(r.validatorTrust[uid] ?? 0),
      newValidatorPermit: newPermits[uid] ?? false,
      bond: NO_BOND,
      stake: x < 0n ? 0n : (x >> 64n) > U64_MAX ? U64_MAX : x >> 64n,
    }
    if (t.newValidatorPermit) {
      const row = r.emaBonds[uid]
      if (row) t.bond = { c: row.c, v: mapped(row.v, toU16) }
    }
    return [hk, t]
  })
  terms.sort((a, b) => compareBytes(a[0], b[0]))

  return new MechanismEpoch(terms, { s, netuid, mecid, block, raoEmission, inputs, r, newPermits, cutoff, since, view, active, serverEmission, validatorEmission, combinedEmission })
}

/** What the explanation is made of, kept by the epoch's output. */
interface ExplanationParts {
  s: Store; netuid: number; mecid: number; block: bigint; raoEmission: bigint; inputs: YumaInputs; r: YumaResult; newPermits: boolean[]
  cutoff: bigint; since: bigint | null; view: EpochView; active: boolean[]; serverEmission: bigint[]; validatorEmission: bigint[]; combinedEmission: bigint[]
}

/** An epoch's output whose explanation is put together when asked (subtensor_explainEpoch), not by every epoch a block runs. */
class MechanismEpoch implements EpochOutput {
  constructor(readonly terms: Array<[Uint8Array, EpochTerms]>, private readonly parts: ExplanationParts) {}

  get explanation(): EpochExplanation {
    const { s, netuid, mecid, block, raoEmission, inputs, r, newPermits, cutoff, since, view, active, serverEmission, validatorEmission, combinedEmission } = this.parts
    return {
      netuid, mecid, block, raoEmission,
      // Read when asked, on the state the epoch ran on (a quiet epoch did not read the ones Yuma
      // ignored then: Yuma3On, LiquidAlphaOn, commit-reveal and the last tempo are read here too).
      get hyperparameters() {
        return {
          tempo: S.Tempo.get(s, netuid), activityCutoffBlocks: Number(cutoff), kappa: S.Kappa.get(s, netuid),
          bondsPenalty: S.BondsPenalty.get(s, netuid), bondsMovingAverage: Number(S.BondsMovingAverage.get(s, netuid)),
          maxAllowedValidators: S.MaxAllowedValidators.get(s, netuid), stakeThreshold: String(S.StakeThreshold.get(s)),
          taoWeight: String(S.TaoWeight.get(s)), yuma3: S.Yuma3On.get(s, netuid), liquidAlpha: S.LiquidAlphaOn.get(s, netuid),
          alphaLow: S.AlphaValues.get(s, netuid)[0], alphaHigh: S.AlphaValues.get(s, netuid)[1],
          alphaSigmoidSteepness: S.AlphaSigmoidSteepness.get(s, netuid),
          commitReveal: S.CommitRevealWeightsEnabled.get(s, netuid), ownerUid: inputs.ownerUid ?? -1,
          lastTempo: Number(since ?? lastTempo(s, netuid, block, view)),
        }
      },
      active, stake: inputs.stake, validatorPermit: inputs.validatorPermits, newValidatorPermit: newPermits,
      activeStake: r.activeStake, weights: r.weights, consensus: r.consensus, clippedWeights: r.clipped,
      validatorTrust: r.validatorTrust, incentive: r.incentive, emaBonds: r.emaBonds, dividends: r.dividends,
      serverEmission, validatorEmission, combinedEmission,
    }
  }
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  return a.length - b.length
}
