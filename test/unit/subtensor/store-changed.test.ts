// The hooks' write-skipping inserts: a key is left alone only when it already holds the bytes the
// insert would store; an absent key (a read gives the default) still gets the default written, as
// a plain insert does. Each case compares the resulting state with a plain insert's.
import { describe, expect, it } from 'vitest'
import { hexOf } from '../../../src/codec/bytes.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { insertBitsIfChanged, insertIfChanged, insertVecIfChanged } from '../../../src/pallets/subtensor/utils/store-changed.js'
import { newStore } from '../../../src/pallets/test-utils.js'
import { Overlay } from '../../../src/storage/overlay.js'

type Setup = (s: Overlay) => void

/** The block diff of `skip` and of `plain` over the same parent state: written keys and final bytes. */
function run(setup: Setup, skip: Setup, plain: Setup): { skipped: Map<string, string>; plain: Map<string, string> } {
  subtensorPallet()
  const diff = (f: Setup): Map<string, string> => {
    const base = newStore()
    setup(base)
    const s = new Overlay(base)
    f(s)
    return new Map([...s.changes()].map(([k, v]) => [hexOf(Buffer.from(k, 'latin1')), v === null ? '-' : hexOf(v)]))
  }
  return { skipped: diff(skip), plain: diff(plain) }
}

/** Same end state: every key the skipping insert wrote holds what the plain insert wrote, and a key it left out held those bytes. */
function expectSameState(setup: Setup, skip: Setup, plain: Setup, writes: number): void {
  const r = run(setup, skip, plain)
  for (const [k, v] of r.skipped) expect(r.plain.get(k)).toBe(v)
  expect(r.skipped.size).toBe(writes)
  // what the plain insert wrote and the skipping one did not was already stored with those bytes
  const base = newStore()
  setup(base)
  for (const [k, v] of r.plain) if (!r.skipped.has(k)) expect(hexOf(base.get(Buffer.from(k.slice(2), 'hex')) ?? new Uint8Array())).toBe(v)
}

describe('insertIfChanged', () => {
  it('writes a default where the key is absent', () => {
    expectSameState(() => {}, (s) => insertIfChanged(s, S.RegistrationsThisBlock, 3, 0), (s) => S.RegistrationsThisBlock.set(s, 3, 0), 1)
  })
  it('leaves a stored default alone', () => {
    expectSameState((s) => S.RegistrationsThisBlock.set(s, 3, 0), (s) => insertIfChanged(s, S.RegistrationsThisBlock, 3, 0), (s) => S.RegistrationsThisBlock.set(s, 3, 0), 0)
  })
  it('leaves a stored value alone and writes a changed one', () => {
    expectSameState((s) => S.SubnetExcessTao.set(s, 3, 7n), (s) => insertIfChanged(s, S.SubnetExcessTao, 3, 7n), (s) => S.SubnetExcessTao.set(s, 3, 7n), 0)
    expectSameState((s) => S.SubnetExcessTao.set(s, 3, 7n), (s) => insertIfChanged(s, S.SubnetExcessTao, 3, 0n), (s) => S.SubnetExcessTao.set(s, 3, 0n), 1)
    expectSameState((s) => S.SubnetExcessTao.set(s, 3, 0n), (s) => insertIfChanged(s, S.SubnetExcessTao, 3, 7n), (s) => S.SubnetExcessTao.set(s, 3, 7n), 1)
  })
  it('tells a non-default default apart (Tempo)', () => {
    const dflt = S.Tempo.get(newStore(), 3)
    expectSameState(() => {}, (s) => insertIfChanged(s, S.Tempo, 3, dflt), (s) => S.Tempo.set(s, 3, dflt), 1)
    expectSameState((s) => S.Tempo.set(s, 3, dflt), (s) => insertIfChanged(s, S.Tempo, 3, dflt), (s) => S.Tempo.set(s, 3, dflt), 0)
  })
})

describe('insertBitsIfChanged / insertVecIfChanged', () => {
  it('fixed point: absent zero written, stored value kept, change written', () => {
    expectSameState(() => {}, (s) => insertBitsIfChanged(s, S.RootProp, 3, 0n), (s) => S.RootProp.set(s, 3, { bits: 0n }), 1)
    expectSameState((s) => S.RootProp.set(s, 3, { bits: 5n }), (s) => insertBitsIfChanged(s, S.RootProp, 3, 5n), (s) => S.RootProp.set(s, 3, { bits: 5n }), 0)
    expectSameState((s) => S.RootProp.set(s, 3, { bits: 5n }), (s) => insertBitsIfChanged(s, S.RootProp, 3, 6n), (s) => S.RootProp.set(s, 3, { bits: 6n }), 1)
  })
  it('vectors (of a term picked from each item): absent empty written, stored vector kept, any element change written', () => {
    // Items as an epoch's terms are: the stored vector is the picked field of each.
    const terms = <T,>(...xs: T[]): Array<{ term: T }> => xs.map((term) => ({ term }))
    const term = <T,>(t: { term: T }): T => t.term
    expectSameState(() => {}, (s) => insertVecIfChanged(s, S.Consensus, 3, terms<number>(), term), (s) => S.Consensus.set(s, 3, []), 1)
    expectSameState((s) => S.Consensus.set(s, 3, [1, 2]), (s) => insertVecIfChanged(s, S.Consensus, 3, terms(1, 2), term), (s) => S.Consensus.set(s, 3, [1, 2]), 0)
    expectSameState((s) => S.Consensus.set(s, 3, [1, 2]), (s) => insertVecIfChanged(s, S.Consensus, 3, terms(1, 3), term), (s) => S.Consensus.set(s, 3, [1, 3]), 1)
    expectSameState((s) => S.Consensus.set(s, 3, [1, 2]), (s) => insertVecIfChanged(s, S.Consensus, 3, terms(1), term), (s) => S.Consensus.set(s, 3, [1]), 1)
    expectSameState((s) => S.Emission.set(s, 3, [4n]), (s) => insertVecIfChanged(s, S.Emission, 3, terms(4n), term), (s) => S.Emission.set(s, 3, [4n]), 0)
    expectSameState(() => {}, (s) => insertVecIfChanged(s, S.Emission, 3, terms<bigint>(), term), (s) => S.Emission.set(s, 3, []), 1)
    expectSameState((s) => S.Emission.set(s, 3, []), (s) => insertVecIfChanged(s, S.Emission, 3, terms<bigint>(), term), (s) => S.Emission.set(s, 3, []), 0)
    expectSameState((s) => S.Emission.set(s, 3, []), (s) => insertVecIfChanged(s, S.Emission, 3, terms(0n), term), (s) => S.Emission.set(s, 3, [0n]), 1)
  })
})
