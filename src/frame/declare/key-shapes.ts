// The shapes of storage keys and values the accessors take shortcuts on (declare/storage-item.ts):
// small integer keys whose key strings are made once, byte-array keys that encode as themselves,
// and fixed-width Vec elements that can be appended without decoding.
import type { Ty } from '../../codec/types.js'

/** Latin1 strings of small little-endian integers (netuids, uids), made once each. */
const smallStrings: string[][] = [[], [], [], [], []]
export function smallUintString(k: number, width: number): string {
  const cached = k < 4096 ? smallStrings[width]![k] : undefined
  if (cached !== undefined) return cached
  let s = ''
  for (let j = 0, v = k; j < width; j++, v = Math.floor(v / 256)) s += String.fromCharCode(v % 256)
  if (k < 4096) smallStrings[width]![k] = s
  return s
}

const PRIM_WIDTH: Record<string, number> = { bool: 1, u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8, u128: 16, i128: 16 }
/** Encoded width of `t` when every value of it has the same (a fixed-width primitive or a newtype of one), else 0. */
export function fixedWidth(t: Ty): number {
  while (t.def.tag === 'composite' && t.def.fields.length === 1) t = t.def.fields[0]!.type
  return t.def.tag === 'primitive' ? (PRIM_WIDTH[t.def.prim] ?? 0) : 0
}

/** N when `t` is `[u8; N]` (or a newtype of it), whose Uint8Array values encode as themselves. */
export function verbatimLength(t: Ty | undefined): number {
  while (t !== undefined && t.def.tag === 'composite' && t.def.fields.length === 1) t = t.def.fields[0]!.type
  if (t === undefined || t.def.tag !== 'array') return -1
  const of = t.def.of.def
  return of.tag === 'primitive' && of.prim === 'u8' ? t.def.len : -1
}

/** Byte width of `t` when it is u8/u16/u32 (numbers encoded little endian), else 0. */
export function smallUintBytes(t: Ty | undefined): number {
  while (t !== undefined && t.def.tag === 'composite' && t.def.fields.length === 1) t = t.def.fields[0]!.type
  if (t === undefined || t.def.tag !== 'primitive') return 0
  return t.def.prim === 'u8' ? 1 : t.def.prim === 'u16' ? 2 : t.def.prim === 'u32' ? 4 : 0
}
