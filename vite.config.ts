/**
 * The web app: web/ → dist/web (served by api/node.ts). `npm run dev:web` serves it with hot reload and proxies
 * /api and /healthz to the API on :8787. The staff area is a dynamic import, so it builds into its own chunk.
 */
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

export default defineConfig({
  root: 'web',
  plugins: [preact()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2020',
    // Leaflet's images are tiny; inlining avoids extra requests on slow phones.
    assetsInlineLimit: 8192,
    reportCompressedSize: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8787', '/healthz': 'http://localhost:8787' },
  },
})
