// Peer reputation as sc-network keeps it: misbehaviour costs points, the score decays back
// toward zero, and a peer that falls below the ban threshold is disconnected and refused for a
// while. Costs are Substrate's orders of magnitude (a bad block is fatal at once).
export const Cost = {
  /** A block whose seal, state root or extrinsics do not check out: fatal at once (i32::MIN). */
  badBlock: -2147483648,
  /** A transaction or vote with a bad signature. */
  badSignature: -(1 << 26),
  /** A message that does not decode. */
  malformed: -(1 << 26),
  /** A transaction the pool refuses (already known, stale nonce, …): cheap but adds up in a flood. */
  uselessTx: -(1 << 18),
  /** More messages a second than an honest peer sends. */
  flood: -(1 << 22),
} as const

/** sc-network's BANNED_THRESHOLD: 82% of i32::MIN. */
export const BAN_THRESHOLD = Math.trunc(-2147483648 * 0.82)

export interface BanInfo { peer: string; until: number; reason: string }

export class PeerScores {
  private readonly scores = new Map<string, { value: number; at: number }>()
  private readonly banned = new Map<string, BanInfo>()
  /** Messages seen from a peer in the current one-second window (flood detection). */
  private readonly rate = new Map<string, { window: number; count: number }>()

  constructor(
    private readonly onBan: (b: BanInfo) => void,
    private readonly o: { banMs: number; maxMsgsPerSec: number; now?: () => number } = { banMs: 60_000, maxMsgsPerSec: 500 },
  ) {}

  private now(): number { return (this.o.now ?? Date.now)() }

  /** The score with decay applied: it halves every 10 seconds of good behaviour. */
  score(peer: string): number {
    const s = this.scores.get(peer)
    if (!s) return 0
    const halvings = (this.now() - s.at) / 10_000
    return Math.trunc(s.value * Math.pow(0.5, halvings))
  }

  report(peer: string, cost: number, reason: string): void {
    const value = this.score(peer) + cost
    this.scores.set(peer, { value, at: this.now() })
    if (value < BAN_THRESHOLD && !this.isBanned(peer)) {
      const info = { peer, until: this.now() + this.o.banMs, reason }
      this.banned.set(peer, info)
      this.onBan(info)
    }
  }

  /** Count one message; reports a flood once the peer exceeds the per-second allowance. */
  countMessage(peer: string): void {
    const window = Math.floor(this.now() / 1000)
    const r = this.rate.get(peer)
    if (!r || r.window !== window) { this.rate.set(peer, { window, count: 1 }); return }
    r.count++
    if (r.count > this.o.maxMsgsPerSec) this.report(peer, Cost.flood, 'message flood')
  }

  isBanned(peer: string): boolean {
    const b = this.banned.get(peer)
    if (!b) return false
    if (b.until > this.now()) return true
    this.banned.delete(peer)
    this.scores.delete(peer)
    return false
  }

  bans(): BanInfo[] { return [...this.banned.values()].filter((b) => this.isBanned(b.peer)) }
}
