// The profiling benches' tallies (bytes or µs by function, type or path) printed largest first.

/** Prints the `n` largest entries of `tally`, one per line: `fmt(value)  label(key)`. */
export function printTop(tally: ReadonlyMap<string, number>, n: number, fmt: (v: number) => string, label: (k: string) => string = (k) => k): void {
  for (const [k, v] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${fmt(v)}  ${label(k)}`)
}
