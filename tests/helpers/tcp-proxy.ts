import { createServer, connect, type Server, type Socket } from 'node:net'

/** A TCP proxy the test can cut and restore, to play a database outage. */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  let connections = 0
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        connections++
        const upstream = connect(target.port, target.host)
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => s.destroy())
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port
        resolve()
      })
    })
  await listen()
  return {
    get port() {
      return port
    },
    /** Connections accepted so far (each one a database session opened through the proxy). */
    get connections() {
      return connections
    },
    /** Refuse new connections and drop the open ones. */
    async cut() {
      await new Promise<void>((resolve) => {
        server!.close(() => resolve())
        for (const s of sockets) s.destroy()
      })
    },
    restore: listen,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()))
    },
  }
}
