/** What every output format (CSV, XLSX) offers the file set. */
export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface TableWriter {
  write(cells: readonly string[]): void;
  close(): Promise<WrittenFile>;
}
