/**
 * Loads the golden vectors in ./golden. They were printed by the chain's own code, not by this
 * project: substrate-fixed 0.6.0 for fixed.json; subtensor 14bc6f9's epoch/math.rs (math.json)
 * and primitives/share-pool (pool.json, with primitive-types U256 standing in for sp_core's,
 * which is the same type) compiled against it; safe-bigmath 0.4.1 (= rev 013c4998) for
 * pow.json. Inputs come from a seeded generator; every value is a decimal string.
 */
import { readFileSync } from 'node:fs'

export function loadGolden<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./golden/${name}.json`, import.meta.url), 'utf8')) as T
}

/** Collects mismatches so one run reports all of them. */
export class Checker {
  readonly bad: string[] = []
  count = 0
  check(name: string, got: unknown, want: unknown): void {
    this.count++
    const g = JSON.stringify(got, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
    const w = JSON.stringify(want)
    if (g !== w) this.bad.push(`${name}: got ${g.slice(0, 300)} want ${w.slice(0, 300)}`)
  }
}
