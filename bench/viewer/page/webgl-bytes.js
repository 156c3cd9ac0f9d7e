/**
 * Init script (runs before any page script): counts the bytes the page hands to WebGL,
 * so both viewers' GPU memory is measured the same way, whatever Cesium reports.
 * `window.__webglBytes()` → { buffers, textures }: live bytes (deleted objects are
 * subtracted). Buffers are exact (bufferData sizes). Textures are estimated: level
 * size × 4 bytes per texel (RGBA8) for texImage2D/texStorage2D (all levels of a
 * storage), the data length for compressed uploads; renderbuffers are not counted.
 */
(() => {
  const bufferSize = new Map();
  const textureLevels = new Map();
  const boundBuffer = new Map();
  const boundTexture = new Map();
  let buffers = 0;
  let textures = 0;
  const textureBytes = (tex) => [...(textureLevels.get(tex)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const setLevel = (target, level, bytes) => {
    const tex = boundTexture.get(target === 0x8513 || (target >= 0x8515 && target <= 0x851a) ? 0x8513 : target);
    if (!tex) return;
    const levels = textureLevels.get(tex) ?? new Map();
    const key = `${target}:${level}`;
    textures += bytes - (levels.get(key) ?? 0);
    levels.set(key, bytes);
    textureLevels.set(tex, levels);
  };
  const wrap = (proto) => {
    if (!proto) return;
    const { bindBuffer, bufferData, deleteBuffer, bindTexture, texImage2D, texStorage2D, compressedTexImage2D, deleteTexture } = proto;
    proto.bindBuffer = function (target, buffer) {
      boundBuffer.set(target, buffer);
      return bindBuffer.call(this, target, buffer);
    };
    proto.bufferData = function (target, data, ...rest) {
      const buffer = boundBuffer.get(target);
      if (buffer) {
        const size = typeof data === 'number' ? data : (data?.byteLength ?? 0);
        buffers += size - (bufferSize.get(buffer) ?? 0);
        bufferSize.set(buffer, size);
      }
      return bufferData.call(this, target, data, ...rest);
    };
    proto.deleteBuffer = function (buffer) {
      buffers -= bufferSize.get(buffer) ?? 0;
      bufferSize.delete(buffer);
      return deleteBuffer.call(this, buffer);
    };
    proto.bindTexture = function (target, texture) {
      boundTexture.set(target, texture);
      return bindTexture.call(this, target, texture);
    };
    proto.texImage2D = function (target, level, ...args) {
      // (target, level, internalformat, width, height, border, format, type, pixels…) or (…, format, type, source)
      const width = args.length >= 6 ? args[1] : (args[3]?.width ?? args[3]?.videoWidth ?? 0);
      const height = args.length >= 6 ? args[2] : (args[3]?.height ?? args[3]?.videoHeight ?? 0);
      setLevel(target, level, width * height * 4);
      return texImage2D.call(this, target, level, ...args);
    };
    if (texStorage2D) {
      proto.texStorage2D = function (target, levels, internalformat, width, height) {
        for (let l = 0; l < levels; l++) setLevel(target, l, Math.max(1, width >> l) * Math.max(1, height >> l) * 4);
        return texStorage2D.call(this, target, levels, internalformat, width, height);
      };
    }
    proto.compressedTexImage2D = function (target, level, internalformat, width, height, border, data, ...rest) {
      setLevel(target, level, data?.byteLength ?? 0);
      return compressedTexImage2D.call(this, target, level, internalformat, width, height, border, data, ...rest);
    };
    proto.deleteTexture = function (texture) {
      textures -= textureBytes(texture);
      textureLevels.delete(texture);
      return deleteTexture.call(this, texture);
    };
  };
  wrap(window.WebGLRenderingContext?.prototype);
  wrap(window.WebGL2RenderingContext?.prototype);
  window.__webglBytes = () => ({ buffers, textures });
})();
