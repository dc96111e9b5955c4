// How many blocks a node builds, untimed, before a block-throughput bench starts its clock.
// V8 optimises a function only after it has run hot for a while: a fresh node is still compiling
// (TurboFan on its background threads, ≈ 190 µs of CPU per block) after 1,000 blocks, and has
// nearly stopped after a few thousand (130 functions optimised in blocks 1,000–3,000, 24 after
// 8,000 — bench/node-threads.ts). The figures are a running node's steady state, which is what a
// dev chain or a test loop that runs for minutes sees; a fresh node's first blocks cost more.
export const JIT_WARMUP_BLOCKS = 3_000
