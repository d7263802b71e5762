/**
 * Preloaded into the `wrangler dev` process by scripts/wrangler-dev.ts (tests and bench only).
 * Works around cloudflare/workers-sdk#15768: miniflare's local Hyperdrive proxy pipes workerd's socket to
 * PostgreSQL without an 'error' listener on workerd's side, so a Worker closing its connection while the
 * server still sends (e.g. the ReadyForQuery after a failed query) kills the whole dev server with EPIPE.
 * Sockets accepted by servers in this process get a listener; an errored socket is destroyed as before.
 */
import net from 'node:net'

const createServer = net.createServer
net.createServer = function (...args) {
  const server = createServer.apply(this, args)
  server.on('connection', (socket) => socket.on('error', () => socket.destroy()))
  return server
}
