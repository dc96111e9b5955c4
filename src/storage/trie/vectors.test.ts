// Published vectors for Substrate's trie layout, byte for byte. Each block cites where the
// expected value was taken from; none was produced by this implementation.
import { stringToU8a, u8aToHex } from '@polkadot/util'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  applyChanges,
  blake2_256,
  decodeNode,
  EMPTY_TRIE_ROOT,
  encodeNode,
  MemoryNodeStore,
  orderedTrieRoot,
  trieHasherReady,
  trieRoot,
  trieRootUnhashed,
  type TrieVersion,
} from './index.js'
import { packNibbles } from './nibbles.js'

type Entry = [Uint8Array, Uint8Array]
const s = stringToU8a
const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs)
const hex = (xs: number[]): string => u8aToHex(Uint8Array.from(xs))

/** Root through the incremental path too, so every vector also checks applyChanges. */
function incrementalRoot(entries: Entry[], version: TrieVersion): string {
  return u8aToHex(applyChanges(new MemoryNodeStore(), EMPTY_TRIE_ROOT, entries, version).root)
}

function bothRoots(entries: Entry[], version: TrieVersion): string[] {
  return [u8aToHex(trieRoot(entries, version)), incrementalRoot(entries, version)]
}

beforeAll(async () => {
  await trieHasherReady()
})

describe('empty trie', () => {
  it('root is blake2_256(0x00)', () => {
    // gossamer pkg/trie/inmemory/in_memory_test.go Test_EmptyHash; smoldot lib/src/trie.rs
    // empty_trie_blake2 (EMPTY_BLAKE2_TRIE_MERKLE_VALUE).
    const expected = '0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314'
    expect(u8aToHex(EMPTY_TRIE_ROOT)).toBe(expected)
    expect(u8aToHex(blake2_256(b(0)))).toBe(expected)
    expect(u8aToHex(trieRoot([], 1))).toBe(expected)
    expect(u8aToHex(trieRoot([], 0))).toBe(expected)
    expect(u8aToHex(orderedTrieRoot([]))).toBe(expected)
  })

  it('encodes as a single 0x00 byte', () => {
    // polkadot-sdk substrate/primitives/trie/src/lib.rs test codec_trie_empty
    expect(trieRootUnhashed([])).toEqual(b(0x00))
    expect(decodeNode(b(0x00))).toBeNull()
  })
})

describe('sp-trie codec tests (polkadot-sdk substrate/primitives/trie/src/lib.rs)', () => {
  it('codec_trie_single_tuple: leaf with a 2-nibble key', () => {
    const entries: Entry[] = [[b(0xaa), b(0xbb)]]
    expect(trieRootUnhashed(entries)).toEqual(b(0x42, 0xaa, 0x04, 0xbb))
    expect(trieRootUnhashed(entries, 0)).toEqual(b(0x42, 0xaa, 0x04, 0xbb))
  })

  it('codec_trie_two_tuples_disjoint_keys: valueless branch with two inline leaves', () => {
    const entries: Entry[] = [
      [b(0x48, 0x19), b(0xfe)],
      [b(0x13, 0x14), b(0xff)],
    ]
    const expected = b(
      0x80, 0x12, 0x00, // branch, no value, no partial; bitmap: slots 1 and 4
      0x14, 0x43, 0x03, 0x14, 0x04, 0xff, // slot 1: 5-byte inline leaf, 3 nibbles 3,1,4
      0x14, 0x43, 0x08, 0x19, 0x04, 0xfe, // slot 4: 5-byte inline leaf, 3 nibbles 8,1,9
    )
    expect(trieRootUnhashed(entries)).toEqual(expected)
  })
})

describe('smoldot lib/src/trie.rs root examples', () => {
  it('trie_root_example_v0_blake2: branch with value under a shared prefix ("foo" / "foobar")', () => {
    const expected = hex([
      166, 24, 32, 181, 251, 169, 176, 26, 238, 16, 181, 187, 216, 74, 234, 128, 184, 35, 3, 24, 197, 232, 202, 20,
      185, 164, 148, 12, 118, 224, 152, 21,
    ])
    const entries: Entry[] = [
      [s('foo'), s('bar')],
      [s('foobar'), s('baz')],
    ]
    expect(bothRoots(entries, 0)).toEqual([expected, expected])
  })

  it('trie_root_example_v1_blake2', () => {
    const expected = hex([
      68, 24, 7, 195, 69, 202, 122, 223, 136, 189, 33, 171, 27, 60, 186, 219, 21, 97, 106, 187, 137, 22, 126, 185,
      254, 40, 93, 213, 206, 205, 4, 200,
    ])
    const entries: Entry[] = [
      [s('bar'), s('foo')],
      [s('barfoo'), s('hello')],
      [s('anotheritem'), s('anothervalue')],
    ]
    expect(bothRoots(entries, 1)).toEqual([expected, expected])
  })
})

describe('gossamer pkg/trie/inmemory/layout_test.go Test_Version_Root: value over 32 bytes', () => {
  const entries: Entry[] = [
    [s('key1'), s('value1')],
    [s('key2'), s('value2')],
    [s('key3'), s('verylargevaluewithmorethan32byteslength')],
  ]
  it('V0 keeps the 39-byte value inline', () => {
    const expected = hex([
      0x71, 0x5, 0x2d, 0x48, 0x70, 0x46, 0x58, 0xa8, 0x43, 0x5f, 0xb9, 0xcb, 0xc7, 0xef, 0x69, 0xc7, 0x5d, 0xad, 0x2f,
      0x64, 0x0, 0x1c, 0xb3, 0xb, 0xfa, 0x1, 0xf, 0x7d, 0x60, 0x9e, 0x26, 0x57,
    ])
    expect(bothRoots(entries, 0)).toEqual([expected, expected])
  })
  it('V1 stores it as a hashed value', () => {
    const expected = hex([
      0x6a, 0x4a, 0x73, 0x27, 0x57, 0x26, 0x3b, 0xf2, 0xbc, 0x4e, 0x3, 0xa3, 0x41, 0xe3, 0xf8, 0xea, 0x63, 0x5f, 0x78,
      0x99, 0x6e, 0xc0, 0x6a, 0x6a, 0x96, 0x5d, 0x50, 0x97, 0xa2, 0x91, 0x1c, 0x29,
    ])
    expect(bothRoots(entries, 1)).toEqual([expected, expected])
    const { newNodes } = applyChanges(new MemoryNodeStore(), EMPTY_TRIE_ROOT, entries, 1)
    const big = s('verylargevaluewithmorethan32byteslength')
    expect(newNodes.get(u8aToHex(blake2_256(big)))).toEqual(big)
  })
})

describe('gossamer pkg/trie/inmemory/in_memory_test.go Test_Trie_Hash: odd-length partial keys', () => {
  it('leaf_root: partial nibbles 1,2,3 with value 0x01', () => {
    const leaf = encodeNode(packNibbles(b(1, 2, 3), 0, 3), 3, b(1), false, null)
    expect(u8aToHex(blake2_256(leaf))).toBe(
      hex([
        0xa8, 0x13, 0x7c, 0xee, 0xb4, 0xad, 0xea, 0xac, 0x9e, 0x5b, 0x37, 0xe2, 0x8e, 0x7d, 0x64, 0x78, 0xac, 0xba,
        0xb0, 0x6e, 0x90, 0x76, 0xe4, 0x67, 0xa1, 0xd8, 0xa2, 0x29, 0x4e, 0x4a, 0xd9, 0xa3,
      ]),
    )
  })
  it('branch_root: partial 1,2,3, value "branch", child 0 = leaf(partial 9, value 0x01)', () => {
    const child = encodeNode(packNibbles(b(9), 0, 1), 1, b(1), false, null)
    expect(child).toEqual(b(0x41, 0x09, 0x04, 0x01)) // its MerkleValue in the gossamer test
    const children: (Uint8Array | null)[] = new Array<Uint8Array | null>(16).fill(null)
    children[0] = child
    const branch = encodeNode(packNibbles(b(1, 2, 3), 0, 3), 3, s('branch'), false, children)
    expect(u8aToHex(blake2_256(branch))).toBe(
      hex([
        0xaa, 0x7e, 0x57, 0x48, 0xb0, 0x27, 0x4d, 0x18, 0xf5, 0x1c, 0xfd, 0x36, 0x4c, 0x4b, 0x56, 0x4a, 0xf5, 0x37,
        0x9d, 0xd7, 0xcb, 0xf5, 0x80, 0x15, 0xf0, 0xe, 0xd3, 0x39, 0x48, 0x21, 0xe3, 0xdd,
      ]),
    )
  })
})

// w3f/polkadot-tests fixtures/host-api (HostApiInputs.jl / HostApiOutputs.jl): outputs of the
// version_1 host functions, which use LayoutV0. Case i combines row i of each input table.
const KV1 = [
  ['static', 'Inverse'], ['function', 'Horizontal'], ['Integrated', 'portal'], ['non-based', 'Monitored'],
  ['productivity', 'secondary'], ['Exclusive', 'next generation'], ['disintermediate', 'Grass-roots'],
  ['contingency', 'value-added'], ['human-resource', 'Reactive'], ['Optional', 'secondary'],
] as const
const KV2 = [
  ['even-keeled', 'Future-proofed'], ['Face to face', 'Expanded'], ['budgetary management', 'pricing structure'],
  ['non-volatile', 'emulation'], ['Total', 'Visionary'], ['concept', 'approach'], ['policy', 'function'],
  ['context-sensitive', 'Configurable'], ['hardware', 'Automated'], ['object-oriented', 'toolset'],
] as const
// Note the first column repeats KV1's keys: the later pair must win (trie_root collects a BTreeMap).
const KV3 = [
  ['static', 'even-keeled'], ['function', 'Face to face'], ['Integrated', 'budgetary management'],
  ['non-based', 'non-volatile'], ['productivity', 'Total'], ['Exclusive', 'concept'], ['disintermediate', 'policy'],
  ['contingency', 'context-sensitive'], ['human-resource', 'hardware'], ['Optional', 'object-oriented'],
] as const
const TRIE_ROOT_OUT = [
  '1192e3ed48d28fba2eeae885fa367c535eca6a149eafad982265586902783d4f',
  '92aafcf31cc2012d7467fa96b47caa389762ef02e97c27c30484a7ffd4b3780e',
  'cbb9ff2393a9c8ce46f3592532f4c181339eedf979836e5d45b318633030a79e',
  '0ef6df228337099e666d402089c65e4c1d793ae0076dee4730baeb58404b0e16',
  '7ab4224ead96acf2282852d7bdfa71aac9c135ecb718024ff7fe15b19d4ab227',
  'ad2c33c6536d547f60a5947588e9bc953804a29b219a5692b7ed0e921d34c588',
  'c1029b1ceb237b33f1d1e99c82e8d00c687342ae373474d3d7f0ed0f3f278cd6',
  'cff475bc0c4aa0344ce0e0966415123ac4ef541122b1365be0884a3713c020cd',
  'b21b406c9f9c96bb84e2d890ec6d0212e5422f9098777f090cd9a90e510cf92c',
  'f81f2b3e8d50e95b706066afa4a9b07dfddeb89d1c3e8c4eb054d33a3de3b9bf',
]
// ext_default_child_storage_root_version_1: root of the child trie holding KV1[i] and KV2[i].
const CHILD_ROOT_OUT = [
  'e04eb753bc044436c6624b2062f7ad2be3bf19c62ed6f10aa2d7ee2586828cd5',
  'e563e5520daa936c3629783df1390428bf1a57bf2ea2e30d26efe54bd225e706',
  '10577651a2a8b02fa35d6aaed6e9cdceb26db2bf76746b4135401dd9fa4661d5',
  '532931bf9fab64b045404c3ef1f6098c239a57120dc6a868c387aff2460d0353',
  '0150b3380992a8ac69f31a7d78de314e021b5d2d5db8e2128deda8b37fedcfde',
  'f4dd4421a4830b4d5f4bfb3894b747d07a25c5436c9db4147dda7f7b1cc4ae20',
  '9c4268aac75479a264b4b293c828bf3f23823326c173ed87ca63130e406ae5ec',
  '803205f7b32b7aadcf4955a2f934a065060da645a45c817f26c90025f8e4a978',
  '41d7e4e8d2198d42c00a753db0f11dde0d2288ce0d148a83e9e774eafbf17584',
  '3b71375a64a94627d03b257d2d2538474ac0263c0a5e6872d848ce6889092e15',
]
const V1_IN = ['static', 'Inverse', 'even-keeled', 'Future-proofed', 'function', 'Horizontal', 'Face to face', 'Expanded', 'Integrated', 'portal']
const V2_IN = ['even-keeled', 'Face to face', 'budgetary management', 'non-volatile', 'Total', 'concept', 'policy', 'context-sensitive', 'hardware', 'object-oriented']
const V3_IN = ['Future-proofed', 'Expanded', 'pricing structure', 'emulation', 'Visionary', 'approach', 'function', 'Configurable', 'Automated', 'toolset']
const ORDERED_ROOT_OUT = [
  'd847b86d0219a384d11458e829e9f4f4cce7e3cc2e6dcd0e8a6ad6f12c64a737',
  'ea32273c604a609a83979acc5dc5c19d91112967c5690d660684118fac03d087',
  '72b6aa1f07895b3276e215b192335b982268922f4e2973b3bab13102766a597c',
  '40f7e12565410189f5026d2d2c187fd60aa47cf943ae935cbda49e3b03fc1893',
  'f0b164f7a50de01338d0f0a8dae9e3806b72359e1b3bc9b38b1140172d1952a0',
  '922c3f9be4104e40daf22e249014ee0acd3e78870644cc131ce3107f6785e6c8',
  '652a6f8ecb5cf7f8ba6ba9390ba2bc2978d173c537954af52fcf6a1c72989cbf',
  '319fc284ac8e2d626ddec7b2e05948177ee2d8b3bb43820608e3faeab7c6e2b2',
  'aebac639ed629d66bdaae654454518b85274cf613e6100d1aa5c86996763ca11',
  'fd61ef3767be4899488dc3331726f3b9abaae1fc08532327631ece6198686e25',
]

describe('w3f/polkadot-tests host API trie vectors (V0)', () => {
  const pair = ([k, v]: readonly [string, string]): Entry => [s(k), s(v)]
  it.each(TRIE_ROOT_OUT.map((out, i) => [i, out] as const))('ext_trie_blake2_256_root_version_1 case %i', (i, out) => {
    const entries = [pair(KV1[i]!), pair(KV2[i]!), pair(KV3[i]!)]
    expect(bothRoots(entries, 0)).toEqual([`0x${out}`, `0x${out}`])
  })
  it.each(ORDERED_ROOT_OUT.map((out, i) => [i, out] as const))('ext_trie_blake2_256_ordered_root_version_1 case %i', (i, out) => {
    expect(u8aToHex(orderedTrieRoot([s(V1_IN[i]!), s(V2_IN[i]!), s(V3_IN[i]!)], 0))).toBe(`0x${out}`)
  })
  it.each(CHILD_ROOT_OUT.map((out, i) => [i, out] as const))('ext_default_child_storage_root_version_1 case %i', (i, out) => {
    expect(bothRoots([pair(KV1[i]!), pair(KV2[i]!)], 0)).toEqual([`0x${out}`, `0x${out}`])
  })
})

describe('node codec round trip on the V1 hashed-value kinds', () => {
  it('decodes what it encodes (leaf and branch with hashed value, long partial keys)', () => {
    const h = blake2_256(s('x'))
    for (const n of [0, 1, 2, 61, 62, 63, 64, 317, 318, 319, 600]) {
      const nibbles = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 16)
      const partial = packNibbles(nibbles, 0, n)
      const kids = new Array<Uint8Array | null>(16).fill(null)
      kids[3] = h
      kids[15] = b(0x41, 0x09, 0x04, 0x01)
      for (const [value, hashed, children] of [
        [h, true, null],
        [h, true, kids],
        [b(1, 2), false, null],
        [null, false, kids],
        [b(7), false, kids],
      ] as const) {
        const enc = encodeNode(partial, n, value, hashed, children)
        const d = decodeNode(enc)!
        expect(d.partialLen).toBe(n)
        expect(d.partial).toEqual(partial)
        expect(d.value).toEqual(value)
        expect(d.valueHashed).toBe(hashed)
        expect(d.children).toEqual(children)
      }
    }
  })

  it('uses the published header prefixes', () => {
    // sp-trie trie_constants: leaf 0b01, branch 0b10 / 0b11, hashed leaf 0b001, hashed branch 0b0001.
    const h = new Uint8Array(32)
    const kid = new Array<Uint8Array | null>(16).fill(null)
    kid[0] = b(0x41, 0x09, 0x04, 0x01)
    expect(encodeNode(b(), 0, b(1), false, null)[0]).toBe(0x40)
    expect(encodeNode(b(), 0, null, false, kid)[0]).toBe(0x80)
    expect(encodeNode(b(), 0, b(1), false, kid)[0]).toBe(0xc0)
    expect(encodeNode(b(), 0, h, true, null)[0]).toBe(0x20)
    expect(encodeNode(b(), 0, h, true, kid)[0]).toBe(0x10)
    // 63 nibbles overflow a 2-bit-prefix header: 0x40|63 then (63-62-1)=0.
    expect(Array.from(encodeNode(new Uint8Array(32), 63, b(1), false, null).subarray(0, 2))).toEqual([0x7f, 0x00])
  })
})
