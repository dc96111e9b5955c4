// Substrate's periodic status line: "💤 Idle (0 peers), best: #12 (0xab…), finalized #12 (0xab…)".
import type { Logger } from 'pino'
import { hexOf } from '../codec/bytes.js'
import type { NodeContext } from './context.js'

const INTERVAL_MS = 5_000

export function startInformant(ctx: NodeContext, log: Logger): () => void {
  const short = (h: Uint8Array): string => { const x = hexOf(h); return `${x.slice(0, 6)}…${x.slice(-4)}` }
  const timer = setInterval(() => {
    const best = ctx.chain.durableBest
    const fin = ctx.chain.durableFinalized
    const peers = ctx.network?.peers().length ?? 0
    const status = ctx.network?.isSyncing() ? `⚙️  Syncing, target=#${ctx.network.highestBlock()}` : '💤 Idle'
    log.info(`${status} (${peers} peers), best: #${best.number} (${short(best.hash)}), finalized #${fin.number} (${short(fin.hash)}), ⬇ 0 ⬆ 0`)
  }, INTERVAL_MS)
  timer.unref()
  return () => clearInterval(timer)
}
