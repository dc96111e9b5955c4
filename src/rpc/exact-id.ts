// Request ids echoed digit for digit. JSON.parse reads every number as a float, so an id such as
// 18446744073709551615 would come back as 18446744073709552000. jsonrpsee's `Id` is null, a u64 or
// a string: here the raw text of each numeric `id` member is read from the frame itself and kept
// as a bigint when it is a u64; any other number (fraction, exponent, negative, > u64) is no id.

const U64_MAX = (1n << 64n) - 1n
const U64_TEXT = /^(?:0|[1-9][0-9]{0,19})$/

/** Marks an `id` member whose number is not a u64: the request has no usable id. */
export const NOT_AN_ID: unique symbol = Symbol('not a JSON-RPC id')

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

/** Index just past the string starting at `i` (which holds its opening quote). */
function skipString(text: string, i: number): number {
  let j = i + 1
  for (;;) {
    const q = text.indexOf('"', j)
    if (q < 0) return text.length
    // A quote preceded by an odd number of backslashes is escaped.
    let b = q - 1
    while (text.charCodeAt(b) === BACKSLASH) b--
    if ((q - 1 - b) % 2 === 0) return q + 1
    j = q + 1
  }
}

/** Index just past the value starting at `i`. The text is known to be valid JSON. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c === QUOTE) return skipString(text, i)
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    // Iterative, so that deeply nested params cannot overflow the stack.
    let depth = 0
    let j = i
    while (j < text.length) {
      const d = text.charCodeAt(j)
      if (d === QUOTE) { j = skipString(text, j); continue }
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) { depth--; if (depth === 0) return j + 1 }
      j++
    }
    return j
  }
  let j = i
  while (j < text.length) {
    const d = text.charCodeAt(j)
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break
    j++
  }
  return j
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++
  return i
}

/** Raw text of the object's last `id` member (JSON.parse keeps the last duplicate too), if any. */
function rawIdOfObject(text: string, start: number): { raw: string | undefined; end: number } {
  let i = skipSpace(text, start + 1)
  let raw: string | undefined
  if (text.charCodeAt(i) === CLOSE_BRACE) return { raw, end: i + 1 }
  for (;;) {
    const keyEnd = skipString(text, i)
    const key = text.slice(i + 1, keyEnd - 1)
    const isId = key === 'id' || (key.includes('\\') && JSON.parse(text.slice(i, keyEnd)) === 'id')
    i = skipSpace(text, keyEnd) + 1 // past ':'
    i = skipSpace(text, i)
    const valueEnd = skipValue(text, i)
    if (isId) raw = text.slice(i, valueEnd)
    i = skipSpace(text, valueEnd)
    if (text.charCodeAt(i) === CLOSE_BRACE) return { raw, end: i + 1 }
    i = skipSpace(text, i + 1) // past ','
  }
}

function exactId(raw: string | undefined): bigint | typeof NOT_AN_ID {
  if (raw === undefined || !U64_TEXT.test(raw)) return NOT_AN_ID
  const n = BigInt(raw)
  return n <= U64_MAX ? n : NOT_AN_ID
}

function hasNumericId(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { id?: unknown }).id === 'number'
}

/**
 * Replace the float-parsed numeric ids of a decoded frame (`value` = JSON.parse(text), a single
 * request or a batch) with their exact values. Frames without numeric ids are not scanned.
 */
export function restoreExactIds(text: string, value: unknown): void {
  if (Array.isArray(value)) {
    if (!value.some(hasNumericId)) return
    let i = skipSpace(text, 0) + 1
    for (let k = 0; k < value.length; k++) {
      i = skipSpace(text, i)
      const item: unknown = value[k]
      if (hasNumericId(item)) {
        const { raw, end } = rawIdOfObject(text, i)
        ;(item as { id: unknown }).id = exactId(raw)
        i = end
      } else {
        i = skipValue(text, i)
      }
      i = skipSpace(text, i) + 1 // past ',' or ']'
    }
    return
  }
  if (hasNumericId(value)) (value as { id: unknown }).id = exactId(rawIdOfObject(text, skipSpace(text, 0)).raw)
}
