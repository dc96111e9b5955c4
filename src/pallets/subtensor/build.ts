// The runtime build SubtensorModule runs in: subtensor's cargo features `fast-runtime` (the
// `prod_or_fast!` second values) and `pow-faucet` (the faucet call, NetworkRateLimit 0), and the
// registration regime the chain spec chooses (classic v3.3.13 PoW + difficulty controller, or
// spec 425's decaying burn).
import { fallbackBytes } from '../../frame/declare/storage.js'
import { FAST_RUNTIME_CONSTANTS } from './macros/config.js'
import { declareFaucet } from './macros/dispatches.js'
import { subtensorModule } from './pallet.js'
import { FAST_RUNTIME_DEFAULTS, SubtensorStorage } from './storage.js'

export type RegistrationRegime = 'classic' | 'current'
export interface SubtensorBuild { fastRuntime: boolean; powFaucet: boolean; registration: RegistrationRegime }

let build: SubtensorBuild = { fastRuntime: false, powFaucet: false, registration: 'current' }
let configured = false

export const subtensorBuild = (): SubtensorBuild => build

function setDefault(name: keyof typeof SubtensorStorage, value: unknown): void {
  const d = SubtensorStorage[name].decl
  d.fallback = fallbackBytes(d.value, d.modifier, value)
}

/** Apply a build once per process, before the pallet declarations are frozen (allPallets). */
export function configureSubtensor(b: SubtensorBuild): void {
  if (configured) throw new Error('SubtensorModule: the runtime build is configured once per process')
  configured = true
  build = { ...b }
  if (b.fastRuntime) {
    for (const [name, v] of Object.entries(FAST_RUNTIME_DEFAULTS)) setDefault(name as keyof typeof SubtensorStorage, v)
    for (const [name, v] of Object.entries(FAST_RUNTIME_CONSTANTS)) subtensorModule.setConstant(name, v)
  }
  if (b.powFaucet) {
    // DefaultNetworkRateLimit: `if cfg!(feature = "pow-faucet") { return 0; }`
    setDefault('NetworkRateLimit', 0n)
    declareFaucet()
  }
}
