// Weights and Bonds (`Identity` NetUidStorageIndex, `Identity` u16 → Vec<(u16, u16)>) read and
// written as raw SCALE, straight into and out of the epoch's column/value lists: at 4,096 UIDs
// a mechanism holds ~262k pairs, and decoding each into a tuple costs more than the epoch's
// arithmetic. Same bytes as the typed accessors (tests compare both).
import { sameBytes } from '../../../codec/bytes.js'
import { Reader, Writer, readCompactNumber, writeCompact } from '../../../codec/scale.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import type { Row } from './yuma-types.js'

type PairMap = typeof S.Weights

const le16 = (v: number): [number, number] => [v & 0xff, (v >> 8) & 0xff]

function prefixOf(map: PairMap, netuidIndex: number): Uint8Array {
  const out = new Uint8Array(map.prefix.length + 2)
  out.set(map.prefix)
  out.set(le16(netuidIndex), map.prefix.length)
  return out
}

/** Every row under `netuidIndex` with uid < n, as (column, value) lists; `maxColumn` drops columns ≥ it. */
export function readPairRows(s: Store, map: PairMap, netuidIndex: number, n: number, maxColumn = Infinity): Row[] {
  const rows: Row[] = []
  for (let uid = 0; uid < n; uid++) rows.push({ c: [], v: [] })
  if (n <= FEW_ROWS) {
    // A few uids: each row read by its key (rows of uids ≥ n are not read either way), no listing.
    for (let uid = 0; uid < n; uid++) {
      const raw = map.raw(s, netuidIndex, uid)
      if (raw !== null) readRow(raw, rows[uid] as Row, maxColumn)
    }
    return rows
  }
  for (const key of s.keys(prefixOf(map, netuidIndex))) {
    const uid = (key[key.length - 2] as number) | ((key[key.length - 1] as number) << 8)
    if (uid >= n) continue
    const raw = s.get(key)
    if (raw === null) continue
    readRow(raw, rows[uid] as Row, maxColumn)
  }
  return rows
}

/** Up to this many uids, rows are read by key rather than by listing the mechanism's prefix. */
const FEW_ROWS = 8

/** One stored row's pairs onto `row`, columns ≥ maxColumn dropped. */
function readRow(raw: Uint8Array, row: Row, maxColumn: number): void {
  const r = new Reader(raw)
  const len = readCompactNumber(r)
  r.need(len * 4)
  let p = r.pos
  for (let k = 0; k < len; k++, p += 4) {
    const j = (raw[p] as number) | ((raw[p + 1] as number) << 8)
    if (j >= maxColumn) continue
    row.c.push(j)
    row.v.push((raw[p + 2] as number) | ((raw[p + 3] as number) << 8))
  }
}

/** `map.insert(netuid_index, uid, row)`; a row that already holds these bytes is left alone (the state is the same). */
export function writePairRow(s: Store, map: PairMap, netuidIndex: number, uid: number, c: readonly number[], v: readonly number[]): void {
  const out = c.length === 0 ? EMPTY_ROW : rowBytes(c, v)
  const was = map.raw(s, netuidIndex, uid)
  if (was !== null && sameBytes(was, out)) return
  map.setRaw(s, netuidIndex, uid, out)
}

/** An empty row's bytes (a uid without a new permit), shared: stored bytes are never changed in place. */
const EMPTY_ROW = new Uint8Array([0])

function rowBytes(c: readonly number[], v: readonly number[]): Uint8Array {
  const w = new Writer(5 + c.length * 4)
  writeCompact(w, c.length)
  const head = w.finish()
  const out = new Uint8Array(head.length + c.length * 4)
  out.set(head)
  let p = head.length
  for (let k = 0; k < c.length; k++, p += 4) {
    const j = c[k] as number
    const x = v[k] as number
    out[p] = j & 0xff; out[p + 1] = j >> 8; out[p + 2] = x & 0xff; out[p + 3] = x >> 8
  }
  return out
}

