// Chain profiles (`--profile fast|real`): the same chain spec run with subtensor's fast-runtime
// timing (250 ms slots and the `prod_or_fast!` second values) or with production timing (12 s
// slots, first values), without rebuilding anything. The profile rewrites what the spec says about
// the build (`runtimeFeatures`, `slotDurationMs`), so Aura.SlotDuration, the metadata and the
// authoring cadence all follow it.
import type { ChainSpec } from './chain-spec.js'

export type ChainProfile = 'fast' | 'real'
export const PROFILES: readonly ChainProfile[] = ['fast', 'real']

/** subtensor's MILLISECS_PER_BLOCK: `prod_or_fast!(12000, 250)`. */
export const PROFILE_SLOT_MS: Record<ChainProfile, number> = { fast: 250, real: 12_000 }

export function parseProfile(v: string): ChainProfile {
  if (!PROFILES.includes(v as ChainProfile)) throw new Error(`--profile expects ${PROFILES.join(' or ')}, got "${v}"`)
  return v as ChainProfile
}

/** The spec with the profile's build: fast-runtime on or off, and the profile's slot. */
export function withProfile(spec: ChainSpec, profile: ChainProfile | undefined): ChainSpec {
  if (profile === undefined) return spec
  const others = ((spec.runtimeFeatures ?? []) as unknown[]).filter((f) => f !== 'fast-runtime')
  return {
    ...spec,
    runtimeFeatures: profile === 'fast' ? ['fast-runtime', ...others] : others,
    slotDurationMs: PROFILE_SLOT_MS[profile],
  }
}
