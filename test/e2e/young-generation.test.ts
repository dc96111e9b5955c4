// bin/subtensor-emu.js started with no Node flags runs the node as a child with a 64 MB semi-space
// (V8 fixes it at start-up); that parent passes signals on, exits as the child does, and does not leave
// the child behind when it is SIGKILLed. Given Node flags, it starts the node in its own process.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { BIN } from './node-process.js'

const ARGS = ['--dev', '--sealing', 'manual', '--rpc-port', '0', '--no-prometheus']
const started: ChildProcess[] = []
afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
})

/** Starts `node [execArgv] BIN ARGS` and waits until it is up (RPC served, signal handlers set). */
async function start(execArgv: string[]): Promise<{ proc: ChildProcess, exited: Promise<number | string>, output: () => string }> {
  const env = { ...process.env }
  delete env.NODE_OPTIONS // Node flags from there would also keep it to one process
  const proc = spawn(process.execPath, [...execArgv, BIN, ...ARGS], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  started.push(proc)
  let out = ''
  const exited = new Promise<number | string>((resolve) => proc.on('exit', (code, sig) => resolve(code ?? sig ?? -1)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no RPC server within 30 s:\n${out}`)), 30_000)
    const onData = (d: Buffer): void => {
      out += d.toString()
      // The node's SIGTERM handler is set before it starts (src/cli/run.ts), so by this line it is in place.
      if (/💾 Database: /.test(out)) { clearTimeout(timer); resolve() }
    }
    proc.stdout!.on('data', onData)
    proc.stderr!.on('data', onData)
    void exited.then((c) => { clearTimeout(timer); reject(new Error(`exited (${c}):\n${out}`)) })
  })
  return { proc, exited, output: () => out }
}

/** The pids whose parent is `pid`, from /proc. */
function children(pid: number): number[] {
  const out: number[] = []
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(e))
    } catch { /* gone */ }
  }
  return out
}
const cmdline = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
const alive = (pid: number): boolean => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const end = Date.now() + withinMs; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    if (!alive(pid)) return true
  }
  return !alive(pid)
}

describe.skipIf(process.platform !== 'linux')('the young-generation size a plain start gets', () => {
  it('no Node flags: the node runs as a child with --max-semi-space-size=64; SIGTERM to the parent stops both, exit code 0', async () => {
    const node = await start([])
    const kids = children(node.proc.pid!)
    expect(kids).toHaveLength(1)
    expect(cmdline(kids[0]!).slice(1, 3)).toEqual(['--max-semi-space-size=64', BIN])
    node.proc.kill('SIGTERM')
    expect(await node.exited).toBe(0)
    expect(await gone(kids[0]!, 5_000)).toBe(true)
    expect(node.output()).toMatch(/Received SIGTERM, shutting down/)
  }, 60_000)

  it('the parent SIGKILLed: the child stops too', async () => {
    const node = await start([])
    const [kid] = children(node.proc.pid!)
    node.proc.kill('SIGKILL')
    expect(await node.exited).toBe('SIGKILL')
    expect(await gone(kid!, 10_000)).toBe(true)
  }, 60_000)

  it('the child killed by a signal: the parent dies of the same signal', async () => {
    const node = await start([])
    const [kid] = children(node.proc.pid!)
    process.kill(kid!, 'SIGKILL')
    expect(await node.exited).toBe('SIGKILL')
  }, 60_000)

  it("the user's own Node flags: one process, theirs only", async () => {
    const node = await start(['--max-semi-space-size=16'])
    expect(children(node.proc.pid!)).toHaveLength(0)
    expect(cmdline(node.proc.pid!).slice(1, 3)).toEqual(['--max-semi-space-size=16', BIN])
    node.proc.kill('SIGTERM')
    expect(await node.exited).toBe(0)
  }, 60_000)
})
