// Issue 16: the crash campaign, short. A node producing blocks and serving watched transfers is
// SIGKILLed at random moments (fast-check picks them) and restarted on its base path: nothing
// announced as finalized is lost. `npm run soak` runs the long variant.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crashCampaign, crashRoundArb, type CrashRound } from '../campaigns/crash.js'

const roundArb: fc.Arbitrary<CrashRound> = crashRoundArb({ minDelayMs: 50, maxDelayMs: 1500, maxNth: 3, maxInFlight: 3 })

describe('SIGKILL at random moments', () => {
  it('loses nothing that was announced as finalized', async () => {
    const rounds = fc.sample(roundArb, 4)
    // Both kinds of kill always take part; the first round is the reproduction (a long
    // dev_newBlock, killed the moment a watched transfer is finalized), which the tree before the
    // fix failed in its first round.
    rounds[0] = { kill: { kind: 'onFinalized', nth: 1 }, blocksPerCall: 3000, inFlight: 1 }
    rounds[1] = { ...rounds[1]!, kill: { kind: 'timer', delayMs: 300 } }
    const reports = await crashCampaign(rounds)
    expect(reports).toHaveLength(4)
    expect(reports.reduce((n, r) => n + r.finalizedTxs, 0)).toBeGreaterThan(0)
    expect(reports.reduce((n, r) => n + r.announcedBlocks, 0)).toBeGreaterThan(0)
  }, 180_000)
})
