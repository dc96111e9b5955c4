// Reads a V8 .cpuprofile (node --cpu-prof) and sums self time per function and per source file, so
// a benchmark can report where a node process spent its CPU (µs per transaction, not wall time).
import { readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
  /** Total sampled time, µs. */
  totalUs: number
  /** Time not idle (V8's "(idle)" and "(program)" excluded: the event loop waiting), µs. */
  busyUs: number
  byFunction: { name: string; us: number }[]
  byFile: { name: string; us: number }[]
  /** Time with the function anywhere on the stack (each sample counted once per function). */
  inclusive: { name: string; us: number }[]
}

const IDLE = new Set(['(idle)', '(program)'])

/**
 * `window`: only samples taken in [from, to] (µs of the monotonic clock, as
 * `process.hrtime.bigint() / 1000n` in any process on the machine: V8 stamps samples with it).
 */
export function summarizeProfile(path: string, window?: { from: number; to: number }): ProfileSummary {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const keyOf = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}`
  const incl = new Map<string, number>()
  const self = new Map<number, number>()
  let t = p.startTime
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0
    t += dt
    if (window && (t < window.from || t > window.to)) continue
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + dt)
    const seen = new Set<string>()
    for (let id: number | undefined = p.samples[i]!; id !== undefined; id = parent.get(id)) {
      const k = keyOf(byId.get(id)!)
      if (seen.has(k)) continue
      seen.add(k)
      incl.set(k, (incl.get(k) ?? 0) + dt)
    }
  }
  const fns = new Map<string, number>()
  const files = new Map<string, number>()
  let totalUs = 0
  let busyUs = 0
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame
    totalUs += us
    if (IDLE.has(f.functionName)) continue
    busyUs += us
    const file = shortUrl(f.url)
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`
    fns.set(key, (fns.get(key) ?? 0) + us)
    files.set(file, (files.get(file) ?? 0) + us)
  }
  const sorted = (m: Map<string, number>): { name: string; us: number }[] =>
    [...m].map(([name, us]) => ({ name, us })).sort((a, b) => b.us - a.us)
  return { totalUs, busyUs, byFunction: sorted(fns), byFile: sorted(files), inclusive: sorted(incl) }
}

function shortUrl(url: string): string {
  if (url === '') return '(native)'
  const i = url.lastIndexOf('/node_modules/')
  if (i >= 0) return url.slice(i + 14)
  const s = url.indexOf('/src/')
  return s >= 0 ? url.slice(s + 1) : url.replace(/^.*\//, '')
}

/** This process's CPU profiler, sampling every `intervalUs`; `stop` ends it, writes the profile to `path` and returns it. */
export async function startCpuProfile(intervalUs: number): Promise<{ stop(path: string): Promise<unknown> }> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
  await session.post('Profiler.start')
  return {
    async stop(path) {
      const { profile } = await session.post('Profiler.stop')
      writeFileSync(path, JSON.stringify(profile))
      session.disconnect()
      return profile
    },
  }
}
