// Deliberately simple second implementation of the Substrate trie root, for cross-checking in
// tests only: keys as hex nibble strings, plain arrays for encoding, util-crypto's blake2 and
// none of the production modules. Slow, but short enough to read against the spec.
import { blake2AsU8a } from '@polkadot/util-crypto'

type Bytes = number[]

function compact(n: number): Bytes {
  if (n < 64) return [n << 2]
  if (n < 1 << 14) {
    const v = (n << 2) | 1
    return [v & 0xff, v >> 8]
  }
  const v = ((n << 2) | 2) >>> 0
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24]
}

function header(kindBits: string, nibbleCount: number): Bytes {
  // kindBits like '01' / '001'; the remaining bits of the first byte hold the count, saturating
  // to all-ones, then the overflow follows as a run of 255s ending in a byte < 255.
  const free = 8 - kindBits.length
  const max = (1 << free) - 1
  const first = parseInt(kindBits, 2) << free
  if (nibbleCount < max) return [first | nibbleCount]
  const out = [first | max]
  let rest = nibbleCount - max
  while (rest >= 255) {
    out.push(255)
    rest -= 255
  }
  out.push(rest)
  return out
}

function packNibbleString(nibbles: string): Bytes {
  const padded = nibbles.length % 2 === 1 ? `0${nibbles}` : nibbles
  const out: Bytes = []
  for (let i = 0; i < padded.length; i += 2) out.push(parseInt(padded.slice(i, i + 2), 16))
  return out
}

function hash(data: Bytes): Bytes {
  return Array.from(blake2AsU8a(Uint8Array.from(data), 256))
}

function encode(items: [string, Bytes][], version: 0 | 1): Bytes {
  // Longest common prefix of all remaining keys.
  let prefix = items[0]![0]
  for (const [k] of items) while (!k.startsWith(prefix)) prefix = prefix.slice(0, -1)
  const own = items.find(([k]) => k === prefix)
  const rest = items.filter(([k]) => k !== prefix)
  const hashedValue = own !== undefined && version === 1 && own[1].length > 32
  const valueBytes: Bytes = own === undefined ? [] : hashedValue ? hash(own[1]) : [...compact(own[1].length), ...own[1]]
  if (rest.length === 0) {
    return [...header(hashedValue ? '001' : '01', prefix.length), ...packNibbleString(prefix), ...valueBytes]
  }
  const kind = own === undefined ? '10' : hashedValue ? '0001' : '11'
  let bitmap = 0
  const childBytes: Bytes = []
  for (let n = 0; n < 16; n++) {
    const c = n.toString(16)
    const sub = rest.filter(([k]) => k[prefix.length] === c).map(([k, v]): [string, Bytes] => [k.slice(prefix.length + 1), v])
    if (sub.length === 0) continue
    bitmap |= 1 << n
    const enc = encode(sub, version)
    const ref = enc.length < 32 ? enc : hash(enc)
    childBytes.push(...compact(ref.length), ...ref)
  }
  return [...header(kind, prefix.length), ...packNibbleString(prefix), bitmap & 0xff, bitmap >> 8, ...valueBytes, ...childBytes]
}

export function naiveTrieRoot(entries: Iterable<[Uint8Array, Uint8Array]>, version: 0 | 1): string {
  const map = new Map<string, Bytes>()
  for (const [k, v] of entries) map.set(Buffer.from(k).toString('hex'), Array.from(v))
  const root = map.size === 0 ? hash([0]) : hash(encode([...map.entries()], version))
  return `0x${Buffer.from(root).toString('hex')}`
}
