/**
 * Region coordinates onto a plain chart (no map tiles): the lon/lat box of the points, padded, and
 * widened in one direction so that a degree of longitude is drawn cos(latitude) as long as a degree
 * of latitude — the regions keep their true shape and bearing at any container size.
 */
/** Insets of the map's plotting area inside its box (legend and toolbox above; the e2e test clicks bubbles from these). */
export const MAP_GRID = { left: 10, right: 10, top: 40, bottom: 10 };

export interface Bounds {
  lon: [number, number];
  lat: [number, number];
}

export function fitBounds(points: readonly [number, number][], width: number, height: number, pad = 0.08): Bounds {
  if (points.length === 0) return { lon: [114, 118], lat: [27, 30] };
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  // At least about 10 km across, and a margin so bubbles at the edge stay whole.
  const range = (xs: number[]): [number, number] => {
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    const span = Math.max(hi - lo, 0.1);
    const mid = (lo + hi) / 2;
    return [mid - span * (0.5 + pad), mid + span * (0.5 + pad)];
  };
  let [lon0, lon1] = range(lons);
  let [lat0, lat1] = range(lats);
  const k = Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180);
  const want = Math.max(width, 1) / Math.max(height, 1);
  const have = ((lon1 - lon0) * k) / (lat1 - lat0);
  if (have < want) {
    const grow = ((lat1 - lat0) * want) / k - (lon1 - lon0);
    lon0 -= grow / 2;
    lon1 += grow / 2;
  } else {
    const grow = ((lon1 - lon0) * k) / want - (lat1 - lat0);
    lat0 -= grow / 2;
    lat1 += grow / 2;
  }
  return { lon: [lon0, lon1], lat: [lat0, lat1] };
}

export interface Disc {
  /** Where the disc belongs, in pixels. */
  x: number;
  y: number;
  r: number;
}

/**
 * Pushes overlapping discs apart (a Dorling cartogram): Nanchang's urban districts sit within a few
 * kilometres of each other and their bubbles would hide one another at city-to-province scale. Each
 * pair that overlaps is separated along the line between them, the smaller disc moving more; each
 * round first pulls every disc a little (less each round) back toward its seat. A disc that overlaps
 * nothing stays on its seat.
 */
export function spreadDiscs(discs: readonly Disc[], options: { gap?: number; rounds?: number } = {}) {
  const { gap = 2, rounds = 300 } = options;
  const pos = discs.map((d) => ({ x: d.x, y: d.y }));
  for (let round = 0; round < rounds; round++) {
    // The pull toward the seats fades, so the last rounds only separate.
    const pull = 0.05 * (1 - round / rounds);
    for (let i = 0; i < discs.length; i++) {
      const p = pos[i] as { x: number; y: number };
      const d = discs[i] as Disc;
      p.x += (d.x - p.x) * pull;
      p.y += (d.y - p.y) * pull;
    }
    let worst = 0;
    for (let i = 0; i < discs.length; i++) {
      for (let j = i + 1; j < discs.length; j++) {
        const a = pos[i] as { x: number; y: number };
        const b = pos[j] as { x: number; y: number };
        const ra = (discs[i] as Disc).r;
        const rb = (discs[j] as Disc).r;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let dist = Math.hypot(dx, dy);
        const overlap = ra + rb + gap - dist;
        if (overlap <= 0) continue;
        worst = Math.max(worst, overlap);
        if (dist < 1e-6) {
          // Same seat: part them along a direction fixed by their order, so the result is stable.
          const angle = j * 2.399963;
          [dx, dy, dist] = [Math.cos(angle), Math.sin(angle), 1];
        }
        const share = ra + rb > 0 ? rb / (ra + rb) : 0.5;
        a.x -= (dx / dist) * overlap * share;
        a.y -= (dy / dist) * overlap * share;
        b.x += (dx / dist) * overlap * (1 - share);
        b.y += (dy / dist) * overlap * (1 - share);
      }
    }
    if (worst < 0.5) break;
  }
  return pos;
}
