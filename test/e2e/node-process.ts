// Starts the real node binary as a child process (as a user would) and finds its RPC port.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { YOUNG_GENERATION_FLAG } from '../../bin/node-flags.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BIN = join(ROOT, 'bin', 'subtensor-emu.js')

/**
 * genesis/dev.json with its SubtensorModule genesis section changed by `patch`, written to a
 * temporary file: the path to give `--chain`.
 */
export function devSpecWith(patch: (subtensorModule: Record<string, unknown>) => void): string {
  const spec = JSON.parse(readFileSync(join(ROOT, 'genesis', 'dev.json'), 'utf8'))
  patch(spec.genesis.runtimeGenesis.patch.subtensorModule)
  const path = join(mkdtempSync(join(tmpdir(), 'dev-spec-')), 'spec.json')
  writeFileSync(path, JSON.stringify(spec))
  return path
}

export interface NodeProcess {
  proc: ChildProcess
  port: number
  url: string
  output(): string
  /** Send a signal and wait for the process to exit; resolves with the exit code or signal. */
  kill(signal?: NodeJS.Signals): Promise<number | string>
}


/**
 * `execArgv`: flags for Node itself (e.g. `--cpu-prof` when a bench profiles the node);
 * YOUNG_GENERATION_FLAG (the size bin/subtensor-emu.js gives a node started without Node flags) is
 * added unless they set the semi-space size themselves: passed here, the process started is the
 * node itself, not a parent that relaunches it, so the pid the tests signal and the benches read
 * /proc of is the node.
 */
export async function startNodeProcess(args: string[], timeoutMs = 30_000, execArgv: string[] = []): Promise<NodeProcess> {
  // Port 0 everywhere: several nodes may run at once. A node not started with --dev opens its p2p
  // listener (30333 unless told otherwise), so it gets a free p2p port too.
  const p2pChosen = args.includes('--dev') || args.some((a) => a === '--port' || a === '--listen-addr')
  const extra = [
    '--rpc-port', '0',
    ...(args.some((a) => a.includes('prometheus')) ? [] : ['--prometheus-port', '0']),
    ...(p2pChosen ? [] : ['--port', '0']),
  ]
  const young = execArgv.some((a) => /^--(max|min)[-_]semi[-_]space[-_]size\b|^--max[-_]heap[-_]size\b/.test(a)) ? [] : [YOUNG_GENERATION_FLAG]
  const proc = spawn(process.execPath, [...young, ...execArgv, BIN, ...args, ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const exited = new Promise<number | string>((resolve) => proc.on('exit', (code, sig) => resolve(code ?? sig ?? -1)))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs)
    const onData = (d: Buffer): void => {
      out += d.toString()
      const m = /Running JSON-RPC server: addr=[^:\s]+:(\d+)/.exec(out)
      if (m) { clearTimeout(timer); resolve(Number(m[1])) }
    }
    proc.stdout!.on('data', onData)
    proc.stderr!.on('data', onData)
    void exited.then((c) => { clearTimeout(timer); reject(new Error(`node exited (${c}) before RPC was ready:\n${out}`)) })
  })
  return {
    proc, port, url: `ws://127.0.0.1:${port}`,
    output: () => out,
    kill: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
      return exited
    },
  }
}
