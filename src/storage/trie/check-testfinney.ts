// Prints the genesis state root of a raw chain spec (e.g. subtensor's raw_spec_testfinney.json,
// expected V1 root 0xc15439f3…763f) computed both from scratch and incrementally.
// Usage: npx tsx src/storage/trie/check-testfinney.ts <raw-spec.json>
import { readFileSync } from 'node:fs'
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util'
import { applyChanges, blake2_256, EMPTY_TRIE_ROOT, MemoryNodeStore, trieHasherReady, trieRoot } from './index.js'

const EXPECTED_TESTFINNEY_V1 = '0xc15439f31626cd90c778831721bb9d0166da302321918887d381829d8c13763f'

async function main(): Promise<void> {
  const path = process.argv[2]
  if (!path) {
    console.error('usage: check-testfinney.ts <raw-spec.json>')
    process.exit(2)
  }
  await trieHasherReady()
  const spec = JSON.parse(readFileSync(path, 'utf8')) as { genesis: { raw: { top: Record<string, string> } } }
  const entries = Object.entries(spec.genesis.raw.top).map(([k, v]): [Uint8Array, Uint8Array] => [hexToU8a(k), hexToU8a(v)])
  const v1 = u8aToHex(trieRoot(entries, 1))
  const v0 = u8aToHex(trieRoot(entries, 0))
  const incremental = u8aToHex(applyChanges(new MemoryNodeStore(), EMPTY_TRIE_ROOT, entries, 1).root)
  console.log(`keys:               ${entries.length}`)
  console.log(`state root V1:      ${v1}${v1 === EXPECTED_TESTFINNEY_V1 ? '  (matches test-finney)' : ''}`)
  console.log(`state root V1 incr: ${incremental}`)
  console.log(`state root V0:      ${v0}`)
  // Genesis header: parent 0x00…, number compact(0), state root, extrinsics root (empty), no digest.
  const header = u8aConcat(new Uint8Array(32), [0], hexToU8a(v1), EMPTY_TRIE_ROOT, [0])
  console.log(`genesis hash (V1):  ${u8aToHex(blake2_256(header))}`)
}

void main()
