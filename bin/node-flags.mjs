// The Node flags a node runs with, in one place: bin/subtensor-emu.js relaunches a node started
// without Node flags with them, and the e2e harness (test/e2e/node-process.ts) passes them itself.
//
// V8's young generation. Node 20 caps a semi-space at 16 MB; a node making empty blocks on the dev
// chain with 32 started subnets allocates ≈ 350 KB a block, so it scavenged every ≈ 37 blocks: 75–82
// scavenges per 3,000 blocks, median 96 µs a block of main-thread pauses, promoted 4–20 KB a block.
// With 64 MB: 18–21 scavenges, median 36 µs a block, promoted 3–6 KB, node CPU ≈ 100 µs a block
// less (adjacent runs on a noisy 2-core host); RSS after 6,000 blocks ≈ 370 instead of ≈ 325 MB, and
// after 33,000 lower than with 16 (less is promoted into the old generation). 32 MB halves the
// scavenges only; 128 MB, once grown, costs ≈ 100 MB more and does not shorten the pauses (a
// scavenge's pause grows with the new space). Runs in bench/RESULTS.md, "semispace (2026-12-06)".
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=64'
