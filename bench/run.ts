// `npm run bench`: runs every bench/*.bench.ts module's `run()` and prints one table.
import '../src/polyfill.js'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import os from 'node:os'

interface Row { name: string; value: number; unit: string }
const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort()

const rows: (Row & { file: string })[] = []
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { run?: () => Promise<Row[]> }
  if (typeof mod.run !== 'function') continue
  process.stderr.write(`running ${f}…\n`)
  for (const r of await mod.run()) rows.push({ ...r, file: f })
}
const w = Math.max(...rows.map((r) => r.name.length), 10)
console.log(`\n${new Date().toISOString()}  ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, node ${process.version}\n`)
console.log(`${'benchmark'.padEnd(w)}  ${'value'.padStart(12)}  unit`)
console.log(`${'-'.repeat(w)}  ${'-'.repeat(12)}  ----`)
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.value.toLocaleString('en-US', { maximumFractionDigits: 2 }).padStart(12)}  ${r.unit}`)
process.exit(0)
