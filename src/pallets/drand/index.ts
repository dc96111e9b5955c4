// Drand (index 26, pallet_drand): drand pulses by round, verified against the beacon config; the
// node's local beacon (beacon.ts) writes them on chains whose spec gives a beacon key.
import type { PalletDecl } from '../../frame/declare/pallet.js'
import { configureDrandBeacon, localBeaconConfig, type DrandGenesis } from './beacon.js'
import { drand, DrandStorage } from './pallet.js'
import './calls.js'

/** A 32-byte secret scalar from its 0x-hex form in a chain spec. */
export function parseBeaconSecretKey(hex: unknown): Uint8Array {
  if (typeof hex !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(hex)) throw new Error('drand.beaconSecretKey must be 0x followed by 64 hex digits')
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 + 2 * i, 4 + 2 * i), 16)
  return out
}

drand.genesis = (s, config) => {
  const key = (config as DrandGenesis | undefined)?.beaconSecretKey
  if (key !== undefined) DrandStorage.BeaconConfig.set(s, localBeaconConfig(parseBeaconSecretKey(key)))
}

let decl: PalletDecl | null = null
export function drandPallet(): PalletDecl {
  return (decl ??= drand.decl())
}

export { configureDrandBeacon, localBeaconConfig, roundAt, beaconPublicKey, dueRounds, useRoundSignatures, type RoundSignatures } from './beacon.js'
export { writePulses, verifyPulse } from './calls.js'
export { DrandStorage, DrandEvents, DrandErrors, QUICKNET_CONFIG, type PulseValue, type BeaconConfigurationValue } from './pallet.js'
export { QUICKNET, checkRound, verifyRound, signRound, publicKeyOf, randomnessOf, roundMessage } from './bls.js'
export { decryptWithSignature, tle, type TlockError } from './tlock.js'
export { blsReady } from './mcl.js'
