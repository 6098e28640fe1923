/** Requests and bytes served for one pathname, with the decoded query strings in arrival order. */
export interface PathStats {
  readonly requests: number;
  readonly bytes: number;
  readonly queries: readonly string[];
}

/** What `sim.stats()` answers. */
export interface SimStats {
  readonly requests: number;
  readonly bytes: number;
  readonly byPath: Readonly<Record<string, PathStats>>;
}

interface MutablePath {
  requests: number;
  bytes: number;
  queries: string[];
}

/** Counts every request (failed ones too) and the body bytes written for it. */
export class StatsRecorder {
  private requests = 0;
  private bytes = 0;
  private byPath = new Map<string, MutablePath>();

  /** Records a request; answers a function that adds the bytes written for it. */
  record(pathname: string, query: string): (bytes: number) => void {
    this.requests++;
    let entry = this.byPath.get(pathname);
    if (!entry) {
      entry = { requests: 0, bytes: 0, queries: [] };
      this.byPath.set(pathname, entry);
    }
    entry.requests++;
    entry.queries.push(query);
    const target = entry;
    return (bytes) => {
      target.bytes += bytes;
      this.bytes += bytes;
    };
  }

  /** A snapshot (copies, so later requests do not change it). */
  snapshot(): SimStats {
    const byPath: Record<string, PathStats> = {};
    for (const [path, e] of this.byPath) byPath[path] = { requests: e.requests, bytes: e.bytes, queries: [...e.queries] };
    return { requests: this.requests, bytes: this.bytes, byPath };
  }

  reset(): void {
    this.requests = 0;
    this.bytes = 0;
    this.byPath = new Map();
  }
}
