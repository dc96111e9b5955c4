// utils/identity.rs: a coldkey's chain identity and a subnet owner's subnet identity.
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { equal } from '../subnets/uids.js'
import type { SubnetIdentityV3Value } from '../types.js'

export interface ChainIdentityValue {
  name: Uint8Array; url: Uint8Array; github_repo: Uint8Array; image: Uint8Array
  discord: Uint8Array; description: Uint8Array; additional: Uint8Array
}

/** `is_valid_identity`: per-field limits and a total (github_repo not counted in it, as the chain does). */
export function isValidIdentity(i: ChainIdentityValue): boolean {
  const total = i.name.length + i.url.length + i.image.length + i.discord.length + i.description.length + i.additional.length
  return total <= 256 * 4 + 1024 * 3 && i.name.length <= 256 && i.url.length <= 256 && i.github_repo.length <= 256 &&
    i.image.length <= 1024 && i.discord.length <= 256 && i.description.length <= 1024 && i.additional.length <= 1024
}

/** `is_valid_subnet_identity`: per-field limits and a total over the first three fields. */
export function isValidSubnetIdentity(i: SubnetIdentityV3Value): boolean {
  const total = i.subnet_name.length + i.github_repo.length + i.subnet_contact.length
  return total <= 256 * 2 + 1024 * 6 && i.subnet_name.length <= 256 && i.github_repo.length <= 1024 &&
    i.subnet_contact.length <= 1024 && i.subnet_url.length <= 1024 && i.discord.length <= 256 &&
    i.description.length <= 1024 && i.logo_url.length <= 1024 && i.additional.length <= 1024
}

implement('set_identity', (ctx, a) => {
  const coldkey = ensureSigned(ctx)
  const registered = S.OwnedHotkeys.get(ctx.s, coldkey).some((hk) => [...S.IsNetworkMember.iterPrefix(ctx.s, hk)].some(([, v]) => v))
  if (!registered) throw E.HotKeyNotRegisteredInNetwork()
  if (!isValidIdentity(a)) throw E.InvalidIdentity()
  S.IdentitiesV2.set(ctx.s, coldkey, a as unknown as Record<string, Uint8Array>)
  SubtensorEvents.ChainIdentitySet.emit(ctx.env, coldkey)
})

implement('set_subnet_identity', (ctx, a) => {
  const coldkey = ensureSigned(ctx)
  if (!equal(S.SubnetOwner.get(ctx.s, a.netuid), coldkey)) throw E.NotSubnetOwner()
  const identity: SubnetIdentityV3Value = {
    subnet_name: a.subnet_name, github_repo: a.github_repo, subnet_contact: a.subnet_contact, subnet_url: a.subnet_url,
    discord: a.discord, description: a.description, logo_url: a.logo_url, additional: a.additional,
  }
  if (!isValidSubnetIdentity(identity)) throw E.InvalidIdentity()
  S.SubnetIdentitiesV3.set(ctx.s, a.netuid, identity)
  SubtensorEvents.SubnetIdentitySet.emit(ctx.env, a.netuid)
})
