// The operations of one follow subscription (chainHead_v1_body / call / storage): ids, the spec's
// concurrency budget (each body or call counts one, each storage item one), results delivered as
// follow events after the method has answered, and storage pagination with continue / stop.

/** The spec guarantees at least 16 concurrent operations per follow subscription. */
export const MAX_OPERATIONS = 16
/** Storage items sent before the operation waits for `chainHead_v1_continue`. */
export const STORAGE_PAGE = 256

type Send = (event: object) => void

interface Op {
  permits: number
  stopped: boolean
  /** Set while a storage operation waits for `chainHead_v1_continue`. */
  resume?: () => void
}

export type StepResult = { items: object[]; done: boolean }

export class Operations {
  private readonly ops = new Map<string, Op>()
  private inUse = 0
  private next = 0

  constructor(private readonly send: Send) {}

  get free(): number { return MAX_OPERATIONS - this.inUse }
  get active(): number { return this.ops.size }

  /**
   * A one-shot operation (body, call): `run` computes the final event after the method's answer
   * is out. Returns the operation id, or undefined when the budget is spent.
   */
  single(run: () => object): string | undefined {
    if (this.free < 1) return undefined
    const { id, op } = this.open(1)
    setImmediate(() => {
      if (op.stopped) return
      let event: object
      try {
        event = run()
      } catch (e) {
        event = { event: 'operationError', error: e instanceof Error ? e.message : String(e) }
      }
      this.finish(id, op)
      this.send({ ...event, operationId: id })
    })
    return id
  }

  /**
   * A storage operation over `wanted` items, of which it takes as many as the budget allows.
   * `makeStep(taken)` is called once with that number; the step it returns yields up to `max`
   * result items each time it is called.
   */
  storage(wanted: number, makeStep: (taken: number) => (max: number) => StepResult): { id: string; discarded: number } | undefined {
    const permits = Math.min(wanted, this.free)
    if (permits < 1) return undefined
    const { id, op } = this.open(permits)
    const step = makeStep(permits)
    const pump = (): void => {
      if (op.stopped) return
      let r: StepResult
      try {
        r = step(STORAGE_PAGE)
      } catch (e) {
        this.finish(id, op)
        this.send({ event: 'operationError', operationId: id, error: e instanceof Error ? e.message : String(e) })
        return
      }
      if (r.items.length > 0) this.send({ event: 'operationStorageItems', operationId: id, items: r.items })
      if (r.done) {
        this.finish(id, op)
        this.send({ event: 'operationStorageDone', operationId: id })
        return
      }
      op.resume = () => { op.resume = undefined; setImmediate(pump) }
      this.send({ event: 'operationWaitingForContinue', operationId: id })
    }
    setImmediate(pump)
    return { id, discarded: wanted - permits }
  }

  /** `chainHead_v1_continue`: false when `id` is not waiting for it. */
  continue(id: string): boolean {
    const op = this.ops.get(id)
    if (op?.resume === undefined) return false
    op.resume()
    return true
  }

  /** `chainHead_v1_stopOperation`: nothing more is sent for it. */
  stop(id: string): void {
    const op = this.ops.get(id)
    if (op) this.finish(id, op)
  }

  stopAll(): void {
    for (const [id, op] of [...this.ops]) this.finish(id, op)
  }

  private open(permits: number): { id: string; op: Op } {
    const id = String(this.next++)
    const op: Op = { permits, stopped: false }
    this.ops.set(id, op)
    this.inUse += permits
    return { id, op }
  }

  private finish(id: string, op: Op): void {
    if (op.stopped) return
    op.stopped = true
    op.resume = undefined
    this.ops.delete(id)
    this.inUse -= op.permits
  }
}
