// Timelock-encrypt weights for SubtensorModule's commit_timelocked_weights (113),
// commit_crv3_mechanism_weights (117) and commit_timelocked_mechanism_weights (118): the SCALE
// WeightsTlockPayload sealed with tle (BF-IBE on BLS12-381 + AES-256-GCM) to a drand round, in the
// exact bytes the chain deserialises. Encrypt to the node's own beacon (its key is in
// `Drand.BeaconConfig.public_key`) to have the node reveal it by itself, or to drand quicknet's key
// (the SDK's choice) and feed the round's real pulse with `dev_drandQuicknetPulse`.
import { encode } from '../../codec/scale.js'
import { QUICKNET, roundAt, tle, type BeaconConfigurationValue } from '../../pallets/drand/index.js'
import { WeightsTlockPayload } from '../../pallets/subtensor/commit-reveal/timelocked.js'

export { QUICKNET }

export interface WeightsCommit {
  /** The committing hotkey's 32-byte public key; the chain drops a payload naming another. */
  hotkey: Uint8Array
  uids: readonly number[]
  values: readonly number[]
  versionKey: bigint
}

/** SCALE `WeightsTlockPayload { hotkey: Vec<u8>, uids: Vec<u16>, values: Vec<u16>, version_key: u64 }`. */
export function encodeWeightsPayload(w: WeightsCommit): Uint8Array {
  if (w.uids.length !== w.values.length) throw new RangeError('uids and values differ in length')
  for (const x of [...w.uids, ...w.values]) if (!Number.isInteger(x) || x < 0 || x > 0xffff) throw new RangeError(`${x} is not a u16`)
  return encode(WeightsTlockPayload, { hotkey: w.hotkey, uids: [...w.uids], values: [...w.values], version_key: w.versionKey })
}

/** tle ciphertext (serialize_compressed) of `message` for `round` under a beacon's G2 public key. */
export function timelockEncrypt(message: Uint8Array, round: bigint, publicKey: Uint8Array = QUICKNET.publicKey): Uint8Array {
  if (round < 1n || round >= 1n << 64n) throw new RangeError('round must be a u64 ≥ 1')
  return tle(publicKey, round, message)
}

/** The `commit` argument for a timelocked weights commit revealed at `round`. */
export const encryptWeights = (w: WeightsCommit & { round: bigint; publicKey?: Uint8Array }): Uint8Array =>
  timelockEncrypt(encodeWeightsPayload(w), w.round, w.publicKey)

/** The beacon round current at a unix time (ms) under a BeaconConfig (quicknet's by default). */
export const roundAtTime = (unixMs: bigint, config: Pick<BeaconConfigurationValue, 'genesis_time' | 'period'> = { genesis_time: QUICKNET.genesisTime, period: QUICKNET.period }): bigint =>
  roundAt(config as BeaconConfigurationValue, unixMs)
