// A list mapping for the epoch's hot code that keeps one list representation.

/**
 * `f` of each entry, in a list built by push: Array.prototype.map's list is packed from the builtin
 * but holey from TurboFan's inlined copy, so the epoch's code that reads it met a representation
 * its feedback never saw and deoptimised, epoch after epoch (see epoch/fast-lists.ts's doubles()).
 */
export function mapped<T, U>(x: readonly T[], f: (v: T, i: number) => U): U[] {
  const out: U[] = []
  for (let i = 0; i < x.length; i++) out.push(f(x[i] as T, i))
  return out
}
