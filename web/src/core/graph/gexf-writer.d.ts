// graphology-gexf's writer alone: its browser entry also builds a DOMParser on import, which the
// unit tests (Node) do not have; the writer needs none.
declare module 'graphology-gexf/common/writer.js' {
  import type Graph from 'graphology';
  export default function write(graph: Graph, options?: { version?: '1.2' | '1.3'; pretty?: boolean }): string;
}
