import { waitReady, blake2b } from '@polkadot/wasm-crypto'
import { blake2AsU8a } from '@polkadot/util-crypto'
import { blake2b as nb } from '@noble/hashes/blake2b'
await waitReady()
const empty = new Uint8Array()
for (const size of [40, 100, 530]) {
  const data = new Uint8Array(size).map((_, i) => i * 7)
  const N = 200000
  const t = (name: string, f: () => unknown) => { for (let i = 0; i < 5000; i++) f(); const s = performance.now(); for (let i = 0; i < N; i++) f(); const e = performance.now(); console.log(size, name, ((e - s) * 1000 / N).toFixed(3), 'us') }
  t('wasm', () => blake2b(data, empty, 32))
  t('util', () => blake2AsU8a(data, 256))
  t('noble', () => nb(data, { dkLen: 32 }))
}
