// subnets/serving.rs: a registered hotkey announces its axon (optionally with a TLS certificate)
// and its prometheus endpoint on a subnet.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import type { AxonInfoValue, PrometheusInfoValue } from '../types.js'
import { currentBlock } from '../utils/misc.js'

const U32_MAX = 0xffff_ffffn
const U128_MAX = (1n << 128n) - 1n

export const isValidIpType = (ipType: number): boolean => ipType === 4 || ipType === 6

/** `is_valid_ip_address`: no IPv4 ≥ u32::MAX or 127.0.0.1, no IPv6 u128::MAX or ::1. */
export function isValidIpAddress(ipType: number, addr: bigint, allowZero: boolean): boolean {
  if (!allowZero && addr === 0n) return false
  if (ipType === 4 && (addr >= U32_MAX || addr === 0x7f00_0001n)) return false
  if (ipType === 6 && (addr === U128_MAX || addr === 1n)) return false
  return true
}

const passesRateLimit = (s: Store, netuid: number, lastServe: bigint): boolean => {
  const limit = S.ServingRateLimit.get(s, netuid)
  const now = currentBlock(s)
  return limit === 0n || lastServe === 0n || (now > lastServe ? now - lastServe : 0n) >= limit
}

export interface AxonArgs { netuid: number; version: number; ip: bigint; port: number; ip_type: number; protocol: number; placeholder1: number; placeholder2: number }
export interface PrometheusArgs { netuid: number; version: number; ip: bigint; port: number; ip_type: number }

const emptyAxon = (): AxonInfoValue => ({ block: 0n, version: 0, ip: 0n, port: 0, ip_type: 0, protocol: 0, placeholder1: 0, placeholder2: 0 })

/** `validate_serve_axon`: registered, IP type and address (0 allowed), rate limit, port ≠ 0. */
export function validateServeAxon(s: Store, hotkey: Uint8Array, a: AxonArgs): void {
  if (!S.Uids.contains(s, a.netuid, hotkey)) throw E.HotKeyNotRegisteredInNetwork()
  if (!isValidIpType(a.ip_type)) throw E.InvalidIpType()
  if (!isValidIpAddress(a.ip_type, a.ip, true)) throw E.InvalidIpAddress()
  const prev = S.Axons.get(s, a.netuid, hotkey) ?? emptyAxon()
  if (!passesRateLimit(s, a.netuid, prev.block)) throw E.ServingRateLimitExceeded()
  if (a.port === 0) throw E.InvalidPort()
}

/** `validate_serve_prometheus`: IP type and address (0 refused), registered, rate limit, port ≠ 0. */
export function validateServePrometheus(s: Store, hotkey: Uint8Array, a: PrometheusArgs): PrometheusInfoValue {
  if (!isValidIpType(a.ip_type)) throw E.InvalidIpType()
  if (!isValidIpAddress(a.ip_type, a.ip, false)) throw E.InvalidIpAddress()
  if (!S.Uids.contains(s, a.netuid, hotkey)) throw E.HotKeyNotRegisteredInNetwork()
  const prev = S.Prometheus.get(s, a.netuid, hotkey)
  if (!passesRateLimit(s, a.netuid, prev?.block ?? 0n)) throw E.ServingRateLimitExceeded()
  if (a.port === 0) throw E.InvalidPort()
  return { block: currentBlock(s), version: a.version, ip: a.ip, port: a.port, ip_type: a.ip_type }
}

/** `do_serve_axon`; a certificate that does not parse (longer than 65 bytes, or empty) is ignored. */
export function doServeAxon(ctx: CallCtx, a: AxonArgs, certificate: Uint8Array | null): void {
  const { s } = ctx
  const hotkey = ensureSigned(ctx)
  validateServeAxon(s, hotkey, a)
  if (certificate !== null && certificate.length >= 1 && certificate.length <= 65) {
    S.NeuronCertificates.set(s, a.netuid, hotkey, { algorithm: certificate[0]!, public_key: certificate.slice(1) })
  }
  const axon: AxonInfoValue = {
    block: currentBlock(s), version: a.version, ip: a.ip, port: a.port, ip_type: a.ip_type,
    protocol: a.protocol, placeholder1: a.placeholder1, placeholder2: a.placeholder2,
  }
  S.Axons.set(s, a.netuid, hotkey, axon)
  SubtensorEvents.AxonServed.emit(ctx.env, [a.netuid, hotkey])
}

export function doServePrometheus(ctx: CallCtx, a: PrometheusArgs): void {
  const hotkey = ensureSigned(ctx)
  S.Prometheus.set(ctx.s, a.netuid, hotkey, validateServePrometheus(ctx.s, hotkey, a))
  SubtensorEvents.PrometheusServed.emit(ctx.env, [a.netuid, hotkey])
}

implement('serve_axon', (ctx, a) => doServeAxon(ctx, a, null))
implement('serve_axon_tls', (ctx, a) => doServeAxon(ctx, a, a.certificate))
implement('serve_prometheus', (ctx, a) => doServePrometheus(ctx, a))
