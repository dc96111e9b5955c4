// The scenario file's shape (JSON or YAML): named accounts, chain-wide parameters, subnets with
// their hyperparameters and neurons, and stakes. Checked with zod so a bad field is reported by its
// path before anything touches the chain.
import { z } from 'zod'

/** A key: a secret URI (`//Alice`, a mnemonic, `mnemonic//hard/soft`), an SS58 address or a 0x public key. */
const keyRef = z.string().min(1)

/** A btcli wallet on disk: `<path>/<name>/coldkeypub.txt` and `<path>/<name>/hotkeys/<hotkey>`. */
const walletRef = z.strictObject({
  name: z.string().min(1),
  hotkey: z.string().min(1).default('default'),
  path: z.string().min(1).optional(),
})

/** TAO as a number or a decimal string (up to 9 decimals, exact: turned into RAO with bigint). */
export const tao = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d{1,9})?$/, 'expected TAO as a decimal number with at most 9 decimals')])

const account = z.strictObject({
  coldkey: keyRef.optional(),
  /** Defaults to `<coldkey URI>_hk` when the coldkey is a secret URI (the SDK's e2e convention). */
  hotkey: keyRef.optional(),
  wallet: walletRef.optional(),
  /** Free balance of the coldkey after the scenario (Balances.force_set_balance). */
  balance: tao.optional(),
}).refine((a) => (a.coldkey === undefined) !== (a.wallet === undefined), { message: 'give exactly one of coldkey or wallet' })

const paramValue = z.union([z.number(), z.string(), z.boolean()])
const params = z.record(z.string(), paramValue)

const axon = z.strictObject({
  ip: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  protocol: z.number().int().min(0).max(255).default(4),
  version: z.number().int().min(0).max(0xffff_ffff).default(0),
})

const neuron = z.strictObject({
  /** An account name from `accounts`; its hotkey is registered (unless it is already, as the owner's is), owned by its coldkey. */
  account: z.string().min(1),
  axon: axon.optional(),
  /** ValidatorPermit for its uid now, as the next epoch would grant it to a staked top-k neuron. */
  validatorPermit: z.boolean().default(false),
})

const subnet = z.strictObject({
  /** An existing subnet to configure, or the next free netuid for a new one. */
  netuid: z.number().int().min(1).max(0xffff).optional(),
  /** Account registering the subnet (register_network, lock paid from its coldkey). */
  owner: z.string().min(1).optional(),
  /** start_call right away (new subnets only). */
  started: z.boolean().default(true),
  hyperparameters: params.default({}),
  neurons: z.array(neuron).default([]),
  /** Many neurons without naming each: coldkey `uri` with {i} = 0, 1, …, hotkey `<coldkey>_hk`. */
  generatedNeurons: z.strictObject({
    count: z.number().int().min(1).max(0xffff),
    uri: z.string().regex(/^\/\/.*\{i\}/, 'expected a secret URI template such as "//Miner2_{i}"'),
  }).optional(),
})

const stake = z.strictObject({
  /** Account whose coldkey stakes (a delegation when the hotkey is another account's). */
  coldkey: z.string().min(1),
  hotkey: z.string().min(1),
  netuid: z.number().int().min(0).max(0xffff),
  /** TAO the coldkey pays into the subnet's pool for alpha, as add_stake does. */
  amount: tao.optional(),
  /** Alpha credited to the stake directly (issued like emission, no TAO paid; 9 decimals). */
  alpha: tao.optional(),
}).refine((x) => (x.amount === undefined) !== (x.alpha === undefined), { message: 'give exactly one of amount (TAO) or alpha' })

export const scenarioSchema = z.strictObject({
  accounts: z.record(z.string().min(1), account).default({}),
  /** Chain-wide SubtensorModule values by storage name (NetworkRateLimit, AdminFreezeWindow, …). */
  globals: params.default({}),
  subnets: z.array(subnet).default([]),
  stakes: z.array(stake).default([]),
})

export type Scenario = z.output<typeof scenarioSchema>
export type ScenarioInput = z.input<typeof scenarioSchema>
export type ScenarioAccount = Scenario['accounts'][string]
export type ScenarioSubnet = Scenario['subnets'][number]
export type ScenarioStake = Scenario['stakes'][number]
export type Tao = z.output<typeof tao>

/** A scenario problem, named by the path of the field at fault (`subnets[0].neurons[2].account`). */
export class ScenarioError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(path === '' ? `scenario: ${reason}` : `scenario: ${path}: ${reason}`)
  }
}

export const pathText = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('')

/** Validates a parsed document; the first problem is thrown as a ScenarioError with its path. */
export function parseScenario(doc: unknown): Scenario {
  const r = scenarioSchema.safeParse(doc ?? {})
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  throw new ScenarioError(pathText(issue.path), issue.message)
}

/** TAO (number or decimal string) to RAO, exactly. */
export function raoOf(v: Tao, path: string): bigint {
  const text = typeof v === 'number' ? numberText(v, path) : v
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text)
  if (!m) throw new ScenarioError(path, 'expected TAO as a decimal number with at most 9 decimals')
  return BigInt(m[1]!) * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'))
}

function numberText(v: number, path: string): string {
  // Numbers beyond 2^53 or in exponent form have lost digits already: ask for a string.
  const t = String(v)
  if (!Number.isFinite(v) || /e/i.test(t) || (Number.isInteger(v) && !Number.isSafeInteger(v))) {
    throw new ScenarioError(path, `${t} cannot be read exactly; write it as a string`)
  }
  return t
}
