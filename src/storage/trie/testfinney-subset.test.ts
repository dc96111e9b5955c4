// Cross-checks on real chain data: the 45 non-:code entries of subtensor's test-finney genesis
// (opentensor/subtensor chainspecs/raw_spec_testfinney.json, genesis.raw.top; the full file with
// :code gives V1 root 0xc15439f3…763f, see check-testfinney.ts). Three values there exceed 32 bytes
// (48, 193 and 242 bytes), so V0 and V1 differ. Roots are compared between the production
// builder, the incremental path and the naive reference in naive-trie.testutil.ts.
import { hexToU8a, u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { applyChanges, buildTrie, EMPTY_TRIE_ROOT, MemoryNodeStore, trieHasherReady, trieRoot, TrieView, type TrieVersion } from './index.js'
import { naiveTrieRoot } from './naive-trie.testutil.js'

type Entry = [Uint8Array, Uint8Array]

const TESTFINNEY_TOP_WITHOUT_CODE: [string, string][] = [
  ['0x26aa394eea5630e07c48ae0c9558cef74e7b9012096b41c4eb3aaf947f6ea429', '0x0000'],
  ['0x26aa394eea5630e07c48ae0c9558cef75684a022a34dd8bfa2baaf44f172b710', '0x01'],
  ['0x26aa394eea5630e07c48ae0c9558cef78a42f33323cb5ced3b44dd825fda9fcc', '0x4545454545454545454545454545454545454545454545454545454545454545'],
  ['0x26aa394eea5630e07c48ae0c9558cef7a44704b568d21667356a5a050c118746b4def25cfda6ef3a00000000', '0x4545454545454545454545454545454545454545454545454545454545454545'],
  ['0x26aa394eea5630e07c48ae0c9558cef7a7fd6c28836b9a28522dc924110cf439', '0x01'],
  ['0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9f730e3d14303575486c5eec0137186b8d2b77364d1c3b445cd69bd59f1a87dcb26c9ce3f46437d55b88b43f1c177e776', '0x000000000000000001000000000000000010a5d4e8000000000000000000000000000000000000000000000000000000'],
  ['0x26aa394eea5630e07c48ae0c9558cef7f9cce9c888469bb1a0dceaa129672ef8', '0x9d01386e6f64652d73756274656e736f72'],
  ['0x3a65787472696e7369635f696e646578', '0x00000000'],
  ['0x3a6772616e6470615f617574686f726974696573', '0x0118dc832c3b7bdfc721e90e5ee9e532c06b62a0def3c79dab5324460d938db6600a0100000000000000c8a00ef71912b3868b101cb70ebd029999d1c9b6a1390122a98f60d72b9a0fc40100000000000000ee70f7b52998c2b4f3d42e509e8360cda92b0cd4ca100cd4d32be5a1ac2979090100000000000000b57a038c9139a060358f3b654df74a1cb6d15bcdb8438bcebd64ce67ec4301eb0100000000000000755f75dfc66aaa3b1e761a8845249509b8bd2fdf0d94cb74e1e12e1e0f4d35190100000000000000d97a64267f177505b0565a18677c9f5d4284d7f2eb96d515556e7e52217f82e90100000000000000'],
  ['0x3f1467a096bcd71a5b6a0c8155e20810308ce9615de0775a82f8a94dc3d285a1', '0x01'],
  ['0x3f1467a096bcd71a5b6a0c8155e208103f2edf3bdf381debe331ab7446addfdc', '0x000064a7b3b6e00d0000000000000000'],
  ['0x3f1467a096bcd71a5b6a0c8155e208104e7b9012096b41c4eb3aaf947f6ea429', '0x0000'],
  ['0x57f8dc2f5ab09467896f47300f0424384e7b9012096b41c4eb3aaf947f6ea429', '0x0000'],
  ['0x57f8dc2f5ab09467896f47300f0424385e0621c4869aa60c02be9adcc98a0d1d', '0x182c94d9674daaabedecb928e97ad9ef9d403a58d95be43fb9c8ec126be14e2c2cc85ed5874c17d48d5ad43d582969be2933438cf5bdba02bf9411a9883f78752820a202ee8cae70dbef471e93fe16645d93393f3c16772e5bde9f1ab822f11010727017d5618762bc637ae7eadea9dc71e8b927f7db7535e55d4558c100269d56cc5632ef48166831d814becde5038a4088892c2ecc0d13dfcef18dabe1f37946767f382dd6d934a3a93c49888cc7bca1f847d394f528900fe18989267094ca4c'],
  ['0x5c0d1176a568c1f92944340dbfed9e9c4e7b9012096b41c4eb3aaf947f6ea429', '0x0000'],
  ['0x5c0d1176a568c1f92944340dbfed9e9c530ebca703c85910e7164cb7d1c9e47b', '0xd2b77364d1c3b445cd69bd59f1a87dcb26c9ce3f46437d55b88b43f1c177e776'],
  ['0x5f9cc45b7a00c5899361e1c6099678dc4e7b9012096b41c4eb3aaf947f6ea429', '0x0400'],
  ['0x5f9cc45b7a00c5899361e1c6099678dc8a2d09463effcc78a22d75b9cb87dffc', '0x0000000000000000'],
  ['0x5f9cc45b7a00c5899361e1c6099678dcd47cb8f5328af743ddfb361e7180e7fcbb1bdbcacd6ac9340000000000000000', '0x00000000'],
  ['0x658faa385070e074c85bf6b568cf055506d22dc781f44e506e51707fab5eea4d0300', '0xff7f'],
  ['0x658faa385070e074c85bf6b568cf05550e30450fc4d507a846032a7fa65d9a430300', '0x01'],
  ['0x658faa385070e074c85bf6b568cf05552fd68e6f37598f679d0698930b5bbb470300', '0x0000'],
  ['0x658faa385070e074c85bf6b568cf05553168007c5d4f8e047393394f969878370300', '0x3c00'],
  ['0x658faa385070e074c85bf6b568cf05554e7b9012096b41c4eb3aaf947f6ea429', '0x0000'],
  ['0x658faa385070e074c85bf6b568cf05554efd2c1e9753037696296e2bfa4460950300', '0x0000000000000000'],
  ['0x658faa385070e074c85bf6b568cf055557c875e4cff74148e4628f264b974c80', '0x0000000000000000'],
  ['0x658faa385070e074c85bf6b568cf05555cd1c97edf92be296fb8ae73ee8611260300', '0x0004'],
  ['0x658faa385070e074c85bf6b568cf05555f3bb7bcd0a076a48abf8c256d221721', '0x0100'],
  ['0x658faa385070e074c85bf6b568cf055564b6168414916325e7cb4f3f47691e110300', '0x0000'],
  ['0x658faa385070e074c85bf6b568cf055565dea649340381db767c1635ca2acb950300', '0x6400'],
  ['0x658faa385070e074c85bf6b568cf05556dcf6d297802ab84a1c68cb9453399920300', '0x0000'],
  ['0x658faa385070e074c85bf6b568cf05557641384bb339f3758acddfd7053d33170300', '0x6300'],
  ['0x658faa385070e074c85bf6b568cf05557d15dd66fbf0cbda1d3a651b5e606df20300', '0x8096980000000000'],
  ['0x658faa385070e074c85bf6b568cf0555919db2fe18203eba898cee471ef192400300', '0xe803'],
  ['0x658faa385070e074c85bf6b568cf0555a1048e9d244171852dfe8db314dc68ca0300', '0x0000'],
  ['0x658faa385070e074c85bf6b568cf0555b6522cfe03433e9e101a258ee2f580ab0300', '0x0010'],
  ['0x658faa385070e074c85bf6b568cf0555b69925e91d8c0ca3e838d1cbca1e314a0300', '0x0001'],
  ['0x658faa385070e074c85bf6b568cf0555c57fc7240b4e0c444a010d7fe83ec3ec0300', '0x8813'],
  ['0x658faa385070e074c85bf6b568cf0555ed6f7eabb8e04489185225527c965b020300', '0x2000'],
  ['0x658faa385070e074c85bf6b568cf0555fabe6b131d9fa6e6d6cacbe7586c3b8a0300', '0x0010'],
  ['0x658faa385070e074c85bf6b568cf0555ffabb584688c82a9b01a0527f0afd3db0300', '0x0000'],
  ['0xbd2a529379475088d3e29a918cd478724e7b9012096b41c4eb3aaf947f6ea429', '0x0000'],
  ['0xc2261276cc9d1f8598ea4b6a74b15c2f4e7b9012096b41c4eb3aaf947f6ea429', '0x0100'],
  ['0xc2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80', '0x0010a5d4e8000000'],
  ['0xf0c365c3cf59d671eb72da0e7a4113c44e7b9012096b41c4eb3aaf947f6ea429', '0x0000'],
]

const ENTRIES: Entry[] = TESTFINNEY_TOP_WITHOUT_CODE.map(([k, v]) => [hexToU8a(k), hexToU8a(v)])
const CODE_KEY = hexToU8a('0x3a636f6465')

function roots(entries: Entry[], version: TrieVersion): string[] {
  const incremental = applyChanges(new MemoryNodeStore(), EMPTY_TRIE_ROOT, entries, version).root
  return [u8aToHex(trieRoot(entries, version)), u8aToHex(incremental), naiveTrieRoot(entries, version)]
}

beforeAll(async () => {
  await trieHasherReady()
})

describe('test-finney genesis entries', () => {
  it('all 45 entries plus a stand-in :code agree across implementations, V0 != V1', () => {
    const code = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff)
    const entries: Entry[] = [...ENTRIES, [CODE_KEY, code]]
    const [v1, ...v1Others] = roots(entries, 1)
    const [v0, ...v0Others] = roots(entries, 0)
    expect(v1Others).toEqual([v1, v1])
    expect(v0Others).toEqual([v0, v0])
    expect(v1).not.toBe(v0)
  })

  it('random subsets plus a random long value agree across implementations', () => {
    fc.assert(
      fc.property(
        fc.subarray(ENTRIES),
        fc.uint8Array({ minLength: 0, maxLength: 40 }),
        fc.uint8Array({ minLength: 33, maxLength: 120 }),
        fc.constantFrom<TrieVersion>(0, 1),
        (subset, extraKey, extraValue, version) => {
          const entries: Entry[] = [...subset, [extraKey, extraValue]]
          const [a, b, c] = roots(entries, version)
          expect(b).toBe(a)
          expect(c).toBe(a)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('buildTrie nodes serve reads of every entry, including hashed values', () => {
    const { root, nodes } = buildTrie(ENTRIES, 1)
    const store = new MemoryNodeStore()
    store.put(nodes)
    const view = new TrieView(store, root)
    for (const [k, v] of ENTRIES) expect(view.get(k)).toEqual(v)
    expect([...view.keys(new Uint8Array(0))].map((k) => u8aToHex(k))).toEqual(TESTFINNEY_TOP_WITHOUT_CODE.map(([k]) => k))
  })
})
