/**
 * A close-up of the selected building drawn with three.js: its footprint extruded
 * storey by storey (a slab per floor, so floors can be counted), in its grade's
 * colour, orbitable, with the hazard items pinned at their floor where the data
 * names one (see hazard-pins.ts). Renders only when the view changes.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AmbientLight,
  BoxGeometry,
  CanvasTexture,
  Color,
  DirectionalLight,
  EdgesGeometry,
  ExtrudeGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshLambertMaterial,
  PerspectiveCamera,
  Scene,
  Shape,
  SphereGeometry,
  Sprite,
  SpriteMaterial,
  Vector2,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { DEFAULT_STOREY_HEIGHT_M } from '../../core/building.ts';
import type { HazardPin } from './hazard-pins.ts';

export interface BuildingCloseUpProps {
  /** Outer ring, lon/lat; null draws a plain box of the building's height. */
  footprint: Array<[number, number]> | null;
  floors: number;
  height: number;
  colour: string;
  pins: HazardPin[];
  vocabulary(hazard: string): string;
}

const WIDTH = 320;
const HEIGHT = 240;

/** Lon/lat ring → metres east/north of its first point (small extents: flat earth is exact enough). */
function toLocalMetres(ring: Array<[number, number]>): Vector2[] {
  const [lon0, lat0] = ring[0]!;
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const points = ring.map(([lon, lat]) => new Vector2((lon - lon0) * kx, (lat - lat0) * 110_540));
  const cx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const cy = points.reduce((s, p) => s + p.y, 0) / points.length;
  return points.map((p) => new Vector2(p.x - cx, p.y - cy));
}

function pinLabel(text: string): Sprite {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#d7263d';
  g.beginPath();
  g.arc(32, 32, 28, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#fff';
  g.font = 'bold 34px sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(text, 32, 34);
  const sprite = new Sprite(new SpriteMaterial({ map: new CanvasTexture(canvas), depthTest: false }));
  sprite.renderOrder = 10;
  return sprite;
}

export function BuildingCloseUp({ footprint, floors, height, colour, pins, vocabulary }: BuildingCloseUpProps) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    let renderer: WebGLRenderer;
    try {
      renderer = new WebGLRenderer({ canvas: el, antialias: true, alpha: true });
    } catch (error) {
      console.warn('近景无法绘制 / close-up not drawn (no WebGL)', error);
      return;
    }
    renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    renderer.setSize(WIDTH, HEIGHT, false);
    const scene = new Scene();
    scene.add(new AmbientLight(0xffffff, 1.4));
    const sun = new DirectionalLight(0xffffff, 2.2);
    sun.position.set(-60, 120, 80);
    scene.add(sun);

    const ring = footprint && footprint.length >= 4 ? toLocalMetres(footprint) : null;
    const shape = ring
      ? new Shape(ring)
      : new Shape([new Vector2(-8, -6), new Vector2(8, -6), new Vector2(8, 6), new Vector2(-8, 6)]);
    const storeys = Math.max(1, floors);
    const storey = height > 0 ? height / storeys : DEFAULT_STOREY_HEIGHT_M;
    // Extrude along +z, then turn the group so z is up (three's y).
    const building = new Group();
    building.rotation.x = -Math.PI / 2;
    const slab = new ExtrudeGeometry(shape, { depth: storey * 0.9, bevelEnabled: false });
    const edges = new EdgesGeometry(slab);
    const material = new MeshLambertMaterial({ color: new Color(colour) });
    const lineMaterial = new LineBasicMaterial({ color: 0x1f2937 });
    for (let i = 0; i < storeys; i++) {
      const mesh = new Mesh(slab, material);
      mesh.position.z = i * storey;
      const lines = new LineSegments(edges, lineMaterial);
      lines.position.z = i * storey;
      building.add(mesh, lines);
    }
    scene.add(building);

    const ground = new Mesh(new BoxGeometry(400, 0.5, 400), new MeshLambertMaterial({ color: 0xcfd8dc }));
    ground.position.y = -0.3;
    scene.add(ground);

    // Pins on the outline's vertices, one vertex per pin, at the middle of their floor.
    const outline = shape.getPoints();
    const pinGeometry = new SphereGeometry(Math.max(0.8, storey * 0.25));
    const pinMaterial = new MeshLambertMaterial({ color: 0xd7263d });
    pins.forEach((pin, i) => {
      if (pin.floor === null) return;
      const v = outline[(i * 3) % outline.length] ?? new Vector2();
      const y = (pin.floor - 0.5) * storey;
      const ball = new Mesh(pinGeometry, pinMaterial);
      ball.position.set(v.x, y, -v.y);
      const label = pinLabel(String(i + 1));
      label.position.set(v.x, y + storey * 0.9, -v.y);
      const size = Math.max(3, Math.min(12, height / 8));
      label.scale.set(size, size, 1);
      scene.add(ball, label);
    });

    const radius = Math.max(height, ...outline.map((p) => p.length() * 2), 20);
    const camera = new PerspectiveCamera(40, WIDTH / HEIGHT, 0.5, radius * 20);
    camera.position.set(radius * 1.1, radius * 0.9, radius * 1.3);
    const controls = new OrbitControls(camera, el);
    controls.target.set(0, height / 2, 0);
    controls.maxPolarAngle = Math.PI / 2 - 0.05;
    const render = () => renderer.render(scene, camera);
    controls.addEventListener('change', render);
    controls.update();
    render();

    return () => {
      controls.dispose();
      scene.traverse((o) => {
        if (o instanceof Mesh || o instanceof LineSegments) o.geometry.dispose();
        if (o instanceof Sprite) o.material.map?.dispose();
      });
      renderer.dispose();
    };
  }, [footprint, floors, height, colour, pins]);

  return (
    <figure className="close-up">
      <canvas ref={canvas} width={WIDTH} height={HEIGHT} aria-label={t('panel.closeUp')} />
      <figcaption>{t('panel.closeUpHint')}</figcaption>
      {pins.length > 0 && (
        <ol className="close-up-pins">
          {pins.map((pin) => (
            <li key={pin.hazard}>
              {vocabulary(pin.hazard)} · {pin.floor === null ? t('panel.pinNoFloor') : t('panel.pinFloor', { floor: pin.floor })}
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
