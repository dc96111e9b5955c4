// The lists and scratch buffers the fast Yuma core (yuma-fast.ts and its fast-* helpers) holds its
// numbers in: how a list is made decides the representation V8 gives it, and the epoch's optimised
// code stays optimised only while every list it meets has the one it was compiled for.
import type { Row } from './yuma-types.js'

/**
 * An empty list V8 keeps as doubles: values start as u16 integers and are rewritten in place as
 * I32F32 bits (above the small-integer range), and a list switching representation every epoch
 * costs a copy and leaves the code that reads it polymorphic.
 *
 * Every list the core makes is built so, by push (numbers onto doubles(), rows onto `[]`), never by
 * Array.prototype.map/filter/slice: their result's representation depends on the values (all small
 * integers, doubles) and on the tier (the builtin makes packed lists, TurboFan's inlined map holey
 * ones), so the optimised code met lists its feedback never saw, deoptimised ("wrong map") and,
 * as recompiling it takes a background thread ~150 ms, the one-UID epochs of the dev chain ran it
 * unoptimised nearly always.
 */
export function doubles(): number[] {
  const a = [0.5]
  // (pop keeps the double elements and is a builtin; setting length goes through the runtime)
  a.pop()
  return a
}
/** The first `len` entries of `x` as a list of doubles. */
export function doublesFrom(x: readonly number[], len: number = x.length): number[] {
  const out = doubles()
  for (let i = 0; i < len; i++) out.push(x[i] as number)
  return out
}
export const emptyRow = (): Row => ({ c: [], v: doubles() })
/** n zeros, as a list of doubles. */
export function zeroList(n: number): number[] {
  const out = doubles()
  for (let i = 0; i < n; i++) out.push(0)
  return out
}
/** n empty rows. */
export function emptyRows(n: number): Row[] {
  const out: Row[] = []
  for (let i = 0; i < n; i++) out.push(emptyRow())
  return out
}
export const sumOf = (x: readonly number[]): number => { let s = 0; for (let i = 0; i < x.length; i++) s += x[i] as number; return s }

/**
 * A Float64Array reused from one step to the next (the epoch's many tiny subnets would otherwise
 * make a few typed arrays each): each step is done with it before the next asks. Entries from n
 * on may hold an earlier, wider step's values: a step reads only below its n.
 */
export class ZeroedScratch {
  private buf = new Float64Array(64)
  zeroed(n: number): Float64Array {
    if (this.buf.length < n) this.buf = new Float64Array(Math.max(n, 2 * this.buf.length))
    else this.buf.fill(0, 0, n)
    return this.buf
  }
}

/** A dense row scratchpad remembering touched columns (ascending on drain). */
export class Scratch {
  readonly acc: Float64Array
  private readonly seen: Uint8Array
  readonly touched: number[] = []
  constructor(readonly n: number) { this.acc = new Float64Array(n); this.seen = new Uint8Array(n) }
  touch(j: number): boolean {
    if (j >= this.n) return false
    if (this.seen[j] === 0) { this.seen[j] = 1; this.touched.push(j) }
    return true
  }
  drain(emit: (j: number, v: number) => void): void {
    this.touched.sort((a, b) => a - b)
    for (const j of this.touched) { emit(j, this.acc[j] as number); this.acc[j] = 0; this.seen[j] = 0 }
    this.touched.length = 0
  }
}
