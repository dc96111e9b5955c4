// Issue #17 figure: the pytest fixture (python/subtensor_emu) from `pytest` starting to the first
// test's body running — Python and pytest start, the node boots, `import bittensor`, the 3-neuron
// scenario applied, a block and a snapshot, a connected Subtensor. Then the parts on their own:
// `import bittensor` (the SDK's, outside our control) and the node's boot to RPC ready.
// Needs the SDK venv (SDK_VENV, default .venv-sdk); the repo's python/ package is put first on
// PYTHONPATH, so the figure is this tree's fixture whatever the venv has installed.
import '../src/polyfill.js'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

interface Row { name: string; value: number; unit: string }

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const VENV = process.env.SDK_VENV ?? join(ROOT, '.venv-sdk')
const PY = join(VENV, 'bin', 'python')
const RUNS = Number(process.env.FIXTURE_BENCH_RUNS ?? 3)
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const TEST = `import os, time
import pytest

pytestmark = pytest.mark.subtensor_emu_scenario(${JSON.stringify(join(ROOT, 'examples', '3-neuron.yaml'))})


def test_first(emu):
    with open(os.environ["FIXTURE_BENCH_OUT"], "w") as f:
        f.write(repr(time.time()))
    assert len(emu.subtensor.neurons_lite(emu.netuid)) == 3
`

/** What the fixture does before its first test, without the fixture: node boot alone. */
const NODE_ONLY = `import time, sys
t0 = time.time()
from subtensor_emu.node import start_node
n = start_node(cwd=sys.argv[1])
print(time.time() - t0)
n.stop()
`

export async function run(): Promise<Row[]> {
  if (!existsSync(PY)) {
    process.stderr.write(`fixture.bench: no SDK venv at ${VENV} (scripts/setup-python-sdk.sh builds it); skipped\n`)
    return []
  }
  const env = { ...process.env, PYTHONPATH: [join(ROOT, 'python'), process.env.PYTHONPATH].filter(Boolean).join(':'), SUBTENSOR_EMU_CMD: `${process.execPath} ${join(ROOT, 'bin', 'subtensor-emu.js')}` }
  const firstTest: number[] = []
  const importSdk: number[] = []
  const nodeReady: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'fixture-bench-'))
    try {
      writeFileSync(join(dir, 'pytest.ini'), '[pytest]\n')
      writeFileSync(join(dir, 'test_first.py'), TEST)
      const out = join(dir, 'first-test-at')
      const t0 = Date.now() / 1000
      execFileSync(PY, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', dir], { cwd: dir, env: { ...env, FIXTURE_BENCH_OUT: out }, stdio: ['ignore', 'pipe', 'pipe'] })
      firstTest.push((Number(readFileSync(out, 'utf8')) - t0) * 1000)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    let t0 = performance.now()
    execFileSync(PY, ['-c', 'import bittensor'], { env, stdio: 'ignore' })
    importSdk.push(performance.now() - t0)
    t0 = performance.now()
    nodeReady.push(Number(execFileSync(PY, ['-c', NODE_ONLY, ROOT], { env, encoding: 'utf8' }).trim()) * 1000)
  }
  return [
    { name: `pytest fixture: pytest start → first test running (3-neuron scenario, median of ${RUNS})`, value: median(firstTest), unit: 'ms' },
    { name: 'of which outside our control: python -c "import bittensor" (runs while the node boots)', value: median(importSdk), unit: 'ms' },
    { name: 'node process (fixture arguments) spawned → RPC ready', value: median(nodeReady), unit: 'ms' },
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name.padEnd(90)} ${r.value.toFixed(0).padStart(8)} ${r.unit}`)
  process.exit(0)
}
