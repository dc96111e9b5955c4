// The layering ARCHITECTURE.md promises: frame/ below pallets/, runtime/ above them.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(import.meta.dirname, '../../src')

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** The src/ top-level folders a file's relative imports reach. */
function reached(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
    const target = relative(SRC, resolve(dirname(file), m[1]!))
    out.push(target.split('/')[0]!)
  }
  return out
}

describe('layering', () => {
  it('no pallet (tests included) imports the composed runtime', () => {
    const files = tsFiles(join(SRC, 'pallets'))
    // the scan sees the pallets' imports of frame/ (so it would see one of runtime/)
    expect(files.filter((f) => reached(f).includes('frame')).length).toBeGreaterThan(20)
    const bad = files.filter((f) => reached(f).includes('runtime'))
    expect(bad.map((f) => relative(SRC, f))).toEqual([])
  })
  it('frame/ imports neither pallets nor runtime', () => {
    const bad = tsFiles(join(SRC, 'frame')).filter((f) => reached(f).some((t) => t === 'runtime' || t === 'pallets'))
    expect(bad.map((f) => relative(SRC, f))).toEqual([])
  })
})
