// Dispatch info of a wrapped RuntimeCall, for the weight functions of calls that carry other calls
// (Sudo, Utility). A weight function only sees its arguments, so the pallets registered by
// allPallets() are looked up here.
import type { CallDecl, CallInfo, PalletDecl, RuntimeCallValue } from '../frame/declare/pallet.js'

let calls: Map<string, Map<string, CallDecl<never>>> | null = null

export function registerCallDecls(pallets: PalletDecl[]): void {
  calls = new Map(pallets.map((p) => [p.name, new Map(p.calls.map((c) => [c.name, c]))]))
}

/** GetDispatchInfo of a RuntimeCall: `info` when the call declares one, else weight/class/pays. */
export function callInfoOf(call: RuntimeCallValue): CallInfo {
  const decl = calls?.get(call.type)?.get(call.value.type) as CallDecl<Record<string, unknown>> | undefined
  if (!decl) throw new Error(calls ? `unknown call ${call.type}.${call.value.type}` : 'call declarations not registered (call allPallets() first)')
  const args = (call.value.value ?? {}) as Record<string, unknown>
  if (decl.info) return decl.info(args, callInfoOf)
  return { weight: decl.weight(args), class: decl.class, paysFee: decl.pays }
}
