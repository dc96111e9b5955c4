// Whether a hotkey has no row at all in a map keyed by hotkey first, asked for one block's epochs and
// payouts: a hotkey validating on many subnets whose epochs run in the same block (every subnet of
// the dev chain, with its tempo) reads the same empty rows once per subnet, e.g. its ChildKeys and
// ParentKeys, or its deprecated Alpha / TotalHotkeyShares entries. One listing under the hotkey
// answers for all of them. It is made only for a hotkey asked a second time in the block: a hotkey
// on one subnet keeps its one read per key, and the state cache does not keep a listing per hotkey
// of a large chain (its listings are few, and shared with the maps the blocks list).
import type { Store } from '../../../frame/declare/storage.js'
import { keptKeyString } from '../../../storage/kept-key-string.js'

/** Rows listed under a hotkey: whether there is any (lists no more than it needs). */
export type AnyUnderHotkey = (s: Store, hotkey: Uint8Array) => boolean

const ASKED = 0
const NONE = 1
const SOME = 2

export class HotkeyRows {
  /** Per hotkey: ASKED once (not listed), then NONE or SOME as listed. */
  private readonly known = new Map<string, number>()

  /**
   * `any`: whether the hotkey has a row; the maps it lists must not gain a row under any hotkey
   * while this object is used (the caller's block writes none of them, or only removes).
   */
  constructor(private readonly s: Store, private readonly any: AnyUnderHotkey) {}

  /** Whether the hotkey is known to have no row (false: not known, read the row itself). */
  hasNone(hotkey: Uint8Array): boolean {
    const k = keptKeyString(hotkey)
    const known = this.known.get(k)
    if (known === undefined) { this.known.set(k, ASKED); return false }
    if (known !== ASKED) return known === NONE
    const none = !this.any(this.s, hotkey)
    this.known.set(k, none ? NONE : SOME)
    return none
  }
}
