// Child process for the kill -9 test (block-store.crash.test.ts): commits the seed's block stream
// to a LevelDB directory until killed, printing the count of blocks known durable after each group.
// Usage: node --import tsx block-store.crash-child.ts <dir> <seed>
import { BlockStore } from './block-store.js'
import { ChainScript, Rng } from './block-store.fixtures.js'
import { openLevelKV } from './level.js'

const [dir, seedArg] = process.argv.slice(2)
if (!dir || !seedArg) throw new Error('usage: block-store.crash-child.ts <dir> <seed>')
const seed = Number(seedArg)
// A guard so that an orphaned child never runs on: the parent kills it long before this.
setTimeout(() => process.exit(3), 30_000).unref()

const store = await BlockStore.open(await openLevelKV(dir))
const script = new ChainScript(seed)
await store.initGenesis(script.genesis)
process.stdout.write('0\n')
const rng = new Rng(seed ^ 0x5eed)
let committed = 0
while (committed < 100_000) {
  // Groups of unawaited commits exercise the group-commit path; the whole group is then awaited.
  const group = 1 + rng.int(4)
  const pending: Promise<void>[] = []
  for (let j = 0; j < group; j++) pending.push(store.commitBlock(script.next()))
  await Promise.all(pending)
  committed += group
  process.stdout.write(`${committed}\n`)
}
await store.close()
