// Applies a validated scenario to state through the pallets' own calls and functions: funding is
// Balances.force_set_balance (Root), a subnet is SubtensorModule.register_network signed by its
// owner (the lock paid from the owner's coldkey) and start_call, a neuron is register_neuron's slot
// (registerNeuron, the owner link of create_account_if_non_existent) and serve_axon signed by the
// hotkey. What a scenario skips on purpose: the network rate limit and start-call delay while it
// runs, the registration burn and per-block/per-interval registration limits.
import { Keyring } from '@polkadot/keyring'
import { encodeAddress } from '@polkadot/util-crypto'
import type { DispatchOutcome, ExecEnv, RuntimeCallValue } from '../frame/declare/pallet.js'
import type { Store } from '../frame/declare/storage.js'
import { DispatchFailure, type Origin } from '../frame/primitives.js'
import { allPallets } from '../pallets/index.js'
import { SubtensorEvents } from '../pallets/subtensor/macros/events.js'
import { SubtensorStorage as S } from '../pallets/subtensor/storage.js'
import { createAccountIfNonExistent, registerNeuron } from '../pallets/subtensor/subnets/registration.js'
import { nextNetuid } from '../pallets/subtensor/subnets/subnet.js'
import { setElementAt } from '../pallets/subtensor/utils/misc.js'
import { maxPrice, stakeIntoSubnet } from '../pallets/subtensor/staking/stake-pool.js'
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from '../pallets/subtensor/staking/stake-utils.js'
import { keyOf, type ResolvedAccount } from './keys.js'
import { setGlobals, setHyperparameters } from './params.js'
import { raoOf, ScenarioError, type Scenario, type ScenarioStake, type ScenarioSubnet } from './schema.js'

export interface AppliedNeuron { netuid: number; uid: number; account: string; hotkey: string; coldkey: string }
export interface ScenarioOutcome {
  /** Netuids of the scenario's subnets, in file order. */
  netuids: number[]
  neurons: AppliedNeuron[]
  accounts: Record<string, { coldkey: string; hotkey: string | null }>
}

const U64_MAX = (1n << 64n) - 1n
const ss58 = (k: Uint8Array): string => encodeAddress(k, 42)

/** `SubtensorModule.NetworkTxRateLimitExceeded`, `Token(FundsUnavailable)`, … */
export function dispatchErrorName(e: DispatchFailure): string {
  const v = e.error
  if (v.type !== 'Module') return e.message
  const pallet = allPallets().find((p) => p.index === v.value.index)
  const err = pallet?.errors.find((x) => x.index === v.value.error[0])
  return pallet && err ? `${pallet.name}.${err.name}` : e.message
}

function call(env: ExecEnv, origin: Origin, pallet: string, name: string, args: Record<string, unknown>, path: string): void {
  const c: RuntimeCallValue = { type: pallet, value: { type: name, value: args } }
  const r: DispatchOutcome = env.dispatch(c, origin)
  if (!r.ok) throw new ScenarioError(path, `${pallet}.${name} failed: ${dispatchErrorName(r.error)}`)
}

/** Runs `fn` with chain-wide values lifted (set to `v`), putting the previous values back after. */
function lifted<T>(s: Store, items: { get(s: Store): bigint; set(s: Store, v: bigint): void }[], fn: () => T): T {
  const saved = items.map((i) => i.get(s))
  for (const i of items) i.set(s, 0n)
  try {
    return fn()
  } finally {
    items.forEach((i, n) => i.set(s, saved[n]!))
  }
}

/** IPv4 dotted quad or IPv6 text to (ip, ip_type) as serve_axon takes them. */
export function parseIp(text: string, path: string): { ip: bigint; ipType: number } {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (v4) {
    const parts = v4.slice(1).map(Number)
    if (parts.every((p) => p <= 255)) return { ip: parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n), ipType: 4 }
  } else if (text.includes(':')) {
    const [head, tail] = text.split('::') as [string, string | undefined]
    const groups = (x: string | undefined): string[] => (x === undefined || x === '' ? [] : x.split(':'))
    const h = groups(head)
    const t = groups(tail)
    const fill = tail === undefined ? 0 : 8 - h.length - t.length
    const all = [...h, ...Array<string>(Math.max(fill, 0)).fill('0'), ...t]
    if (all.length === 8 && all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) && (tail === undefined || fill >= 1)) {
      return { ip: all.reduce((a, g) => (a << 16n) | BigInt(`0x${g}`), 0n), ipType: 6 }
    }
  }
  throw new ScenarioError(path, `"${text}" is not an IPv4 or IPv6 address`)
}

export interface ApplyDeps {
  accounts: Map<string, ResolvedAccount>
}

/** Applies `sc` to `s`; throws a ScenarioError naming the field at fault (the caller discards `s`). */
export function applyScenario(s: Store, env: ExecEnv, sc: Scenario, deps: ApplyDeps): ScenarioOutcome {
  const { accounts } = deps
  const named = (name: string, path: string): ResolvedAccount => {
    const a = accounts.get(name)
    if (!a) throw new ScenarioError(path, `unknown account "${name}" (not in accounts)`)
    return a
  }
  const hotkeyOf = (name: string, path: string): Uint8Array => {
    const h = named(name, path).hotkey
    if (!h) throw new ScenarioError(path, `account "${name}" has no hotkey`)
    return h
  }

  for (const [name, a] of Object.entries(sc.accounts)) {
    if (a.balance === undefined) continue
    const path = `accounts.${name}.balance`
    call(env, { kind: 'Root' }, 'Balances', 'force_set_balance', { who: { type: 'Id', value: named(name, path).coldkey }, new_free: raoOf(a.balance, path) }, path)
  }

  const netuids: number[] = []
  const neurons: AppliedNeuron[] = []
  const keyring = new Keyring({ type: 'sr25519' })
  lifted(s, [S.NetworkRateLimit, S.StartCallDelay], () => {
    sc.subnets.forEach((sub, i) => {
      const path = `subnets[${i}]`
      const netuid = subnetOf(s, env, sub, path, named, hotkeyOf)
      netuids.push(netuid)
      setHyperparameters(s, netuid, sub.hyperparameters, `${path}.hyperparameters`)
      sub.neurons.forEach((n, j) => {
        const np = `${path}.neurons[${j}]`
        const { coldkey } = named(n.account, `${np}.account`)
        const hotkey = hotkeyOf(n.account, `${np}.account`)
        const uid = addNeuron(s, env, netuid, coldkey, hotkey, np)
        if (n.axon) {
          const { ip, ipType } = parseIp(n.axon.ip, `${np}.axon.ip`)
          call(env, { kind: 'Signed', who: hotkey }, 'SubtensorModule', 'serve_axon', {
            netuid, version: n.axon.version, ip, port: n.axon.port, ip_type: ipType, protocol: n.axon.protocol, placeholder1: 0, placeholder2: 0,
          }, `${np}.axon`)
        }
        if (n.validatorPermit) S.ValidatorPermit.mutate(s, netuid, (v) => setElementAt(v, uid, true))
        neurons.push({ netuid, uid, account: n.account, hotkey: ss58(hotkey), coldkey: ss58(coldkey) })
      })
      const gen = sub.generatedNeurons
      for (let k = 0; gen && k < gen.count; k++) {
        const uri = gen.uri.replaceAll('{i}', String(k))
        const coldkey = keyOf(uri, `${path}.generatedNeurons.uri`, keyring)
        const hotkey = keyOf(`${uri}_hk`, `${path}.generatedNeurons.uri`, keyring)
        const uid = addNeuron(s, env, netuid, coldkey, hotkey, `${path}.generatedNeurons[${k}]`)
        neurons.push({ netuid, uid, account: uri, hotkey: ss58(hotkey), coldkey: ss58(coldkey) })
      }
    })
  })

  sc.stakes.forEach((st, i) => addStake(s, env, st, `stakes[${i}]`, named, hotkeyOf))
  // Chain-wide values last: they are what the chain keeps after the scenario.
  setGlobals(s, sc.globals, 'globals')

  const out: ScenarioOutcome['accounts'] = {}
  for (const [name, a] of accounts) out[name] = { coldkey: ss58(a.coldkey), hotkey: a.hotkey ? ss58(a.hotkey) : null }
  return { netuids, neurons, accounts: out }
}

type Named = (name: string, path: string) => ResolvedAccount
type HotkeyOf = (name: string, path: string) => Uint8Array

/** An existing subnet (netuid given and present), or a new one registered by its owner. */
function subnetOf(s: Store, env: ExecEnv, sub: ScenarioSubnet, path: string, named: Named, hotkeyOf: HotkeyOf): number {
  if (sub.netuid !== undefined && S.NetworksAdded.get(s, sub.netuid)) {
    if (sub.owner !== undefined) throw new ScenarioError(`${path}.owner`, `netuid ${sub.netuid} exists already; an owner is only for a new subnet`)
    return sub.netuid
  }
  if (sub.owner === undefined) throw new ScenarioError(`${path}.owner`, 'a new subnet needs an owner account')
  const next = nextNetuid(s)
  if (sub.netuid !== undefined && sub.netuid !== next) throw new ScenarioError(`${path}.netuid`, `netuid ${sub.netuid} does not exist and the next new subnet gets ${next}`)
  const { coldkey } = named(sub.owner, `${path}.owner`)
  const hotkey = hotkeyOf(sub.owner, `${path}.owner`)
  call(env, { kind: 'Signed', who: coldkey }, 'SubtensorModule', 'register_network', { hotkey }, `${path}.owner`)
  if (sub.started) call(env, { kind: 'Signed', who: coldkey }, 'SubtensorModule', 'start_call', { netuid: next }, `${path}.started`)
  return next
}

/** register_neuron's slot for `hotkey`, owned by `coldkey`, with the NeuronRegistered event. */
function addNeuron(s: Store, env: ExecEnv, netuid: number, coldkey: Uint8Array, hotkey: Uint8Array, path: string): number {
  const existing = S.Uids.get(s, netuid, hotkey)
  if (existing !== null) {
    if (!S.Owner.get(s, hotkey).every((b, i) => b === coldkey[i])) throw new ScenarioError(`${path}.account`, `hotkey is registered on netuid ${netuid} under another coldkey`)
    return existing
  }
  createAccountIfNonExistent(s, coldkey, hotkey)
  const owner = S.Owner.get(s, hotkey)
  if (!owner.every((b, i) => b === coldkey[i])) throw new ScenarioError(`${path}.account`, `hotkey is owned by another coldkey (${ss58(owner)})`)
  if (S.MaxAllowedUids.get(s, netuid) === 0) throw new ScenarioError(path, `netuid ${netuid} allows no uids (MaxAllowedUids 0)`)
  let uid: number
  try {
    uid = registerNeuron(s, netuid, hotkey)
  } catch (e) {
    throw new ScenarioError(path, `no uid available on netuid ${netuid}: ${(e as Error).message}`)
  }
  SubtensorEvents.NeuronRegistered.emit(env, [netuid, uid, hotkey])
  return uid
}

/**
 * `amount`: TAO from the coldkey through the pool, as add_stake's stake_into_subnet (no rate limit
 * or minimum here). `alpha`: credited with the ledger's increase-stake, SubnetAlphaOut growing with it.
 */
function addStake(s: Store, env: ExecEnv, st: ScenarioStake, path: string, named: Named, hotkeyOf: HotkeyOf): void {
  const { coldkey } = named(st.coldkey, `${path}.coldkey`)
  const hotkey = hotkeyOf(st.hotkey, `${path}.hotkey`)
  if (!S.NetworksAdded.get(s, st.netuid)) throw new ScenarioError(`${path}.netuid`, `netuid ${st.netuid} does not exist`)
  if (!S.Owner.contains(s, hotkey)) throw new ScenarioError(`${path}.hotkey`, 'hotkey has no owner yet (register it as a neuron first)')
  const failing = (what: string, fn: () => void): void => {
    try {
      s.transactional(fn)
    } catch (e) {
      throw new ScenarioError(`${path}.${what}`, e instanceof DispatchFailure ? dispatchErrorName(e) : (e as Error).message)
    }
  }
  if (st.alpha !== undefined) {
    const alpha = raoOf(st.alpha, `${path}.alpha`)
    failing('alpha', () => {
      increaseStakeForHotkeyAndColdkeyOnSubnet(s, hotkey, coldkey, st.netuid, alpha)
      S.SubnetAlphaOut.mutate(s, st.netuid, (v) => (v + alpha > U64_MAX ? U64_MAX : v + alpha))
    })
    return
  }
  const tao = raoOf(st.amount!, `${path}.amount`)
  failing('amount', () => { stakeIntoSubnet({ origin: { kind: 'Signed', who: coldkey }, s, env }, hotkey, coldkey, st.netuid, tao, maxPrice(), false) })
}
