// Ty graph → scale-info portable registry. Every distinct Ty object gets one dense id, in the
// order the builder first meets it; the id is reserved before the children are visited, so a
// recursive type (RuntimeCall → Utility::batch → Vec<RuntimeCall>) refers to its own id.
import type { Field, Ty } from '../../codec/types.js'
import type { FieldV, PortableTypeV, TypeDefV } from './schema.js'

export class PortableRegistryBuilder {
  private readonly ids = new Map<Ty, number>()
  private readonly entries: PortableTypeV[] = []

  /** The id of `t`, registering it (and everything it refers to) on first use. */
  id(t: Ty): number {
    const known = this.ids.get(t)
    if (known !== undefined) return known
    const id = this.entries.length
    this.ids.set(t, id)
    const entry: PortableTypeV = { id, type: { path: t.path, params: [], def: { type: 'tuple', value: [] }, docs: t.docs ?? [] } }
    this.entries.push(entry)
    entry.type.params = t.params.map((p) => ({ name: p.name, type: p.type ? this.id(p.type) : null }))
    entry.type.def = this.def(t)
    return id
  }

  get size(): number { return this.entries.length }

  /** Registered types in id order (ids are the array indices). */
  types(): PortableTypeV[] { return this.entries }

  private def(t: Ty): TypeDefV {
    const d = t.def
    switch (d.tag) {
      case 'primitive': return { type: 'primitive', value: { type: d.prim } }
      case 'compact': return { type: 'compact', value: { type: this.id(d.of) } }
      case 'sequence': return { type: 'sequence', value: { type: this.id(d.of) } }
      case 'array': return { type: 'array', value: { len: d.len, type: this.id(d.of) } }
      case 'tuple': return { type: 'tuple', value: d.of.map((x) => this.id(x)) }
      case 'composite': return { type: 'composite', value: { fields: this.fields(d.fields) } }
      case 'variant': {
        // scale-info keeps declaration order; clients index by `index`, not by position.
        const variants = d.variants.map((v) => ({ name: v.name, fields: this.fields(v.fields), index: v.index, docs: v.docs ?? [] }))
        return { type: 'variant', value: { variants } }
      }
      case 'bitSequence': return { type: 'bitSequence', value: { bitStoreType: this.id(d.store), bitOrderType: this.id(d.order) } }
    }
  }

  private fields(fs: Field[]): FieldV[] {
    return fs.map((fl) => ({ name: fl.name ?? null, type: this.id(fl.type), typeName: fl.typeName ?? null, docs: fl.docs ?? [] }))
  }
}
