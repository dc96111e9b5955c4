// What the Yuma core of epoch_mechanism takes and gives, in plain numbers: I32F32 values as their
// raw bits (exact below 2^53; see fast-fx.ts), stored weights and bonds as u16, blocks as numbers.

/** A sparse row: parallel column and value lists, in the chain's order. */
export interface Row { c: number[]; v: number[] }

export interface LiquidAlphaParams { low: bigint; high: bigint; steepness: bigint }

export interface YumaInputs {
  n: number
  /** inactive[i] = last_update + cutoff < block */
  inactive: boolean[]
  lastUpdate: number[]
  registered: number[]
  /** Earliest unexpired commit block per uid (Infinity = none); null when commit-reveal is off. */
  commitBlocks: number[] | null
  /** S: the normalised, threshold-filtered stake (I32F32 raw). */
  stake: number[]
  /** The stored permits with the owner forced on (this epoch masks with these). */
  validatorPermits: boolean[]
  ownerUid: number | null
  /** Weights rows (u16, columns < n), one per uid. */
  weights: Row[]
  /** Bonds rows as stored (u16), one per uid. */
  bonds: Row[]
  kappa: number
  bondsPenalty: number
  /** Bonds to uids registered at or after this block are dropped. */
  lastTempo: number
  yuma3: boolean
  /** 1 − BondsMovingAverage/1e6 (I32F32 raw). */
  emaAlpha: number
  /** Liquid alpha parameters when LiquidAlphaOn (Yuma3 only), else null. */
  liquidAlpha: LiquidAlphaParams | null
}

export interface YumaResult {
  activeStake: number[]
  /** Masked, row-normalised weights (W). */
  weights: Row[]
  consensus: number[]
  clipped: Row[]
  validatorTrust: number[]
  incentive: number[]
  /** The bonds as stored: column max-upscaled (original Yuma) or plain EB (Yuma3). */
  emaBonds: Row[]
  dividends: number[]
  normalizedServer: number[]
  normalizedValidator: number[]
  normalizedCombined: number[]
}
