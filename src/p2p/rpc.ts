// grandpa_* RPCs (sc-consensus-grandpa-rpc): the voting round's state, finality proofs from the
// stored justifications, and a subscription to new justifications.
import { encodeAddress } from '@polkadot/util-crypto'
import { hexOf, hexToBytes } from '../codec/bytes.js'
import { encode } from '../codec/scale.js'
import type { Blockchain } from '../chain/blockchain.js'
import { RpcError } from '../rpc/errors.js'
import { blockNumber, numberOrHex } from '../rpc/methods/params.js'
import type { RpcEntry } from '../rpc/types.js'
import type { HeaderValue } from '../frame/primitives.js'
import type { Finality } from './finality.js'
import { FinalityProof } from './wire.js'

/** sc-consensus-grandpa-rpc: "Node is not fully functional" family. */
const NOT_VALIDATOR = 1

export function grandpaMethods(chain: Blockchain, finality: Finality): RpcEntry[] {
  return [
    {
      name: 'grandpa_roundState',
      handler: () => {
        const set = finality.voters()
        if (set.ids.length === 0) throw new RpcError(NOT_VALIDATOR, 'GRANDPA is not running: the chain has no authorities')
        const round = finality.round
        const votes = finality.votesOf(round)
        const stage = (m: Map<string, unknown> | undefined): { currentWeight: number; missing: string[] } => {
          let w = 0n
          const missing: string[] = []
          for (const id of set.ids) {
            if (m?.has(id)) w += set.weights.get(id)!
            else missing.push(encodeAddress(hexToBytes(id), 42))
          }
          return { currentWeight: Number(w), missing }
        }
        return {
          setId: Number(set.setId),
          best: {
            round: Number(round), totalWeight: Number(set.total), thresholdWeight: Number(set.threshold),
            prevotes: stage(votes?.Prevote), precommits: stage(votes?.Precommit),
          },
          background: [],
        }
      },
    },
    {
      name: 'grandpa_proveFinality',
      handler: ([n]) => {
        const number = blockNumber(numberOrHex(n))
        const fin = chain.finalized
        if (number > fin.number) return null
        // The first justified block at or after `number`, with the headers leading up to it.
        for (let k = number; k <= fin.number; k++) {
          const hash = chain.hashAt(k)
          const j = hash ? finality.justificationOf(hash) : null
          if (!hash || !j) continue
          const headers: HeaderValue[] = []
          for (let m = number + 1; m <= k; m++) headers.push(chain.header(chain.hashAt(m)!)!)
          return hexOf(encode(FinalityProof, { block: hash, justification: j, unknown_headers: headers }))
        }
        return null
      },
    },
    {
      name: 'grandpa_subscribeJustifications',
      notification: 'grandpa_justifications',
      unsubscribe: 'grandpa_unsubscribeJustifications',
      subscribe: (_p, _c, sink) => {
        const on = (e: { justification: Uint8Array }): void => { sink.send(hexOf(e.justification)) }
        finality.on('justification', on)
        return () => { finality.off('justification', on) }
      },
    },
  ]
}
