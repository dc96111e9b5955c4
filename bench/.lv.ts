import { ClassicLevel } from 'classic-level'
import { mkdtempSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
const mk = () => new ClassicLevel<Uint8Array, Uint8Array>(mkdtempSync('/tmp/stw/lv'), { keyEncoding: 'view', valueEncoding: 'view', writeBufferSize: 16 << 20 })
const N = 20000, OPS = 13
function ops(asBuffer: boolean) {
  return Array.from({ length: N }, () => Array.from({ length: OPS }, () => {
    const k = randomBytes(33), v = randomBytes(100)
    return { type: 'put' as const, key: asBuffer ? k : new Uint8Array(k), value: asBuffer ? v : new Uint8Array(v) }
  }))
}
for (const [name, asBuf] of [['u8a', false], ['buffer', true]] as const) {
  const batches = ops(asBuf)
  const db = mk(); await db.open()
  let t = performance.now()
  for (const b of batches) await db.batch(b)
  console.log(name, 'array batch awaited', Math.round(N / (performance.now() - t) * 1000), 'batches/s')
  await db.close()
  const db2 = mk(); await db2.open()
  t = performance.now()
  for (const b of batches) { const c = db2.batch(); for (const o of b) c.put(o.key, o.value); await c.write() }
  console.log(name, 'chained batch awaited', Math.round(N / (performance.now() - t) * 1000), 'batches/s')
  await db2.close()
  const db3 = mk(); await db3.open()
  t = performance.now()
  const big: typeof batches[0] = []
  for (const b of batches) big.push(...b)
  for (let i = 0; i < big.length; i += 13 * 16) await db3.batch(big.slice(i, i + 13 * 16))
  console.log(name, 'groups of 16 blocks', Math.round(N / (performance.now() - t) * 1000), 'blocks/s')
  await db3.close()
}
