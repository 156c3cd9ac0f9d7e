/**
 * Cesium finds its workers and assets through the global CESIUM_BASE_URL. Imported
 * first by main.tsx so the global is set before any Cesium module asks for it.
 */
declare global {
  interface Window {
    CESIUM_BASE_URL: string;
  }
}

window.CESIUM_BASE_URL = '/cesium/';

export {};
