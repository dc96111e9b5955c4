// dev_applyScenario: a scenario document (object, or YAML/JSON text) applied to a running node in
// one new block, built on the best block; a bad scenario is refused (error code 1, as the other
// dev_* methods) with the path of the field at fault, and no block is built.
import { hexOf, sameBytes } from '../../codec/bytes.js'
import type { NodeContext } from '../../node/context.js'
import { applyScenario, type ScenarioOutcome } from '../../scenario/apply.js'
import { resolveAccounts } from '../../scenario/keys.js'
import { parseScenarioText } from '../../scenario/load.js'
import { parseScenario, ScenarioError } from '../../scenario/schema.js'
import { RpcError } from '../errors.js'
import type { RpcEntry } from '../types.js'

const DEV_ERROR = 1

export interface AppliedScenario extends ScenarioOutcome { block: string; number: number }

export function scenarioMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  return [{
    name: 'dev_applyScenario',
    unsafe: true,
    handler: async ([doc]): Promise<AppliedScenario> => {
      let outcome: ScenarioOutcome | undefined
      try {
        const sc = parseScenario(typeof doc === 'string' ? parseScenarioText(doc, 'scenario') : doc)
        const accounts = resolveAccounts(sc)
        const ref = await ctx.producer.produce({
          emptyOnly: true,
          // Single-voter dev chains finalize every block; the scenario's block follows that.
          finalize: sameBytes(chain.finalized.hash, chain.best.hash),
          mutate: (s, env) => { outcome = applyScenario(s, env, sc, { accounts }) },
        })
        return { block: hexOf(ref.hash), number: ref.number, ...outcome! }
      } catch (e) {
        if (e instanceof ScenarioError) throw new RpcError(DEV_ERROR, e.message)
        throw new RpcError(DEV_ERROR, e instanceof Error ? e.toString() : String(e))
      }
    },
  }]
}
