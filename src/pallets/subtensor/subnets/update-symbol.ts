// subnets/symbols.rs checks and the `update_symbol` call (HEAD 14bc6f9).
import type { Store } from '../../../frame/declare/storage.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { ensureSubnetOwnerOrRoot } from '../utils/rate-limiting.js'
import { SYMBOLS } from './symbols.js'
import { equal } from './uids.js'

/** `ensure_symbol_exists`: one of the static symbols, the root's (index 0) excluded. */
export function ensureSymbolExists(symbol: Uint8Array): void {
  if (!SYMBOLS.slice(1).some((x) => equal(x, symbol))) throw E.SymbolDoesNotExist()
}

/** `ensure_symbol_available`: no subnet (the caller's included) holds it. */
export function ensureSymbolAvailable(s: Store, symbol: Uint8Array): void {
  for (const [, v] of S.TokenSymbol.iter(s)) if (equal(v, symbol)) throw E.SymbolAlreadyInUse()
}

implement('update_symbol', (ctx, a) => {
  ensureSubnetOwnerOrRoot(ctx, a.netuid)
  ensureSymbolExists(a.symbol)
  ensureSymbolAvailable(ctx.s, a.symbol)
  S.TokenSymbol.set(ctx.s, a.netuid, a.symbol)
  SubtensorEvents.SymbolUpdated.emit(ctx.env, { netuid: a.netuid, symbol: a.symbol })
})
