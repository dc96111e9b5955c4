// Subcommands that work on a chain spec without running a node.
import { existsSync, rmSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import { join } from 'node:path'
import { genesisBlock } from '../chain/block-diff.js'
import { hexOf } from '../codec/bytes.js'
import { encode } from '../codec/scale.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf, toRawSpec } from '../node/chain-spec.js'
import { Header } from '../frame/primitives.js'
import { Runtime } from '../runtime/runtime.js'

interface SpecFlags { chain?: string; dev?: boolean }
const chainOf = (o: SpecFlags): string => (o.dev ? 'dev' : o.chain ?? 'local')

export async function buildSpec(o: SpecFlags & { raw?: boolean; disableDefaultBootnode?: boolean }): Promise<void> {
  // No default bootnode is added (Substrate adds one from the node key; here bootNodes are edited by hand).
  let spec = loadChainSpec(chainOf(o))
  const runtime = await Runtime.get(runtimeBuildOf(spec))
  if (o.raw) spec = toRawSpec(spec, runtime)
  process.stdout.write(JSON.stringify(spec, null, 2) + '\n')
}

export async function exportGenesisHead(o: SpecFlags & { hash?: boolean }): Promise<void> {
  const spec = loadChainSpec(chainOf(o))
  const runtime = await Runtime.get(runtimeBuildOf(spec))
  const { header, hash } = genesisBlock(genesisStorage(spec, runtime))
  process.stdout.write((o.hash ? hexOf(hash) : hexOf(encode(Header, header))) + '\n')
}

export const exportGenesisState = exportGenesisHead

export async function purgeChain(o: SpecFlags & { basePath?: string; y?: boolean }): Promise<void> {
  const spec = loadChainSpec(chainOf(o))
  const base = o.basePath ?? `${process.env.XDG_DATA_HOME ?? `${process.env.HOME ?? '.'}/.local/share`}/subtensor-emu`
  const db = join(base, 'chains', spec.id, 'db')
  if (!existsSync(db)) {
    process.stdout.write(`${db} did not exist.\n`)
    return
  }
  if (!o.y) {
    const rl = createInterface({ input: process.stdin, output: process.stdout })
    const answer = await rl.question(`Are you sure to remove "${db}"? [y/N]: `)
    rl.close()
    if (!/^y(es)?$/i.test(answer.trim())) { process.stdout.write('Aborted\n'); return }
  }
  rmSync(db, { recursive: true, force: true })
  process.stdout.write(`"${db}" removed.\n`)
}
