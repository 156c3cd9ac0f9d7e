/**
 * Vite builds the viewer from src/viewer into dist/viewer. Cesium's static files
 * (web workers, assets, third-party wasm, widget CSS) are copied under /cesium/ so
 * the viewer never fetches anything from outside our own server.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, normalizePath } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const cesiumBuild = normalizePath(here('./node_modules/cesium/Build/Cesium'));
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '8080'}`;

export default defineConfig({
  root: here('./src/viewer'),
  publicDir: here('./public'),
  base: '/',
  define: {
    // Read by Cesium to find its workers and assets.
    CESIUM_BASE_URL: JSON.stringify('/cesium/'),
  },
  plugins: [
    react(),
    viteStaticCopy({
      targets: ['Workers', 'Assets', 'ThirdParty', 'Widgets'].map((folder) => ({
        src: `${cesiumBuild}/${folder}`,
        dest: 'cesium',
        // The matched path starts at node_modules/cesium/Build/Cesium: keep what follows.
        rename: { stripBase: 4 },
      })),
    }),
  ],
  build: {
    outDir: here('./dist/viewer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/tiles': apiTarget,
    },
  },
});
