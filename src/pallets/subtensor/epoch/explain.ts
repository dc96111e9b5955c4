// `subtensor_explainEpoch` (a dev API no real node has): the epoch that ran in block B recomputed
// from the state of B's parent — block_step replayed up to drain_pending (registration prices,
// the block's emission, run_coinbase's accumulation, then the drain that hands the epoch its
// emission) — with every intermediate vector of each mechanism, by uid.
import type { Store } from '../../../frame/declare/storage.js'
import { System } from '../../system/index.js'
import { getBlockEmission } from '../coinbase/block-emission.js'
import { drainPending } from '../coinbase/epoch-schedule.js'
import { runCoinbase } from '../coinbase/run-coinbase.js'
import { SubtensorStorage as S } from '../storage.js'
import { splitEmissions } from '../subnets/mechanism.js'
import { updateRegistrationPrices } from '../subnets/registration.js'
import { toU16 } from './fast-fx.js'
import { type EpochExplanation, epochMechanism } from './run-epoch.js'
import { yumaFast } from './yuma-fast.js'
import type { Row, YumaInputs, YumaResult } from './yuma-types.js'

const TWO32 = 2 ** 32
const fx = (x: number): number => x / TWO32
const row = (r: Row | undefined): Array<[number, number]> => (r ? r.c.map((j, k) => [j, fx(r.v[k] as number)]) : [])

export interface ExplainedUid {
  uid: number
  hotkey: string
  active: boolean
  stake: number
  stakeWeight: number
  validatorPermit: boolean
  newValidatorPermit: boolean
  activeStake: number
  weights: Array<[number, number]>
  clippedWeights: Array<[number, number]>
  consensus: number
  consensusU16: number
  validatorTrust: number
  validatorTrustU16: number
  incentive: number
  incentiveU16: number
  dividends: number
  dividendsU16: number
  bonds: Array<[number, number]>
  serverEmission: string
  validatorEmission: string
  emission: string
}

export interface ExplainedMechanism {
  mecid: number
  emission: string
  hyperparameters: EpochExplanation['hyperparameters']
  uids: ExplainedUid[]
}

export interface ExplainedEpoch {
  netuid: number
  block: number
  pending: { server: string; validator: string; root: string; ownerCut: string }
  mechanisms: ExplainedMechanism[]
}

function describe(s: Store, netuid: number, e: EpochExplanation): ExplainedMechanism {
  const keyed = new Map([...S.Keys.iterPrefix(s, netuid)].map(([uid, hk]) => [uid, Buffer.from(hk).toString('hex')]))
  const uids: ExplainedUid[] = e.stake.map((st, uid) => ({
    uid,
    hotkey: '0x' + (keyed.get(uid) ?? ''),
    active: e.active[uid] ?? false,
    stake: fx(st),
    stakeWeight: toU16(st),
    validatorPermit: e.validatorPermit[uid] ?? false,
    newValidatorPermit: e.newValidatorPermit[uid] ?? false,
    activeStake: fx(e.activeStake[uid] ?? 0),
    weights: row(e.weights[uid]),
    clippedWeights: row(e.clippedWeights[uid]),
    consensus: fx(e.consensus[uid] ?? 0),
    consensusU16: toU16(e.consensus[uid] ?? 0),
    validatorTrust: fx(e.validatorTrust[uid] ?? 0),
    validatorTrustU16: toU16(e.validatorTrust[uid] ?? 0),
    incentive: fx(e.incentive[uid] ?? 0),
    incentiveU16: toU16(e.incentive[uid] ?? 0),
    dividends: fx(e.dividends[uid] ?? 0),
    dividendsU16: toU16(e.dividends[uid] ?? 0),
    bonds: e.newValidatorPermit[uid] ? (e.emaBonds[uid]?.c ?? []).map((j, k) => [j, toU16(e.emaBonds[uid]!.v[k] as number)]) : [],
    serverEmission: String(e.serverEmission[uid] ?? 0n),
    validatorEmission: String(e.validatorEmission[uid] ?? 0n),
    emission: String(e.combinedEmission[uid] ?? 0n),
  }))
  return { mecid: e.mecid, emission: String(e.raoEmission), hyperparameters: e.hyperparameters, uids }
}

/**
 * On `parent` (an overlay of block `block − 1`'s state, thrown away afterwards): replays block
 * `block`'s subtensor block_step up to the drain; null when `netuid`'s epoch did not run then.
 * `core` is the Yuma implementation (the bigint port of run_epoch.rs lets a check recompute an
 * epoch independently of the production path).
 */
export function explainEpoch(parent: Store, netuid: number, block: number, core: (i: YumaInputs) => YumaResult = yumaFast): ExplainedEpoch | null {
  const s = parent
  const sink = { depositEvent: (): void => undefined }
  System.Number.set(s, block)
  updateRegistrationPrices(s)
  runCoinbase(s, sink, getBlockEmission(s, sink))
  const subnets = [...S.NetworksAdded.iterKeys(s)].filter((n) => n !== 0)
  const drained = drainPending(s, sink, subnets, BigInt(block)).get(netuid)
  if (drained === undefined) return null
  const total = drained.server + drained.validator + drained.root
  const mechanisms = splitEmissions(s, netuid, total).map((e, mecid) => describe(s, netuid, epochMechanism(s, netuid, mecid, e, BigInt(block), core).explanation))
  return {
    netuid, block,
    pending: { server: String(drained.server), validator: String(drained.validator), root: String(drained.root), ownerCut: String(drained.ownerCut) },
    mechanisms,
  }
}
