// Subcommands that drive a running node over JSON-RPC (HTTP, the node's RPC port):
// `apply <scenario>` (dev_applyScenario) and `advance --netuid N --epochs K` (subtensor_advanceEpochs,
// one epoch per call so the progress bar moves).
import { Presets, SingleBar } from 'cli-progress'
import { Command, InvalidArgumentError } from 'commander'
import { readScenarioDocument } from '../scenario/load.js'

const DEFAULT_URL = 'http://127.0.0.1:9944'

/** One JSON-RPC call over HTTP; ws:// URLs are taken as the same port's HTTP endpoint. */
export async function rpcCall<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const http = url.replace(/^ws(s?):\/\//, 'http$1://')
  let res: Response
  try {
    res = await fetch(http, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  } catch (e) {
    throw new Error(`cannot reach the node at ${http}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`)
  }
  const msg = (await res.json()) as { result?: T; error?: { code: number; message: string } }
  if (msg.error) throw new Error(`${method}: ${msg.error.message}`)
  return msg.result as T
}

const positive = (v: string): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer')
  return n
}

interface Applied { block: string; number: number; netuids: number[]; neurons: { netuid: number; uid: number; account: string; hotkey: string }[] }

async function apply(file: string, o: { url: string; json?: boolean }): Promise<void> {
  const r = await rpcCall<Applied>(o.url, 'dev_applyScenario', [readScenarioDocument(file)])
  if (o.json) { process.stdout.write(`${JSON.stringify(r, null, 2)}\n`); return }
  process.stdout.write(`applied ${file} in block #${r.number} (${r.block})\n`)
  if (r.netuids.length > 0) process.stdout.write(`subnets: ${r.netuids.join(', ')}\n`)
  for (const n of r.neurons) process.stdout.write(`  netuid ${n.netuid} uid ${n.uid}: ${n.account} ${n.hotkey}\n`)
}

async function advance(o: { url: string; netuid: number; epochs: number; progress: boolean }): Promise<void> {
  if (o.epochs < 1) throw new Error('--epochs must be at least 1')
  const bar = o.progress ? new SingleBar({
    format: 'netuid {netuid} |{bar}| {value}/{total} epochs | block #{block} | {rate} blocks/s | ETA {eta_formatted}',
    hideCursor: true,
  }, Presets.shades_classic) : undefined
  const start = await rpcCall<{ number: string }>(o.url, 'chain_getHeader', [])
  const first = parseInt(start.number, 16)
  const t0 = performance.now()
  bar?.start(o.epochs, 0, { netuid: o.netuid, block: first, rate: '0' })
  const epochs: number[] = []
  try {
    for (let i = 0; i < o.epochs; i++) {
      const r = await rpcCall<{ epochs: { number: number }[]; best: { number: number } }>(o.url, 'subtensor_advanceEpochs', [o.netuid, 1])
      epochs.push(...r.epochs.map((e) => e.number))
      const secs = (performance.now() - t0) / 1000
      bar?.update(i + 1, { block: r.best.number, rate: ((r.best.number - first) / Math.max(secs, 1e-3)).toFixed(0) })
    }
  } finally {
    bar?.stop()
  }
  process.stdout.write(`${o.epochs} epoch(s) of netuid ${o.netuid} ran at block(s) ${epochs.join(', ')}\n`)
}

export function registerDevCommands(program: Command): void {
  program.command('apply')
    .description('apply a scenario file (YAML or JSON) to a running node in one block (dev_applyScenario)')
    .argument('<file>', 'the scenario file')
    .option('--url <url>', 'the node\'s RPC endpoint', DEFAULT_URL)
    .option('--json', 'print the whole outcome as JSON')
    .action(async (file: string, o: { url: string; json?: boolean }) => { await apply(file, o) })
  program.command('advance')
    .description('build blocks on a running node until K epochs of subnet N have run (subtensor_advanceEpochs)')
    .requiredOption('--netuid <n>', 'the subnet', positive)
    .option('--epochs <k>', 'how many epochs', positive, 1)
    .option('--url <url>', 'the node\'s RPC endpoint', DEFAULT_URL)
    .option('--no-progress', 'no progress bar')
    .action(async (o: { url: string; netuid: number; epochs: number; progress: boolean }) => { await advance(o) })
}
