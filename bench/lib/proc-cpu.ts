// CPU time (ms, user + system, all threads) a process has used so far, from /proc: unlike wall
// time it barely moves when other processes take the cores, so per-block figures stay comparable
// on a loaded machine.
import { readFileSync } from 'node:fs'

export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) * 10
}
