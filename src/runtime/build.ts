// Which build of the runtime a chain runs: subtensor's cargo features and the registration regime.
// A chain spec chooses it (`runtimeFeatures` and SubtensorModule's `registrationRegime`); the
// runtime is built once per process.
import { setSlotDuration } from '../pallets/aura/index.js'
import { configureDrandBeacon, parseBeaconSecretKey } from '../pallets/drand/index.js'
import { configureSubtensor, type RegistrationRegime } from '../pallets/subtensor/build.js'
import { setMinimumPeriod } from '../pallets/timestamp/index.js'

export type RuntimeFeature = 'fast-runtime' | 'pow-faucet'
export interface RuntimeBuild {
  features: RuntimeFeature[]; registration: RegistrationRegime
  /** The local drand beacon's secret key (0x-hex), from the spec's `drand.beaconSecretKey`; none on mainnet builds. */
  drandBeaconKey?: string
}

/** The mainnet build: 12 s slots, current registration. */
export const MAINNET_BUILD: RuntimeBuild = { features: [], registration: 'current' }
export const FEATURES: readonly RuntimeFeature[] = ['fast-runtime', 'pow-faucet']

export const sameBuild = (a: RuntimeBuild, b: RuntimeBuild): boolean =>
  a.registration === b.registration && [...a.features].sort().join() === [...b.features].sort().join()

/** `prod_or_fast!(12000, 250)`: subtensor's MILLISECS_PER_BLOCK = SLOT_DURATION. */
export const slotDurationOf = (b: RuntimeBuild): number => (b.features.includes('fast-runtime') ? 250 : 12_000)

/** Configure the pallets for a build; runs before the declarations are frozen. */
export function applyBuild(b: RuntimeBuild): void {
  const slot = BigInt(slotDurationOf(b))
  setSlotDuration(slot)
  setMinimumPeriod(slot / 2n)
  configureSubtensor({ fastRuntime: b.features.includes('fast-runtime'), powFaucet: b.features.includes('pow-faucet'), registration: b.registration })
  configureDrandBeacon(b.drandBeaconKey === undefined ? null : parseBeaconSecretKey(b.drandBeaconKey))
}
