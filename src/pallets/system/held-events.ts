// Events held back and deposited later as one run (ExecEnv.depositEvents): for a caller that
// deposits many events with nothing in between that reads or writes the block's events, and that
// hands this sink only to code that deposits no event inside a storage layer it may roll back.
import type { EventSink } from './accounts.js'

export class HeldEvents implements EventSink {
  private held: Uint8Array[] = []

  depositEvent(runtimeEvent: Uint8Array, topics?: Uint8Array[]): void {
    // (an event with topics is not held: the run API takes none, and no caller of this sink gives any)
    if (topics !== undefined && topics.length > 0) throw new Error('HeldEvents: an event with topics')
    this.held.push(runtimeEvent)
  }

  /** Deposit what is held into `sink`, in order, and hold nothing. */
  depositInto(sink: EventSink & { depositEvents?(evs: readonly Uint8Array[]): void }): void {
    const held = this.held
    if (held.length === 0) return
    this.held = []
    if (sink.depositEvents !== undefined) sink.depositEvents(held)
    else for (const ev of held) sink.depositEvent(ev)
  }
}
