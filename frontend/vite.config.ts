/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The API runs on Django (make run / make dev); Vite proxies /api so cookies and CSRF stay same-origin.
const api = process.env.ANJU_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8000'}`

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { port: 5173, proxy: { '/api': { target: api, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Two entries: the staff app (index.html) and the owner app (owner/index.html, served at /owner/).
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        owner: fileURLToPath(new URL('./owner/index.html', import.meta.url)),
      },
      output: {
        // Charts load with the screens that draw them; only Vue, the router, i18n, Pinia and Element Plus load up
        // front. (Without includeDependenciesRecursively: false the charts group would swallow Vue, which
        // vue-echarts imports, and every page would fetch ECharts.)
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)/ },
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus)/ },
            // What both apps need (the owner app loads only this of node_modules; see scripts/check-owner-size.mjs).
            { name: 'vue-core', test: /node_modules[\\/](vue|@vue|vue-router|vue-i18n|@intlify|openapi-fetch)[\\/]/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
})
