// Port of subtensor pallets/subtensor/src/tests/serving.rs (axon, TLS certificate, prometheus and
// IP checks, chain and subnet identities).
import { describe, expect, it } from 'vitest'
import { SubtensorStorage as S, validateSubtensorCall } from '../../../src/pallets/subtensor/index.js'
import { isValidIpAddress, isValidIpType } from '../../../src/pallets/subtensor/subnets/serving.js'
import { isValidIdentity, isValidSubnetIdentity } from '../../../src/pallets/subtensor/utils/identity.js'
import { callHandler, callValue, errorOf, eventNames, failsUntouched, moduleError, signed } from '../../../src/pallets/test-utils.js'
import { callInfoOf } from '../../../src/pallets/call-info.js'
import { Mock, u256 } from './mock.js'

const ipv4 = (a: number, b: number, c: number, d: number): bigint => BigInt((a << 24 >>> 0) + (b << 16) + (c << 8) + d)
const ipv6 = (...p: number[]): bigint => p.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n)
const AXON = { version: 2, ip: 1676056785n, port: 128, ip_type: 4, protocol: 0, placeholder1: 0, placeholder2: 0 }
const err = (i: number) => moduleError(7, i)
const E = { InvalidIpType: 1, InvalidIpAddress: 2, InvalidPort: 3, HotKeyNotRegisteredInNetwork: 6, ServingRateLimitExceeded: 31 }

function served(): { m: Mock; hk: Uint8Array } {
  const m = new Mock()
  m.addNetwork(1, 13)
  const hk = u256(1)
  m.registerOk(1, hk, u256(66), 0)
  return { m, hk }
}
const serve = (m: Mock, hk: Uint8Array, o: Partial<typeof AXON> = {}) =>
  callHandler(m.env, 'SubtensorModule', 'serve_axon', signed(hk), { netuid: 1, ...AXON, ...o })
const serveProm = (m: Mock, hk: Uint8Array, o: Partial<typeof AXON> = {}) =>
  callHandler(m.env, 'SubtensorModule', 'serve_prometheus', signed(hk), { netuid: 1, version: 2, ip: 1676056785n, port: 128, ip_type: 4, ...o })

describe('tests/serving.rs', () => {
  it('test_serving_ok', () => {
    const { m, hk } = served()
    serve(m, hk)
    expect(S.Axons.get(m.s, 1, hk)).toEqual({ block: 1n, ...AXON })
    expect(eventNames(m.s)).toContain('SubtensorModule.AxonServed')
  })

  it('test_serving_tls_ok', () => {
    const { m, hk } = served()
    const cert = new TextEncoder().encode('CERT')
    callHandler(m.env, 'SubtensorModule', 'serve_axon_tls', signed(hk), { netuid: 1, ...AXON, certificate: cert })
    expect(S.NeuronCertificates.get(m.s, 1, hk)).toEqual({ public_key: cert.slice(1), algorithm: cert[0] })
    const updated = new TextEncoder().encode('UPDATED_CERT')
    callHandler(m.env, 'SubtensorModule', 'serve_axon_tls', signed(hk), { netuid: 1, ...AXON, certificate: updated })
    expect(S.NeuronCertificates.get(m.s, 1, hk)!.public_key).toEqual(updated.slice(1))
  })

  it('test_serving_set_metadata_update', () => {
    const { m, hk } = served()
    serve(m, hk)
    const next = { version: 3, ip: AXON.ip + 1n, port: 129, ip_type: 6, protocol: 1, placeholder1: 1, placeholder2: 1 }
    serve(m, hk, next)
    expect(S.Axons.get(m.s, 1, hk)).toEqual({ block: 1n, ...next })
  })

  it('test_axon_serving_rate_limit_exceeded', () => {
    const { m, hk } = served()
    for (let i = 0; i < 4; i++) serve(m, hk)
    S.ServingRateLimit.set(m.s, 1, 2n)
    m.stepBlock(1)
    expect(errorOf(failsUntouched(m.s, () => serve(m, hk)))).toEqual(err(E.ServingRateLimitExceeded))
    // the pool refuses it too: CustomTransactionError::ServingRateLimitExceeded
    const call = { type: 'SubtensorModule', value: { type: 'serve_axon', value: { netuid: 1, ...AXON } } }
    expect(validateSubtensorCall(m.s, hk, call)).toBe(12)
    m.stepBlock(1)
    expect(validateSubtensorCall(m.s, hk, call)).toBeNull()
    serve(m, hk)
  })

  it('test_axon_invalid_port', () => {
    const { m, hk } = served()
    expect(errorOf(failsUntouched(m.s, () => serve(m, hk, { port: 0 })))).toEqual(err(E.InvalidPort))
  })

  it('serving refuses an unregistered hotkey, a bad IP type and a bad address, with the pool codes', () => {
    const { m } = served()
    const other = u256(2)
    expect(errorOf(failsUntouched(m.s, () => serve(m, other)))).toEqual(err(E.HotKeyNotRegisteredInNetwork))
    expect(validateSubtensorCall(m.s, other, { type: 'SubtensorModule', value: { type: 'serve_axon', value: { netuid: 1, ...AXON } } })).toBe(10)
    expect(errorOf(failsUntouched(m.s, () => serve(m, u256(1), { ip_type: 5 })))).toEqual(err(E.InvalidIpType))
    expect(validateSubtensorCall(m.s, u256(1), { type: 'SubtensorModule', value: { type: 'serve_axon', value: { netuid: 1, ...AXON, ip_type: 5 } } })).toBe(255)
    expect(errorOf(failsUntouched(m.s, () => serve(m, u256(1), { ip: ipv4(127, 0, 0, 1) })))).toEqual(err(E.InvalidIpAddress))
  })

  it('test_prometheus_serving_ok / set_metadata_update', () => {
    const { m, hk } = served()
    serveProm(m, hk)
    expect(S.Prometheus.get(m.s, 1, hk)).toEqual({ block: 1n, version: 2, ip: 1676056785n, port: 128, ip_type: 4 })
    serveProm(m, hk, { version: 3, ip: 1676056786n, port: 129, ip_type: 6 })
    expect(S.Prometheus.get(m.s, 1, hk)).toEqual({ block: 1n, version: 3, ip: 1676056786n, port: 129, ip_type: 6 })
    expect(eventNames(m.s)).toContain('SubtensorModule.PrometheusServed')
  })

  it('test_prometheus_serving_rate_limit_exceeded', () => {
    const { m, hk } = served()
    for (let i = 0; i < 4; i++) serveProm(m, hk)
    S.ServingRateLimit.set(m.s, 1, 1n)
    expect(errorOf(failsUntouched(m.s, () => serveProm(m, hk)))).toEqual(err(E.ServingRateLimitExceeded))
  })

  it('test_prometheus_invalid_port; prometheus refuses the zero address', () => {
    const { m, hk } = served()
    expect(errorOf(failsUntouched(m.s, () => serveProm(m, hk, { port: 0 })))).toEqual(err(E.InvalidPort))
    expect(errorOf(failsUntouched(m.s, () => serveProm(m, hk, { ip: 0n })))).toEqual(err(E.InvalidIpAddress))
  })

  it('test_serving_is_valid_ip_type_*', () => {
    expect(isValidIpType(4)).toBe(true)
    expect(isValidIpType(6)).toBe(true)
    expect(isValidIpType(10)).toBe(false)
  })

  it('test_serving_is_valid_ip_address_ipv4 / ipv6', () => {
    expect(isValidIpAddress(4, ipv4(8, 8, 8, 8), false)).toBe(true)
    expect(isValidIpAddress(4, ipv4(0, 0, 0, 0), true)).toBe(true)
    expect(isValidIpAddress(6, ipv6(1, 2, 3, 4, 5, 6, 7, 8), false)).toBe(true)
    expect(isValidIpAddress(6, ipv6(0, 0, 0, 0, 0, 0, 0, 0), true)).toBe(true)
  })

  it('test_serving_is_invalid_ipv4_address / ipv6_address', () => {
    for (const allow of [false, true]) {
      expect(isValidIpAddress(4, ipv4(255, 255, 255, 255), allow)).toBe(false)
      expect(isValidIpAddress(4, ipv4(127, 0, 0, 1), allow)).toBe(false)
      expect(isValidIpAddress(4, ipv6(0xffff, 2, 3, 4, 5, 6, 7, 8), allow)).toBe(false)
      expect(isValidIpAddress(4, ipv6(0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), allow)).toBe(false)
    }
    expect(isValidIpAddress(4, ipv4(0, 0, 0, 0), false)).toBe(false)
    expect(isValidIpAddress(6, ipv6(0, 0, 0, 0, 0, 0, 0, 0), false)).toBe(false)
  })

  const enc = (x: string): Uint8Array => new TextEncoder().encode(x)
  const identity = (o: Record<string, string> = {}) => Object.fromEntries(
    ['name', 'url', 'github_repo', 'image', 'discord', 'description', 'additional'].map((k) => [k, enc(o[k] ?? `${k}-value`)]))

  it('test_do_set_identity', () => {
    const m = new Mock()
    m.addNetwork(1, 13)
    m.registerOk(1, u256(2), u256(1), 0)
    const id = identity({ name: 'Alice', url: 'https://alice.com' })
    callHandler(m.env, 'SubtensorModule', 'set_identity', signed(u256(1)), id)
    expect(S.IdentitiesV2.get(m.s, u256(1))).toEqual(id)
    expect(eventNames(m.s)).toContain('SubtensorModule.ChainIdentitySet')
    expect(errorOf(failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', 'set_identity', signed(u256(3)), id))))
      .toEqual(err(E.HotKeyNotRegisteredInNetwork))
    const updated = identity({ name: 'Alice Updated', url: 'https://alice-updated.com' })
    callHandler(m.env, 'SubtensorModule', 'set_identity', signed(u256(1)), updated)
    expect(S.IdentitiesV2.get(m.s, u256(1))).toEqual(updated)
    const long = Object.fromEntries(Object.keys(updated).map((k) => [k, new Uint8Array(513)]))
    expect(errorOf(failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', 'set_identity', signed(u256(1)), long))))
      .toEqual(moduleError(7, 73)) // InvalidIdentity
  })

  it('test_is_valid_identity / test_is_valid_subnet_identity (limits)', () => {
    const base = identity() as unknown as Parameters<typeof isValidIdentity>[0]
    expect(isValidIdentity(base)).toBe(true)
    expect(isValidIdentity({ ...base, name: new Uint8Array(257) })).toBe(false)
    expect(isValidIdentity({ ...base, image: new Uint8Array(1024) })).toBe(true)
    expect(isValidIdentity({ ...base, image: new Uint8Array(1025) })).toBe(false)
    const sub = { subnet_name: enc('a'), github_repo: enc('b'), subnet_contact: enc('c'), subnet_url: enc('d'), discord: enc('e'), description: enc('f'), logo_url: enc('g'), additional: enc('h') }
    expect(isValidSubnetIdentity(sub)).toBe(true)
    expect(isValidSubnetIdentity({ ...sub, subnet_name: new Uint8Array(257) })).toBe(false)
    expect(isValidSubnetIdentity({ ...sub, discord: new Uint8Array(257) })).toBe(false)
  })

  it('test_do_set_subnet_identity / test_set_identity_for_non_existent_subnet', () => {
    const m = new Mock()
    m.addNetwork(1, 13)
    S.SubnetOwner.set(m.s, 1, u256(1))
    const args = { subnet_name: enc('Test Subnet'), github_repo: enc('https://github.com/test'), subnet_contact: enc('contact@test.com'), subnet_url: enc('subnet.com'), discord: enc('discord.com'), description: enc('desc'), logo_url: enc('logo'), additional: enc('more') }
    callHandler(m.env, 'SubtensorModule', 'set_subnet_identity', signed(u256(1)), { netuid: 1, ...args })
    expect(S.SubnetIdentitiesV3.get(m.s, 1)).toEqual(args)
    expect(errorOf(failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', 'set_subnet_identity', signed(u256(2)), { netuid: 1, ...args }))))
      .toEqual(moduleError(7, 41)) // NotSubnetOwner
    expect(errorOf(failsUntouched(m.s, () => callHandler(m.env, 'SubtensorModule', 'set_subnet_identity', signed(u256(1)), { netuid: 999, ...args }))))
      .toEqual(moduleError(7, 41))
  })

  it('test_serving_subscribe_ok_dispatch_info_ok / test_prometheus_serving_subscribe_ok_dispatch_info_ok / test_set_subnet_identity_dispatch_info_ok', () => {
    new Mock()
    const info = (name: string, args: Record<string, unknown>) => callInfoOf(callValue('SubtensorModule', name, args))
    for (const name of ['serve_axon', 'serve_prometheus']) {
      const i = info(name, { netuid: 1, ...AXON })
      expect(i.weight.ref_time).toBeGreaterThan(0n)
      expect([i.class, i.paysFee]).toEqual(['Normal', 'No'])
    }
    const bytes = (x: string) => new TextEncoder().encode(x)
    const sid = info('set_subnet_identity', {
      netuid: 1, subnet_name: bytes('JesusSubnet'), github_repo: bytes('bible.com'), subnet_contact: bytes('https://www.vatican.va'),
      subnet_url: bytes('subnet.com'), discord: bytes('discord.com'), description: bytes('I am the describer'),
      logo_url: bytes('https://testsubnet.com/logo.png'), additional: bytes('tao foreva'),
    })
    expect([sid.class, sid.paysFee]).toEqual(['Normal', 'Yes'])
  })

  it('test_set_and_get_identity (every field kept; an update replaces them)', () => {
    const m = new Mock()
    m.addNetwork(1, 13)
    m.registerOk(1, u256(2), u256(1), 0)
    const bob = identity({ name: 'Bob', url: 'https://bob.com', github_repo: 'https://github.com', image: 'bob.jpg', discord: 'bob#5678', description: "Bob's identity", additional: 'More about Bob' })
    callHandler(m.env, 'SubtensorModule', 'set_identity', signed(u256(1)), bob)
    expect(S.IdentitiesV2.get(m.s, u256(1))).toEqual(bob)
    const bobby = { ...bob, ...identity({ name: 'Bobby', url: 'https://bobby.com' }) }
    callHandler(m.env, 'SubtensorModule', 'set_identity', signed(u256(1)), { ...bob, name: bobby.name, url: bobby.url })
    expect(S.IdentitiesV2.get(m.s, u256(1))).toEqual({ ...bob, name: bobby.name, url: bobby.url })
    expect(S.IdentitiesV2.get(m.s, u256(999))).toBeNull()
  })
})
