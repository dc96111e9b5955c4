import { describe, expect, it } from 'vitest'
import { BAN_THRESHOLD, Cost, PeerScores, type BanInfo } from '../../../src/p2p/scoring.js'

function scores(): { s: PeerScores; bans: BanInfo[]; clock: { t: number } } {
  const clock = { t: 1_000_000 }
  const bans: BanInfo[] = []
  const s = new PeerScores((b) => bans.push(b), { banMs: 60_000, maxMsgsPerSec: 10, now: () => clock.t })
  return { s, bans, clock }
}

describe('PeerScores', () => {
  it('bans at once for a bad block, for the ban period only', () => {
    const { s, bans, clock } = scores()
    s.report('p', Cost.badBlock, 'bad seal')
    expect(bans).toEqual([{ peer: 'p', until: clock.t + 60_000, reason: 'bad seal' }])
    expect(s.isBanned('p')).toBe(true)
    clock.t += 60_001
    expect(s.isBanned('p')).toBe(false)
    expect(s.score('p')).toBe(0)
  })

  it('lets small costs decay (halving every 10 s) and bans when they add up faster', () => {
    const { s, bans, clock } = scores()
    s.report('p', Cost.badSignature, 'bad signature')
    expect(s.score('p')).toBe(Cost.badSignature)
    clock.t += 10_000
    expect(s.score('p')).toBe(Cost.badSignature / 2)
    const needed = Math.ceil(BAN_THRESHOLD / Cost.badSignature) + 1
    for (let i = 0; i < needed; i++) s.report('q', Cost.badSignature, 'bad signature')
    expect(bans.map((b) => b.peer)).toEqual(['q'])
  })

  it('reports a flood beyond the per-second allowance', () => {
    const { s } = scores()
    for (let i = 0; i < 10; i++) s.countMessage('p')
    expect(s.score('p')).toBe(0)
    s.countMessage('p')
    expect(s.score('p')).toBe(Cost.flood)
  })
})
