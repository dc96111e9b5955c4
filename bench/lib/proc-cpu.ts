// CPU time a process has used (all its threads, user + system), read from /proc: unlike wall time
// it hardly moves when other processes take the cores, so a bench can report µs of CPU per unit.
import { readFileSync } from 'node:fs'

/** ms of CPU `pid` has used so far (utime + stime of every thread, 10 ms ticks). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}
