/**
 * Init script: the measurements taken inside the page, the same code for our viewer
 * (`window.yz`) and the naive one (`window.naive`), through Cesium's public API only.
 * The bench (bench/viewer/viewer-run.ts) calls `window.__bench.*` by name. Our bundle
 * has no global `Cesium`, so plain {x, y} and the ellipsoid stand in for Cesium's types.
 */
(() => {
  const target = () => {
    if (window.yz) {
      return {
        viewer: window.yz.viewer,
        ready: window.yz.ready,
        buildingsReady: window.yz.buildingsLoaded,
        // A 3D Tiles feature carries the building's code as its `id` property.
        identify: (picked) => (picked && typeof picked.getProperty === 'function' ? picked.getProperty('id') : undefined),
      };
    }
    if (window.naive) {
      return {
        viewer: window.naive.viewer,
        ready: window.naive.ready,
        buildingsReady: window.naive.buildingsReady,
        // An entity picked from a GeoJsonDataSource carries the feature's properties.
        identify: (picked) => picked?.id?.properties?.id?.getValue?.(),
      };
    }
    return undefined;
  };

  const tilesetBytes = (viewer) => {
    let bytes = null;
    const primitives = viewer.scene.primitives;
    for (let i = 0; i < primitives.length; i++) {
      const p = primitives.get(i);
      if (p && typeof p.totalMemoryUsageInBytes === 'number') bytes = (bytes ?? 0) + p.totalMemoryUsageInBytes;
    }
    return bytes;
  };

  /** Degrees/metres camera along waypoints; smoothstep between each pair. */
  const along = (waypoints, t) => {
    const legs = waypoints.length - 1;
    const x = Math.min(t, 0.999999) * legs;
    const i = Math.floor(x);
    const s = x - i;
    const k = s * s * (3 - 2 * s);
    const a = waypoints[i];
    const b = waypoints[i + 1];
    return a.map((v, j) => v + (b[j] - v) * k);
  };

  const clicks = [];
  /** performance.now() when the buildings layer finished its first load; set by ready(). */
  let buildingsAt = null;

  window.__bench = {
    hasTarget: () => target() !== undefined,
    /** Navigation start → the whole view settled (ms); also starts timing the buildings layer. */
    ready: () => {
      buildingsAt ??= target().buildingsReady.then(() => performance.now());
      return target().ready.then(() => performance.now());
    },
    /** Navigation start → the buildings layer loaded (ms): our tileset's first allTilesLoaded, the naive entities' geometry built. */
    buildingsReady: () => buildingsAt,

    /** Flies the camera through `waypoints` ([lon, lat, height, heading, pitch]) for `ms`, rendering every frame. */
    flight: (waypoints, ms) =>
      new Promise((resolve) => {
        const { viewer } = target();
        const scene = viewer.scene;
        const requestRenderMode = scene.requestRenderMode;
        scene.requestRenderMode = false;
        let frames = 0;
        let start = null;
        const removePre = scene.preRender.addEventListener(() => {
          const now = performance.now();
          start ??= now;
          const [lon, lat, height, heading, pitch] = along(waypoints, (now - start) / ms);
          const rad = Math.PI / 180;
          viewer.camera.setView({
            destination: scene.globe.ellipsoid.cartographicToCartesian({ longitude: lon * rad, latitude: lat * rad, height }),
            orientation: { heading: heading * rad, pitch: pitch * rad, roll: 0 },
          });
        });
        const removePost = scene.postRender.addEventListener(() => {
          frames++;
          const elapsed = performance.now() - start;
          if (elapsed >= ms) {
            removePre();
            removePost();
            scene.requestRenderMode = requestRenderMode;
            resolve({ frames, seconds: elapsed / 1000, fps: frames / (elapsed / 1000) });
          }
        });
      }),

    /** Client coordinates of up to `n` distinct buildings, found by picking a grid over the canvas. */
    pickTargets: (n) => {
      const { viewer, identify } = target();
      const canvas = viewer.scene.canvas;
      const rect = canvas.getBoundingClientRect();
      const found = [];
      const seen = new Set();
      const steps = 16;
      for (let row = 1; row < steps && found.length < n; row++) {
        for (let col = 1; col < steps && found.length < n; col++) {
          const x = (col / steps) * canvas.clientWidth;
          const y = (row / steps) * canvas.clientHeight;
          // Only where the canvas itself is on top (not under the app's panels).
          if (document.elementFromPoint(rect.left + x, rect.top + y) !== canvas) continue;
          const code = identify(viewer.scene.pick({ x, y }));
          if (code === undefined || seen.has(code)) continue;
          seen.add(code);
          found.push({ code, x: rect.left + x, y: rect.top + y });
        }
      }
      return found;
    },

    /**
     * From now on each mouse button release on the canvas is timed, from the event's
     * timestamp until the building is identified. Ours: until the app reports what its
     * own click handler identified (the `yz:pick` event, README "Automation handle"),
     * so the time is that of the product's click path. The naive page: until
     * scene.pick has returned and the entity's code is read, which is how such an app
     * identifies a click.
     */
    armClicks: () => {
      const { viewer, identify } = target();
      const canvas = viewer.scene.canvas;
      if (window.yz) {
        let pending = null;
        canvas.addEventListener('pointerup', (event) => (pending = event.timeStamp), { capture: true });
        window.addEventListener('yz:pick', (event) => {
          if (pending === null) return;
          const at = pending;
          pending = null;
          clicks.push({ code: event.detail?.code ?? null, ms: performance.now() - at, at, method: event.detail?.method ?? null });
        });
        return;
      }
      canvas.addEventListener(
        'pointerup',
        (event) => {
          const rect = canvas.getBoundingClientRect();
          const code = identify(viewer.scene.pick({ x: event.clientX - rect.left, y: event.clientY - rect.top }));
          clicks.push({ code: code ?? null, ms: performance.now() - event.timeStamp, at: event.timeStamp });
        },
        { capture: true },
      );
    },
    clicks: () => clicks.slice(),

    /**
     * Returns once the GPU has drawn everything submitted: a 1-pixel readPixels waits for
     * it. Cesium submits a frame in milliseconds, but a software GPU draws it for a second
     * or more, and a pick (a readback too) would wait behind that queue.
     */
    gpuIdle: () => {
      const gl = target().viewer.scene.canvas.getContext('webgl2') ?? target().viewer.scene.canvas.getContext('webgl');
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    },

    /** Buildings drawn now: features in the selected tiles of our buildings tileset, or the naive page's entities. */
    buildingsDrawn: () => {
      if (window.naive) return window.naive.viewer.dataSources.length ? window.naive.viewer.dataSources.get(0).entities.values.length : 0;
      const primitives = window.yz.viewer.scene.primitives;
      for (let i = 0; i < primitives.length; i++) {
        const p = primitives.get(i);
        // Cesium3DTileset.statistics is what Cesium's own inspector reads.
        if (p && typeof p.resource?.url === 'string' && p.resource.url.includes('/tiles/buildings/')) return p.statistics?.numberOfFeaturesSelected ?? null;
      }
      return null;
    },

    /** Milliseconds from timed click number `index` until `selector` matches (MutationObserver, no polling); null on timeout. */
    timeUntilAfterClick: (selector, index, timeoutMs) =>
      new Promise((resolve) => {
        let timer;
        const check = () => {
          if (clicks.length <= index || !document.querySelector(selector)) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - clicks[index].at);
        };
        const observer = new MutationObserver(check);
        timer = setTimeout(() => {
          observer.disconnect();
          resolve(null);
        }, timeoutMs);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        check();
      }),

    memory: () => {
      const { viewer } = target();
      return {
        jsHeapBytes: performance.memory?.usedJSHeapSize ?? null,
        webgl: window.__webglBytes?.() ?? null,
        tilesetBytes: tilesetBytes(viewer),
      };
    },
  };
})();
