/**
 * Pan and zoom a snapshot while the camera moves, redraw when it rests — Cytoscape's
 * `textureOnViewport` for sigma. On a machine without a GPU (many district office PCs; headless
 * Chromium's SwiftShader) one sigma frame of a 20k-node / 60k-edge graph takes 0.6–2 s, so redrawing
 * on every camera step makes panning unusable. Here, above `minNodes`, a camera move only applies a
 * CSS transform to the last drawn layers (computed from the old and new camera through sigma's own
 * coordinate conversion); once the camera has been still for `settleMs`, sigma draws a real frame.
 * The mouse layer is never transformed, so pointer coordinates stay exact.
 */
import type Sigma from 'sigma';
import type { CameraState } from 'sigma/types';

export const VIEWPORT_TEXTURE_DEFAULTS = { minNodes: 3_000, settleMs: 300, edgesHiddenAbove: 5_000 };

export function enableViewportTexture(
  sigma: Sigma,
  options: Partial<typeof VIEWPORT_TEXTURE_DEFAULTS> = {},
): () => void {
  const { minNodes, settleMs, edgesHiddenAbove } = { ...VIEWPORT_TEXTURE_DEFAULTS, ...options };
  const camera = sigma.getCamera();
  const original = sigma.scheduleRender.bind(sigma);
  let drawn: CameraState | null = null;
  let settle: ReturnType<typeof setTimeout> | null = null;
  let transformed = false;

  // Only the layers that hold the picture move; the rest are hidden meanwhile, as sigma's own
  // hideLabelsOnMove / hideEdgesOnMove do: without a GPU every full-size layer costs compositing time
  // (bench:web, 60k edges: nodes + edges + labels 22 fps, nodes + edges 28, nodes alone more).
  const movingLayers = () =>
    sigma.getGraph().size > edgesHiddenAbove ? new Set(['nodes']) : new Set(['edges', 'nodes']);
  const layers = () => Object.entries(sigma.getCanvases()).filter(([id]) => id !== 'mouse');

  const clear = () => {
    if (!transformed) return;
    for (const [, canvas] of layers()) {
      canvas.style.transform = '';
      canvas.style.visibility = '';
    }
    transformed = false;
  };

  const onAfterRender = () => {
    drawn = camera.getState();
    clear();
  };
  sigma.on('afterRender', onAfterRender);

  const sameView = (a: CameraState, b: CameraState) =>
    a.x === b.x && a.y === b.y && a.ratio === b.ratio && a.angle === b.angle;

  /** The CSS transform that takes the frame drawn at `from` to where the camera `to` would put it. */
  const transformFor = (from: CameraState, to: CameraState): string | null => {
    if (from.angle !== to.angle) return null;
    const a = { x: 0, y: 0 };
    const b = { x: 1, y: 1 };
    const a0 = sigma.framedGraphToViewport(a, { cameraState: from });
    const b0 = sigma.framedGraphToViewport(b, { cameraState: from });
    const a1 = sigma.framedGraphToViewport(a, { cameraState: to });
    const b1 = sigma.framedGraphToViewport(b, { cameraState: to });
    const d0 = Math.hypot(b0.x - a0.x, b0.y - a0.y);
    if (d0 === 0) return null;
    const s = Math.hypot(b1.x - a1.x, b1.y - a1.y) / d0;
    return `matrix(${s}, 0, 0, ${s}, ${a1.x - s * a0.x}, ${a1.y - s * a0.y})`;
  };

  sigma.scheduleRender = () => {
    const now = camera.getState();
    const moving = drawn !== null && !sameView(drawn, now);
    if (!moving || sigma.getGraph().order < minNodes) return original();
    const transform = drawn ? transformFor(drawn, now) : null;
    if (transform === null) return original();
    const shown = movingLayers();
    for (const [id, canvas] of layers()) {
      if (shown.has(id)) {
        canvas.style.transformOrigin = '0 0';
        canvas.style.transform = transform;
      } else canvas.style.visibility = 'hidden';
    }
    transformed = true;
    if (settle) clearTimeout(settle);
    const rest = () => {
      // A camera animation (a wheel zoom, a fit) is still running: it is not at rest yet.
      settle = camera.isAnimated() ? setTimeout(rest, settleMs) : null;
      if (!settle) original();
    };
    settle = setTimeout(rest, settleMs);
    return sigma;
  };

  return () => {
    if (settle) clearTimeout(settle);
    sigma.off('afterRender', onAfterRender);
    sigma.scheduleRender = original;
    clear();
  };
}
