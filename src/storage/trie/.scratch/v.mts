import { u8aToHex, stringToU8a } from '@polkadot/util'
import { trieRoot, orderedTrieRoot, trieHasherReady } from '../index.js'
await trieHasherReady()
const s = stringToU8a
const kv1 = [["static","Inverse"],["function","Horizontal"],["Integrated","portal"],["non-based","Monitored"],["productivity","secondary"],["Exclusive","next generation"],["disintermediate","Grass-roots"],["contingency","value-added"],["human-resource","Reactive"],["Optional","secondary"]]
const kv2 = [["even-keeled","Future-proofed"],["Face to face","Expanded"],["budgetary management","pricing structure"],["non-volatile","emulation"],["Total","Visionary"],["concept","approach"],["policy","function"],["context-sensitive","Configurable"],["hardware","Automated"],["object-oriented","toolset"]]
const kv3 = [["static","even-keeled"],["function","Face to face"],["Integrated","budgetary management"],["non-based","non-volatile"],["productivity","Total"],["Exclusive","concept"],["disintermediate","policy"],["contingency","context-sensitive"],["human-resource","hardware"],["Optional","object-oriented"]]
for (let i = 0; i < 10; i++) {
  const e: [Uint8Array, Uint8Array][] = [kv1[i], kv2[i], kv3[i]].map(([k, v]) => [s(k), s(v)])
  console.log('root', u8aToHex(trieRoot(e, 0)))
}
const v1 = ["static","Inverse","even-keeled","Future-proofed","function","Horizontal","Face to face","Expanded","Integrated","portal"]
const v2 = ["even-keeled","Face to face","budgetary management","non-volatile","Total","concept","policy","context-sensitive","hardware","object-oriented"]
const v3 = ["Future-proofed","Expanded","pricing structure","emulation","Visionary","approach","function","Configurable","Automated","toolset"]
for (let i = 0; i < 10; i++) console.log('ord', u8aToHex(orderedTrieRoot([s(v1[i]), s(v2[i]), s(v3[i])], 0)))
for (let i = 0; i < 10; i++) console.log('storage', u8aToHex(trieRoot([[s(kv1[i][0]), s(kv1[i][1])], [s(kv2[i][0]), s(kv2[i][1])]], 0)))
