// Files that ship beside the code (chain specs, the verifier's worker) are found from the package
// root, so the same code works from `src/` (through tsx) and from the bundle in `dist/`.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let root: string | undefined

export function packageRoot(): string {
  if (root) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'subtensor-emu') return (root = dir)
    const up = dirname(dir)
    if (up === dir) throw new Error('cannot find the subtensor-emu package root')
    dir = up
  }
}
