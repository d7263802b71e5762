import type { MiddlewareHandler } from 'hono'
import { ApiError, problemResponse } from '../lib/problem.js'

export interface LoadShedOptions {
  /**
   * Requests served at once. The embedded database runs one query at a time (the PGlite dialect serialises them), so
   * a small number: one in the database, one turning its rows into JSON.
   */
  concurrency: number
  /**
   * The longest a request may wait for its turn (ms). A request whose expected wait (queue length × measured service
   * time ÷ concurrency) is longer is refused at once; one that waited this long after all is refused then.
   */
  budgetMs: number
  /** Waiting requests beyond this are refused whatever the estimate (a cap while the first times are measured). */
  maxQueue?: number
  /** For tests: the clock (ms). */
  now?: () => number
}

interface Waiter {
  admit: () => void
  timer: ReturnType<typeof setTimeout> | undefined
}

/** Weight of the newest service time in the moving average. */
const ALPHA = 0.2

type Immediate = (callback: () => void) => unknown
const setImmediateIfAny = (globalThis as { setImmediate?: Immediate }).setImmediate
/**
 * Lets the runtime read its sockets before a request starts. PGlite runs each query synchronously on the one thread
 * (WebAssembly), so a request, once started, runs to its answer without giving way to I/O: the requests behind it
 * wait unread in the kernel, where no gate can count them, and a gate sees at most one request in flight. Giving way
 * once before each admitted request lets the runtime parse what has arrived meanwhile, so those requests reach the
 * gate and the queue (and the wait) becomes visible. `setImmediate` where there is one (Node: after the poll for
 * I/O), else a zero timeout.
 */
const giveWayToIo = () =>
  new Promise<void>((resolve) => (setImmediateIfAny ? setImmediateIfAny(resolve) : setTimeout(resolve, 0)))

/**
 * Bounds the requests in flight, and the wait in front of them, so that under a burst latency stays bounded and the
 * database is not buried: at most `concurrency` requests run; the next ones wait in order; a request that would wait
 * longer than `budgetMs` is answered 503 problem+json with `Retry-After` at once, instead of joining a queue whose
 * tail would time out anyway. Runtime-neutral (no Node or Worker API): the Node entry enables it for the embedded
 * database, where one process holds the whole database and cannot take more work by opening connections.
 */
export function loadShed(options: LoadShedOptions): MiddlewareHandler {
  const { concurrency, budgetMs } = options
  const maxQueue = options.maxQueue ?? Number.POSITIVE_INFINITY
  const now = options.now ?? (() => performance.now())
  let running = 0
  const queue: Waiter[] = []
  /** Moving average of an admitted request's time from its start to its answer (ms); undefined until measured. */
  let serviceMs: number | undefined

  const expectedWait = (position: number) =>
    serviceMs === undefined ? 0 : ((position + 1) * serviceMs) / Math.max(1, concurrency)
  const refuse = (waitMs: number) =>
    problemResponse(
      new ApiError(503, 'Too many requests are waiting for the database right now; try again shortly', {
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))), 'Cache-Control': 'no-store' },
      }),
    )

  function release() {
    const next = queue.shift()
    if (next) {
      if (next.timer !== undefined) clearTimeout(next.timer)
      next.admit() // the slot passes straight to the first waiter
    } else running--
  }

  return async (c, next) => {
    if (running >= concurrency) {
      const wait = expectedWait(queue.length)
      if (queue.length >= maxQueue || wait > budgetMs) return refuse(wait)
      const admitted = await new Promise<boolean>((resolve) => {
        const waiter: Waiter = { admit: () => resolve(true), timer: undefined }
        waiter.timer = setTimeout(() => {
          const at = queue.indexOf(waiter)
          if (at >= 0) queue.splice(at, 1)
          resolve(false)
        }, budgetMs)
        queue.push(waiter)
      })
      if (!admitted) return refuse(expectedWait(queue.length))
    } else running++
    await giveWayToIo()
    // Timed from here: the 503s answered while giving way are not this request's work. Counting them made a flood of
    // refusals (a client re-sending at once) look like slow service, which refused more, which made more to answer.
    const started = now()
    try {
      await next()
    } finally {
      const took = now() - started
      serviceMs = serviceMs === undefined ? took : serviceMs + ALPHA * (took - serviceMs)
      release()
    }
  }
}
