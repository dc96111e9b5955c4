// The Root-only setters that live in SubtensorModule itself (macros/dispatches.rs 69, 76, 77).
import { ensureRoot } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'

implement('sudo_set_tx_childkey_take_rate_limit', (ctx, a) => {
  ensureRoot(ctx)
  S.TxChildkeyTakeRateLimit.set(ctx.s, a.tx_rate_limit)
  SubtensorEvents.TxChildKeyTakeRateLimitSet.emit(ctx.env, a.tx_rate_limit)
})
implement('sudo_set_min_childkey_take', (ctx, a) => {
  ensureRoot(ctx)
  S.MinChildkeyTake.set(ctx.s, a.take)
  SubtensorEvents.MinChildKeyTakeSet.emit(ctx.env, a.take)
})
implement('sudo_set_max_childkey_take', (ctx, a) => {
  ensureRoot(ctx)
  S.MaxChildkeyTake.set(ctx.s, a.take)
  SubtensorEvents.MaxChildKeyTakeSet.emit(ctx.env, a.take)
})
