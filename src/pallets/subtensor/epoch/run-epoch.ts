// epoch/run_epoch.rs: Yuma consensus for one mechanism of one subnet (the sparse production path,
// original Yuma and Yuma3 with liquid alpha), and what it persists. Every step uses the chain's
// fixed-point types and rounding (see math*.ts); the intermediate vectors are kept in the
// returned explanation so subtensor_explainEpoch can show them.
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { getLastUpdate, mechanismStorageIndex } from '../utils/misc.js'
import { computeBondsSparse, liquidAlphaOff } from './bonds.js'
import {
  type Fx, type SparseMatrix, FRAC, ZERO, colClipSparse, fixedProportionToU16, fixed64ToFixed32, inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse, inplaceMaskVector, inplaceNormalize, inplaceNormalize64, inplaceNormalizeUsingSum, inplaceRowNormalizeSparse,
  interpolateSparse, isTopkNonzero, isZero, maskDiagSparse, maskDiagSparseExceptIndex, maskRowsSparse, matVecMulSparse, matmulSparse,
  matmulTransposeSparse, rowHadamardSparse, rowSumSparse, safeDiv, satAdd, scalarVecMaskSparseMatrix, sum, u16ProportionToFixed,
  U16_MAX_FX, vecMaskSparseMatrix, vecMul, weightedMedianColSparse,
} from './math.js'
import { ownerUid, stakeWeightsForNetwork } from './stake-weights.js'
import { commitBlocks } from './commit-mask.js'

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
  bond: [number, number][]
  stake: bigint
}

/** Everything the epoch computed, by uid (I32F32 raw bits unless noted). */
export interface EpochExplanation {
  netuid: number
  mecid: number
  block: bigint
  raoEmission: bigint
  hyperparameters: Record<string, string | number | boolean>
  active: boolean[]
  stake: Fx[]
  validatorPermit: boolean[]
  newValidatorPermit: boolean[]
  activeStake: Fx[]
  weights: SparseMatrix
  consensus: Fx[]
  clippedWeights: SparseMatrix
  validatorTrust: Fx[]
  incentive: Fx[]
  emaBonds: SparseMatrix
  dividends: Fx[]
  serverEmission: bigint[]
  validatorEmission: bigint[]
  combinedEmission: bigint[]
}

export interface EpochOutput {
  /** Terms by hotkey, in ascending AccountId byte order (the chain's BTreeMap). */
  terms: Array<[Uint8Array, EpochTerms]>
  explanation: EpochExplanation
}

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex')

export const floatKappa = (s: Store, netuid: number): Fx => safeDiv(BigInt(S.Kappa.get(s, netuid)) << FRAC, U16_MAX_FX)
export const floatBondsPenalty = (s: Store, netuid: number): Fx => safeDiv(BigInt(S.BondsPenalty.get(s, netuid)) << FRAC, U16_MAX_FX)

/** `get_activity_cutoff_blocks`: max(1, factor‰ × tempo). */
export function activityCutoffBlocks(s: Store, netuid: number): bigint {
  const v = (BigInt(S.ActivityCutoffFactorMilli.get(s, netuid)) * BigInt(S.Tempo.get(s, netuid))) / 1000n
  return v > 0n ? v : 1n
}

/** `get_block_at_registration`: 0 for an empty slot. */
export function blockAtRegistration(s: Store, netuid: number, n: number): bigint[] {
  const out: bigint[] = new Array(n)
  for (let uid = 0; uid < n; uid++) out[uid] = S.Keys.contains(s, netuid, uid) ? S.BlockAtRegistration.get(s, netuid, uid) : 0n
  return out
}

/** `get_weights_sparse`: stored rows as I32F32 integers, entries for uids ≥ n dropped. */
export function weightsSparse(s: Store, netuidIndex: number, n: number): SparseMatrix {
  const m: SparseMatrix = Array.from({ length: n }, () => [])
  for (const [i, row] of S.Weights.iterPrefix(s, netuidIndex)) {
    if (i >= n) continue
    const out = m[i] as SparseMatrix[number]
    for (const [j, w] of row) if (j < n) out.push([j, BigInt(w) << FRAC])
  }
  return m
}

/** `get_bonds_sparse`: stored u16s as I32F32 integers (optionally as u16 proportions, for Yuma3). */
export function bondsSparse(s: Store, netuidIndex: number, n: number, proportion: boolean): SparseMatrix {
  const m: SparseMatrix = Array.from({ length: n }, () => [])
  for (const [i, row] of S.Bonds.iterPrefix(s, netuidIndex)) {
    if (i >= n) continue
    const out = m[i] as SparseMatrix[number]
    for (const [j, b] of row) out.push([j, proportion ? u16ProportionToFixed(b) : BigInt(b) << FRAC])
  }
  return m
}

/** Previous successful epoch + 1, or block − tempo before the first one. */
function lastTempo(s: Store, netuid: number, block: bigint): bigint {
  const lms = S.LastMechansimStepBlock.get(s, netuid)
  if (lms !== 0n) return lms + 1n
  const tempo = BigInt(S.Tempo.get(s, netuid))
  return block > tempo ? block - tempo : 0n
}

/** I96F32(x) × E, floored to u64: x is I32F32 and E a u64, so the product is exact. */
function scaleEmission(x: Fx, e: bigint): bigint {
  const v = (x * e) >> FRAC
  return v < 0n ? 0n : v > U64_MAX ? U64_MAX : v
}

/** `epoch_mechanism`: Yuma consensus over one mechanism's weights and bonds with `raoEmission`. */
export function epochMechanism(s: Store, netuid: number, mecid: number, raoEmission: bigint, block: bigint): EpochOutput {
  const netuidIndex = mechanismStorageIndex(netuid, mecid)
  const keyed: Array<[Uint8Array, number]> = [...S.Keys.iterPrefix(s, netuid)].map(([uid, hk]) => [hk, uid])
  const n = S.SubnetworkN.get(s, netuid)

  // == Active & updated ==
  const cutoff = activityCutoffBlocks(s, netuid)
  const lastUpdate = getLastUpdate(s, netuidIndex)
  const inactive = lastUpdate.map((u) => u + cutoff < block)
  const active = inactive.map((b) => !b)
  const registered = blockAtRegistration(s, netuid, n)

  // == Stake ==
  const totalStake = stakeWeightsForNetwork(s, netuid)
  const minStake = S.StakeThreshold.get(s)
  const owner = ownerUid(s, netuid)
  const filtered = totalStake.map((x, uid) => (owner !== uid && (x < 0n ? 0n : x >> 64n) < minStake ? 0n : x))
  inplaceNormalize64(filtered)
  const stake = filtered.map(fixed64ToFixed32)

  // == Validator permits ==
  const validatorPermits = S.ValidatorPermit.get(s, netuid)
  if (owner !== null && owner < validatorPermits.length) validatorPermits[owner] = true
  const forbids = validatorPermits.map((b) => !b)
  const newPermits = isTopkNonzero(stake, S.MaxAllowedValidators.get(s, netuid))
  if (owner !== null && owner < newPermits.length) newPermits[owner] = true

  // == Active stake ==
  const activeStake = stake.slice()
  inplaceMaskVector(inactive, activeStake)
  inplaceMaskVector(forbids, activeStake)
  inplaceNormalize(activeStake)

  // == Weights ==
  let weights = weightsSparse(s, netuidIndex, n)
  weights = maskRowsSparse(forbids, weights)
  weights = owner !== null ? maskDiagSparseExceptIndex(weights, owner) : maskDiagSparse(weights)
  weights = vecMaskSparseMatrix(weights, lastUpdate, registered, (updated, reg) => updated <= reg)
  if (S.CommitRevealWeightsEnabled.get(s, netuid)) {
    const uidOf = new Map(keyed.map(([hk, uid]) => [hexOf(hk), uid]))
    weights = vecMaskSparseMatrix(weights, commitBlocks(s, netuid, netuidIndex, n, uidOf), registered, (cb, reg) => cb < reg)
  }
  inplaceRowNormalizeSparse(weights)

  // == Consensus, validator trust ==
  const kappa = floatKappa(s, netuid)
  const consensus = weightedMedianColSparse(activeStake, weights, n, kappa)
  const clipped = colClipSparse(weights, consensus)
  const validatorTrust = rowSumSparse(clipped)

  // == Ranks, incentive ==
  const ranks = matmulSparse(clipped, activeStake, n)
  inplaceNormalize(ranks)
  const incentive = ranks.slice()

  // == Bonds and dividends ==
  const bondsPenalty = floatBondsPenalty(s, netuid)
  const weightsForBonds = interpolateSparse(weights, clipped, n, bondsPenalty)
  const since = lastTempo(s, netuid, block)
  const yuma3 = S.Yuma3On.get(s, netuid)
  let dividends: Fx[]
  let emaBonds: SparseMatrix
  if (yuma3) {
    let bonds = bondsSparse(s, netuidIndex, n, true)
    bonds = scalarVecMaskSparseMatrix(bonds, since, registered, (lt, reg) => lt <= reg)
    emaBonds = computeBondsSparse(s, netuid, weightsForBonds, bonds, consensus)
    const norm = emaBonds.map((r) => r.map(([j, v]): [number, Fx] => [j, v]))
    inplaceColNormalizeSparse(norm, n)
    const totalBondsPerValidator = rowSumSparse(matVecMulSparse(norm, incentive))
    dividends = vecMul(totalBondsPerValidator, activeStake)
    inplaceNormalize(dividends)
  } else {
    let bonds = bondsSparse(s, netuidIndex, n, false)
    bonds = scalarVecMaskSparseMatrix(bonds, since, registered, (lt, reg) => lt <= reg)
    inplaceColNormalizeSparse(bonds, n)
    const delta = rowHadamardSparse(weightsForBonds, activeStake)
    inplaceColNormalizeSparse(delta, n)
    emaBonds = liquidAlphaOff(s, netuid, delta, bonds)
    inplaceColNormalizeSparse(emaBonds, n)
    dividends = matmulTransposeSparse(emaBonds, incentive)
    inplaceNormalize(dividends)
    inplaceColMaxUpscaleSparse(emaBonds, n)
  }

  // == Emission ==
  const combined = incentive.map((ii, i) => satAdd(ii, dividends[i] ?? ZERO))
  const emissionSum = sum(combined)
  const nServer = incentive.slice()
  let nValidator = dividends.slice()
  let nCombined = combined.slice()
  inplaceNormalizeUsingSum(nServer, emissionSum)
  inplaceNormalizeUsingSum(nValidator, emissionSum)
  inplaceNormalize(nCombined)
  if (emissionSum === ZERO) {
    const fallback = isZero(activeStake) ? stake : activeStake
    nValidator = fallback.slice()
    nCombined = fallback.slice()
  }
  const serverEmission = nServer.map((x) => scaleEmission(x, raoEmission))
  const validatorEmission = nValidator.map((x) => scaleEmission(x, raoEmission))
  const combinedEmission = nCombined.map((x) => scaleEmission(x, raoEmission))

  // == Epoch output ==
  const terms: Array<[Uint8Array, EpochTerms]> = keyed.map(([hk, uid]) => {
    const t: EpochTerms = {
      uid,
      dividend: fixedProportionToU16(dividends[uid] ?? ZERO),
      incentive: fixedProportionToU16(incentive[uid] ?? ZERO),
      validatorEmission: validatorEmission[uid] ?? 0n,
      serverEmission: serverEmission[uid] ?? 0n,
      stakeWeight: fixedProportionToU16(stake[uid] ?? ZERO),
      active: active[uid] ?? false,
      emission: combinedEmission[uid] ?? 0n,
      consensus: fixedProportionToU16(consensus[uid] ?? ZERO),
      validatorTrust: fixedProportionToU16(validatorTrust[uid] ?? ZERO),
      newValidatorPermit: newPermits[uid] ?? false,
      bond: [],
      stake: (() => { const x = totalStake[uid] ?? 0n; const v = x >> 64n; return v < 0n ? 0n : v > U64_MAX ? U64_MAX : v })(),
    }
    if (t.newValidatorPermit) t.bond = (emaBonds[uid] ?? []).map(([j, v]): [number, number] => [j, fixedProportionToU16(v)])
    return [hk, t]
  })
  terms.sort((a, b) => compareBytes(a[0], b[0]))

  const explanation: EpochExplanation = {
    netuid, mecid, block, raoEmission,
    hyperparameters: {
      tempo: S.Tempo.get(s, netuid), activityCutoffBlocks: Number(cutoff), kappa: S.Kappa.get(s, netuid),
      bondsPenalty: S.BondsPenalty.get(s, netuid), bondsMovingAverage: Number(S.BondsMovingAverage.get(s, netuid)),
      maxAllowedValidators: S.MaxAllowedValidators.get(s, netuid), stakeThreshold: String(minStake),
      taoWeight: String(S.TaoWeight.get(s)), yuma3, liquidAlpha: S.LiquidAlphaOn.get(s, netuid),
      alphaLow: S.AlphaValues.get(s, netuid)[0], alphaHigh: S.AlphaValues.get(s, netuid)[1],
      alphaSigmoidSteepness: S.AlphaSigmoidSteepness.get(s, netuid),
      commitReveal: S.CommitRevealWeightsEnabled.get(s, netuid), ownerUid: owner ?? -1, lastTempo: Number(since),
    },
    active, stake, validatorPermit: validatorPermits, newValidatorPermit: newPermits, activeStake, weights, consensus,
    clippedWeights: clipped, validatorTrust, incentive, emaBonds, dividends, serverEmission, validatorEmission, combinedEmission,
  }
  return { terms, explanation }
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  return a.length - b.length
}
