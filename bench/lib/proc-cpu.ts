// CPU time a process has used (all its threads, user + system), read from /proc: unlike wall time
// it hardly moves when other processes take the cores, so a bench can report µs of CPU per unit.
import { readdirSync, readFileSync } from 'node:fs'

/** ms of CPU `pid` has used so far (utime + stime of every thread, 10 ms ticks). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}

/**
 * ms of CPU per thread kind so far ("main", or the thread's name: V8's GC helpers, libuv's pool,
 * workers), summed over threads of the same name; threads that ended are gone from the tally.
 */
export function threadCpuMs(pid: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const name = tid === String(pid) ? 'main' : `${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}${process.env.CPU_BY_TID ? `#${tid}` : ''}`
      out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) * 10)
    } catch { /* the thread ended */ }
  }
  return out
}
