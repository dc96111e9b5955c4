// Issue 17 (3, 4): chain profiles, a scenario at genesis and `subtensor-emu apply`, on real node
// processes started as a user starts them.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { ApiPromise, WsProvider } from '@polkadot/api'
import { afterEach, describe, expect, it } from 'vitest'
import { BIN, startNodeProcess, type NodeProcess } from './node-process.js'

const exec = promisify(execFile)
let node: NodeProcess | undefined
let api: ApiPromise | undefined
afterEach(async () => {
  await api?.disconnect()
  api = undefined
  await node?.kill()
  node = undefined
})

async function open(args: string[]): Promise<ApiPromise> {
  node = await startNodeProcess(args, 60_000)
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true })
  return api
}

const u64le = (hex: string): bigint => Buffer.from(hex.slice(2), 'hex').readBigUInt64LE(0)

describe('--profile', () => {
  it.each([
    // the dev chain is a fast-runtime chain; real turns it into production timing
    [['--dev', '--profile', 'real'], 12_000n, 360],
    [['--dev', '--profile', 'fast'], 250n, 10],
    // and the mainnet build becomes fast
    [['--chain', 'mainnet-like', '--alice', '--tmp', '--profile', 'fast'], 250n, 10],
  ])('%j: Aura.SlotDuration, AuraApi_slot_duration and the fast-runtime constants agree', async (args, slot, tempo) => {
    const a = await open([...args, '--sealing', 'manual'])
    expect((a.consts.aura.slotDuration as unknown as { toBigInt(): bigint }).toBigInt()).toBe(slot)
    expect(u64le(await a.rpc.state.call('AuraApi_slot_duration', '0x').then((r) => r.toHex()))).toBe(slot)
    expect(Number(a.consts.subtensorModule.initialTempo.toString())).toBe(tempo)
    expect(Number(a.consts.timestamp.minimumPeriod.toString())).toBe(Number(slot) / 2)
  }, 90_000)

  it('refuses an unknown profile', async () => {
    await expect(exec(process.execPath, [BIN, '--dev', '--profile', 'medium'])).rejects.toThrow(/--profile.*medium/s)
  })
})

describe('scenarios through the CLI', () => {
  it('--scenario applies the 3-neuron example at genesis', async () => {
    const a = await open(['--dev', '--sealing', 'manual', '--scenario', 'examples/3-neuron.yaml'])
    expect((await a.query.subtensorModule.subnetworkN(2)).toString()).toBe('3')
    expect((await a.query.subtensorModule.networksAdded(2)).toString()).toBe('true')
    expect((await a.rpc.chain.getHeader()).number.toNumber()).toBe(0)
  }, 90_000)

  it('a bad scenario file stops the node before it starts, naming the field', async () => {
    const err = await exec(process.execPath, [BIN, '--dev', '--scenario', 'test/e2e/fixtures/bad-scenario.yaml']).catch((e: { stderr: string }) => e)
    expect((err as { stderr: string }).stderr).toContain('scenario: subnets[0].neurons[0].axon.port: ')
  })

  it('`apply` applies a file to a running node in one block', async () => {
    const a = await open(['--dev', '--sealing', 'manual'])
    const { stdout } = await exec(process.execPath, [BIN, 'apply', 'examples/3-neuron.yaml', '--url', node!.url])
    expect(stdout).toContain('in block #1')
    expect(stdout).toMatch(/netuid 2 uid 1: miner1 5/)
    expect((await a.query.subtensorModule.subnetworkN(2)).toString()).toBe('3')
    // a bad file: the path of the field, and no block
    const err = await exec(process.execPath, [BIN, 'apply', 'test/e2e/fixtures/bad-scenario.yaml', '--url', node!.url]).catch((e: { stderr: string }) => e)
    expect((err as { stderr: string }).stderr).toContain('scenario: subnets[0].neurons[0].axon.port: ')
    expect((await a.rpc.chain.getHeader()).number.toNumber()).toBe(1)
  }, 90_000)
})
