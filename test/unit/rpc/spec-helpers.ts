// Helpers for the new-spec conformance tests: follow events of one subscription, waited for by
// predicate, and operation results matched by operation id.
import type { RawClient } from './ws-client.js'

export type FollowEvent = Record<string, unknown> & { event: string }

export class FollowReader {
  private seen = 0

  constructor(readonly c: RawClient, readonly sub: string) {}

  static async open(c: RawClient, withRuntime: boolean): Promise<FollowReader> {
    return new FollowReader(c, await c.call<string>('chainHead_v1_follow', [withRuntime]))
  }

  all(): FollowEvent[] {
    return this.c.notifications(this.sub).map((n) => n.params.result as FollowEvent)
  }

  /** Events after the ones already taken, up to and including the first that matches. */
  async until(match: (e: FollowEvent) => boolean, ms = 10_000): Promise<FollowEvent[]> {
    const deadline = Date.now() + ms
    for (;;) {
      const evs = this.all()
      for (let i = this.seen; i < evs.length; i++) {
        if (match(evs[i]!)) {
          const out = evs.slice(this.seen, i + 1)
          this.seen = i + 1
          return out
        }
      }
      if (Date.now() > deadline) throw new Error(`no matching follow event; have ${JSON.stringify(evs.slice(this.seen)).slice(0, 500)}`)
      await this.c.waitFor(this.sub, evs.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined)
    }
  }

  /** Every event of operation `id` up to its final one. */
  async operation(id: string, ms = 10_000): Promise<FollowEvent[]> {
    const deadline = Date.now() + ms
    const final = new Set(['operationBodyDone', 'operationCallDone', 'operationStorageDone', 'operationInaccessible', 'operationError', 'operationWaitingForContinue'])
    for (;;) {
      const evs = this.all().filter((e) => e.operationId === id)
      if (evs.some((e) => final.has(e.event))) return evs
      if (Date.now() > deadline) throw new Error(`operation ${id} did not finish: ${JSON.stringify(evs)}`)
      await this.c.waitFor(this.sub, this.all().length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined)
    }
  }
}

export const waitUntil = async (cond: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}
