/**
 * A tool's marks on the map (points, lines, labels, surfaces) live in their own Cesium
 * data source, replaced whole when the tool's inputs change and removed when it closes;
 * with request-render mode every change asks for a frame.
 */
import { CustomDataSource, type Viewer } from 'cesium';
import { useEffect, useState } from 'react';

export function useToolDataSource(viewer: Viewer, name: string): CustomDataSource | null {
  const [source, setSource] = useState<CustomDataSource | null>(null);
  useEffect(() => {
    const ds = new CustomDataSource(name);
    let removed = false;
    void viewer.dataSources.add(ds).then(() => {
      if (!removed) setSource(ds);
    });
    return () => {
      removed = true;
      if (!viewer.isDestroyed()) {
        viewer.dataSources.remove(ds, true);
        viewer.scene.requestRender();
      }
    };
  }, [viewer, name]);
  return source;
}

/** Replaces a data source's entities with `draw`'s, in one batch, and renders a frame. */
export function redraw(viewer: Viewer, source: CustomDataSource, draw: (add: CustomDataSource['entities']['add']) => void): void {
  const entities = source.entities;
  entities.suspendEvents();
  entities.removeAll();
  draw(entities.add.bind(entities));
  entities.resumeEvents();
  viewer.scene.requestRender();
}
