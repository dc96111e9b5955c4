// Self and inclusive time of a V8 CPU profile restricted to the samples taken inside one function
// (e.g. SubtensorModule's on_initialize), for the per-block profiles of bench/profile-blocks.ts.
export interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]
  samples: number[]
  timeDeltas: number[]
}
type Summary = { busyUs: number; byFunction: { name: string; us: number }[]; inclusive: { name: string; us: number }[] }

/** Self and inclusive time of the samples with a function named `fn` on their stack. */
export function summarizeUnder(p: Profile, fn: string): Summary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const label = (id: number): string => {
    const f = byId.get(id)!.callFrame
    return `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/src\//, 'src/').replace(/^.*\//, '')}:${f.lineNumber + 1}`
  }
  const self = new Map<string, number>()
  const incl = new Map<string, number>()
  let busy = 0
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0
    const stack: string[] = []
    let inside = false
    for (let id: number | undefined = p.samples[i]!; id !== undefined; id = parent.get(id)) {
      stack.push(label(id))
      if (byId.get(id)!.callFrame.functionName.endsWith(fn)) { inside = true; break }
    }
    if (!inside) continue
    busy += dt
    self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + dt)
    for (const k of new Set(stack)) incl.set(k, (incl.get(k) ?? 0) + dt)
  }
  const sorted = (m: Map<string, number>): { name: string; us: number }[] => [...m].map(([name, us]) => ({ name, us })).sort((a, b) => b.us - a.us)
  return { busyUs: busy, byFunction: sorted(self), inclusive: sorted(incl) }
}


/**
 * Prints a summary's busy time after `heading`, then its top `self` and `inclusive` functions, each
 * time given per unit of work by `per` (e.g. µs per block).
 */
export function printSummary(sum: Summary, per: (us: number) => string, heading: string, top: { self: number; inclusive: number }): void {
  console.log(`${heading}\n-- self --`)
  for (const f of sum.byFunction.slice(0, top.self)) console.log(`${per(f.us)}  ${f.name}`)
  console.log('-- inclusive --')
  for (const f of sum.inclusive.slice(0, top.inclusive)) console.log(`${per(f.us)}  ${f.name}`)
}
