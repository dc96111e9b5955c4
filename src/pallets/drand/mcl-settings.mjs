// mcl-wasm's process-wide settings for drand's BLS12-381, in one place for the two threads that
// sign rounds: the runtime (mcl.ts) and the node's beacon worker (chain/beacon-worker.mjs), whose
// signatures must be the runtime's bytes. Plain JavaScript so the worker loads it without the
// TypeScript loader.

/** RFC 9380's BLS12381G1_XMD:SHA-256_SSWU_RO_ suite with drand's (and TinyBLS381's) DST. */
export const QUICKNET_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_'

/** Load mcl for BLS12-381 with zcash/ark compressed encodings, RFC 9380 hashing under QUICKNET_DST, and decoding that refuses points outside the r-torsion (ark's Validate::Yes). */
export async function initMcl(mcl) {
  await mcl.init(mcl.BLS12_381)
  mcl.setETHserialization(true)
  mcl.setMapToMode(mcl.IRTF)
  mcl.verifyOrderG1(true)
  mcl.verifyOrderG2(true)
  const mod = mcl.mod
  const p = mod._malloc(QUICKNET_DST.length)
  for (let i = 0; i < QUICKNET_DST.length; i++) mod.HEAP8[p + i] = QUICKNET_DST.charCodeAt(i)
  const rc = mod._mclBnG1_setDst(p, QUICKNET_DST.length)
  mod._free(p)
  if (rc !== 0) throw new Error(`mcl-wasm: setting the G1 hash DST failed (${rc})`)
}
