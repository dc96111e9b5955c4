// `npm run bench`: runs every bench/*.bench.ts module's `run()` and prints one table.
// Each module runs in a child process of its own: a process runs one runtime build (the dev chain's
// fast-runtime build, the mainnet build…), and one benchmark's leftovers never slow the next.
import '../src/polyfill.js'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import os from 'node:os'

interface Row { name: string; value: number; unit: string }
const here = dirname(fileURLToPath(import.meta.url))
const ROWS_MARK = '@@bench-rows@@'

if (process.argv[2] === '--one') {
  // Child: run one module and hand its rows back on stdout.
  const mod = (await import(pathToFileURL(join(here, process.argv[3]!)).href)) as { run?: () => Promise<Row[]> }
  const rows = typeof mod.run === 'function' ? await mod.run() : []
  process.stdout.write(`${ROWS_MARK}${JSON.stringify(rows)}\n`)
  process.exit(0)
}

const only = process.argv.slice(2)
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort()

const rows: (Row & { file: string })[] = []
for (const f of files) {
  process.stderr.write(`running ${f}…\n`)
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', f], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024,
  })
  const line = out.split('\n').find((l) => l.startsWith(ROWS_MARK))
  if (line === undefined) throw new Error(`${f} printed no rows`)
  for (const r of JSON.parse(line.slice(ROWS_MARK.length)) as Row[]) rows.push({ ...r, file: f })
}
const w = Math.max(...rows.map((r) => r.name.length), 10)
console.log(`\n${new Date().toISOString()}  ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, node ${process.version}\n`)
console.log(`${'benchmark'.padEnd(w)}  ${'value'.padStart(12)}  unit`)
console.log(`${'-'.repeat(w)}  ${'-'.repeat(12)}  ----`)
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.value.toLocaleString('en-US', { maximumFractionDigits: 2 }).padStart(12)}  ${r.unit}`)
process.exit(0)
