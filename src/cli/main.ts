// `subtensor-emu`: a Substrate-style command line (flags and subcommands as the real node has them).
import '../polyfill.js'
import { Command, Option, InvalidArgumentError } from 'commander'
import { DEV_NAMES } from '../node/keys.js'
import { runNode, type RunFlags } from './run.js'
import { buildSpec, exportGenesisHead, exportGenesisState, purgeChain } from './chain-commands.js'
import { registerDevCommands } from './dev-commands.js'
import { keyGenerate, keyInspect } from './key-commands.js'
import { generateNodeKey, inspectNodeKey } from './node-key-commands.js'

const parsePort = (v: string): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number')
  return n
}

const program = new Command()
program
  .name('subtensor-emu')
  .description('Bittensor (subtensor) chain emulator: a Substrate-compatible node with a native TypeScript runtime')
  .version('0.1.0-emulator', '-V, --version')
  .enablePositionalOptions()
  .option('--dev', 'development chain: --chain=dev --alice --rpc-cors=all --tmp, instant finality')
  .option('--chain <spec>', 'chain spec: dev, local or a path to a chain-spec JSON file')
  .option('-d, --base-path <path>', 'where chain data is kept')
  .option('--tmp', 'run on a temporary base path, deleted on exit')
  .option('--rpc-port <port>', 'JSON-RPC (WebSocket + HTTP) port', parsePort, 9944)
  .option('--rpc-external', 'listen for RPC on all interfaces')
  .option('--unsafe-rpc-external', 'listen for RPC on all interfaces, unsafe methods allowed')
  .addOption(new Option('--rpc-methods <set>', 'which RPC methods to expose').choices(['auto', 'safe', 'unsafe']).default('auto'))
  .option('--rpc-cors <origins>', '"all" or a comma-separated list of allowed origins')
  .option('--rpc-max-connections <n>', 'maximum RPC connections', (v) => Number(v), 100)
  .option('--port <port>', 'p2p TCP port (default 30333; --dev runs no network unless a p2p flag is given)', parsePort)
  .option('--listen-addr <multiaddr...>', 'p2p listen addresses (default /ip4/0.0.0.0/tcp/<port>)')
  .option('--public-addr <multiaddr...>', 'addresses other nodes should dial to reach this one')
  .option('--bootnodes <multiaddr...>', 'peers to connect to at start: /ip4/…/tcp/…/p2p/<peer id>')
  .option('--reserved-nodes <multiaddr...>', 'peers to stay connected to')
  .option('--reserved-only', 'connect to reserved nodes only')
  .option('--discover-local', 'find peers on the local network with mDNS')
  .option('--in-peers <n>', 'maximum inbound peers', (v) => Number(v), 32)
  .option('--out-peers <n>', 'maximum outbound peers', (v) => Number(v), 8)
  .option('--node-key <hex>', 'the network identity: a 32-byte Ed25519 secret as hex')
  .option('--node-key-file <path>', 'file holding the network identity (raw 32 bytes or hex)')
  .option('--name <name>', 'node name')
  .option('--validator', 'run as an authority')
  .option('--sealing <mode>', 'manual-seal mode: instant | manual | <milliseconds> (default: Aura authoring, a sealed block every 12 s)')
  .option('-l, --log <directive...>', 'log level: error|warn|info|debug|trace, or target=level')
  .option('--prometheus-port <port>', 'Prometheus exporter port', parsePort, 9615)
  .option('--prometheus-external', 'expose Prometheus metrics on all interfaces')
  .option('--no-prometheus', 'do not expose Prometheus metrics')
  .addOption(new Option('--profile <profile>', 'chain timing for any chain spec: fast (250 ms slots, fast-runtime values) or real (12 s, production values)').choices(['fast', 'real']))
  .option('--scenario <file>', 'a scenario file (YAML or JSON) applied at genesis')
for (const who of DEV_NAMES) {
  program.option(`--${who}`, `shortcut for --name ${who[0]!.toUpperCase() + who.slice(1)} --validator with ${who}'s dev keys`)
}
program.action(async (flags: RunFlags) => { await runNode(flags) })

program.command('build-spec')
  .description('print the chain spec as JSON')
  .option('--chain <spec>', 'chain spec', 'local')
  .option('--dev', 'the dev chain spec')
  .option('--raw', 'genesis as raw storage')
  .option('--disable-default-bootnode', 'do not add a 127.0.0.1 bootnode')
  .action(async (o) => { await buildSpec(o) })

program.command('purge-chain')
  .description('remove the whole chain database')
  .option('--chain <spec>', 'chain spec', 'local')
  .option('--dev', 'the dev chain')
  .option('-d, --base-path <path>', 'base path')
  .option('-y', 'do not ask for confirmation')
  .action(async (o) => { await purgeChain(o) })

for (const [name, fn, desc] of [
  ['export-genesis-head', exportGenesisHead, 'print the SCALE-encoded genesis header (hex)'],
  ['export-genesis-state', exportGenesisState, 'alias of export-genesis-head (its older Substrate name)'],
] as const) {
  program.command(name)
    .description(desc)
    .option('--chain <spec>', 'chain spec', 'local')
    .option('--dev', 'the dev chain')
    .option('--hash', 'print the genesis block hash instead of the header')
    .action(async (o) => { await fn(o) })
}

registerDevCommands(program)

const key = program.command('key').description('key utilities')
key.command('generate')
  .option('--scheme <scheme>', 'sr25519 | ed25519 | ecdsa', 'sr25519')
  .option('-w, --words <n>', 'mnemonic length', '12')
  .option('--output-type <type>', 'text | json', 'text')
  .action(async (o) => { await keyGenerate(o) })
key.command('generate-node-key')
  .description('generate a random network key: the secret to --file (or stdout as hex), the peer id to stderr')
  .option('--file <path>', 'write the secret to this file')
  .option('--bin', 'write the secret as raw bytes instead of hex')
  .action((o) => { generateNodeKey(o) })
key.command('inspect-node-key')
  .description('print the peer id of a network key file')
  .requiredOption('--file <path>', 'the key file')
  .option('--bin', 'the file holds raw bytes, not hex')
  .action((o) => { inspectNodeKey(o) })
key.command('inspect')
  .argument('<uri>', 'secret URI, mnemonic or public key')
  .option('--scheme <scheme>', 'sr25519 | ed25519 | ecdsa', 'sr25519')
  .option('--public', 'the URI is a public key')
  .option('--output-type <type>', 'text | json', 'text')
  .action(async (uri, o) => { await keyInspect(uri, o) })

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`Error: ${(e as Error).message}\n`)
  process.exit(1)
})
