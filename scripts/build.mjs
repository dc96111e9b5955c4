// Bundles the CLI and its pure-JS dependencies into dist/cli.mjs with esbuild, so the node starts
// without compiling TypeScript or resolving hundreds of small modules (≈350 ms to RPC ready instead
// of ≈900 ms). Native and optional modules stay external. Runs from `npm ci` / `npm install` (the
// prepare script); bin/subtensor-emu.js falls back to the sources when dist is missing or stale.
import { build } from 'esbuild'

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['classic-level', 'level', 'bufferutil', 'utf-8-validate'],
  // Bundled CommonJS dependencies call require(); give the ES module one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
})
