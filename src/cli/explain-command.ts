// `subtensor-emu explain-epoch <netuid>`: asks a running node for subtensor_explainEpoch (HTTP
// JSON-RPC) and prints one subnet's epoch as a table, one row per uid and mechanism.
import type { ExplainedEpoch } from '../pallets/subtensor/epoch/explain.js'

const f4 = (x: number): string => x.toFixed(4)
const short = (hex: string): string => (hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex)

/** The explanation as text: a header with the pending amounts, then a table per mechanism. */
export function formatExplainTable(e: ExplainedEpoch): string {
  const lines: string[] = []
  lines.push(`subnet ${e.netuid}, epoch run in block ${e.block}`)
  lines.push(`pending drained: server ${e.pending.server}, validator ${e.pending.validator}, root ${e.pending.root}, owner cut ${e.pending.ownerCut} (alpha RAO)`)
  for (const m of e.mechanisms) {
    const hp = Object.entries(m.hyperparameters).map(([k, v]) => `${k}=${String(v)}`).join(' ')
    lines.push('', `mechanism ${m.mecid}: emission ${m.emission}`, `  ${hp}`)
    const head = ['uid', 'hotkey', 'act', 'stake', 'permit', 'new', 'a.stake', 'consensus', 'trust', 'incentive', 'dividends', 'server', 'validator', 'emission', 'weights', 'bonds']
    const rows = m.uids.map((u) => [
      String(u.uid), short(u.hotkey), u.active ? 'y' : '-', f4(u.stake), u.validatorPermit ? 'y' : '-', u.newValidatorPermit ? 'y' : '-', f4(u.activeStake),
      `${f4(u.consensus)} (${u.consensusU16})`, `${f4(u.validatorTrust)} (${u.validatorTrustU16})`, `${f4(u.incentive)} (${u.incentiveU16})`,
      `${f4(u.dividends)} (${u.dividendsU16})`, u.serverEmission, u.validatorEmission, u.emission,
      u.weights.map(([j, w]) => `${j}:${f4(w)}`).join(' '), u.bonds.map(([j, b]) => `${j}:${b}`).join(' '),
    ])
    const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
    const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(width[i] as number)).join('  ').trimEnd()
    lines.push(fmt(head), fmt(width.map((w) => '-'.repeat(w))), ...rows.map(fmt))
  }
  return lines.join('\n')
}

export async function explainEpochCommand(netuid: string, o: { url: string; at?: string }): Promise<void> {
  const params: unknown[] = [Number(netuid)]
  if (o.at) params.push(o.at)
  const res = await fetch(o.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'subtensor_explainEpoch', params }) })
  const body = (await res.json()) as { result?: ExplainedEpoch; error?: { code: number; message: string } }
  if (body.error || !body.result) {
    process.stderr.write(`error: ${body.error?.message ?? 'no result'}\n`)
    process.exitCode = 1
    return
  }
  process.stdout.write(formatExplainTable(body.result) + '\n')
}
