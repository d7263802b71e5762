/**
 * The web app: web/ → dist/web (served by api/node.ts). `npm run dev:web` serves it with hot reload and proxies
 * /api and /healthz to the API on :8787. The staff area is a dynamic import, so it builds into its own chunk.
 * vite-plugin-pwa (Workbox) writes the service worker: the app shell and every built asset precached, so an
 * offline reload opens the app; the places themselves come from the app's own saved copy (web/lib/offline-store.ts).
 */
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

export default defineConfig({
  root: 'web',
  plugins: [
    preact(),
    VitePWA({
      // Registered by web/main.tsx in one line: no registration helper in the first-load bundle.
      injectRegister: null,
      registerType: 'autoUpdate',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['apple-touch-icon.png'],
      manifest: {
        name: '江北便民服务地图 · Jiangbei service map',
        short_name: '便民地图',
        description: '爱心驿站、医疗机构、人才公寓、培训基地 · caring stations, clinics and more near you',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b3d5c',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        navigateFallback: '/index.html',
        // The API, the API docs, OGC and health are never the app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/ogc(\/|$)/, /^\/healthz/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
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
