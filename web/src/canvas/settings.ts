/**
 * Sigma settings shared by the workbench canvas and `npm run bench:web`, so the benchmark measures
 * the renderer the app really uses: one node program per shape (style.ts), straight edges with
 * arrow heads for directed types, Chinese-capable label fonts, and label density tuned for large
 * graphs (labels only above a zoom-dependent size, edge labels off).
 */
import type { Settings } from 'sigma/settings';
import { EdgeArrowProgram, EdgeRectangleProgram, NodeCircleProgram } from 'sigma/rendering';
import { NodeSquareProgram } from '@sigma/node-square';
import { createNodeBorderProgram } from '@sigma/node-border';

const NodeRingProgram = createNodeBorderProgram({
  borders: [
    { size: { value: 0.35 }, color: { attribute: 'color' } },
    { size: { fill: true }, color: { value: '#ffffff' } },
  ],
});

export const LABEL_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/**
 * Above this many edges the canvas hides edges while the camera moves: on software WebGL (no GPU,
 * bench:web) a 60k-edge frame costs ~2 s with edges and ~0.6 s without; labels cost little.
 */
export const LARGE_GRAPH_EDGES = 5_000;

export function sigmaSettings(edges = 0): Partial<Settings> {
  return {
    nodeProgramClasses: { circle: NodeCircleProgram, square: NodeSquareProgram, ring: NodeRingProgram },
    edgeProgramClasses: { arrow: EdgeArrowProgram, line: EdgeRectangleProgram },
    defaultNodeType: 'circle',
    defaultEdgeType: 'line',
    labelFont: LABEL_FONT,
    labelSize: 12,
    labelWeight: '500',
    labelDensity: 0.6,
    labelGridCellSize: 80,
    labelRenderedSizeThreshold: 7,
    renderEdgeLabels: false,
    enableEdgeEvents: false,
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 20,
    hideEdgesOnMove: edges > LARGE_GRAPH_EDGES,
  };
}
