import type { IisRejection } from './iis-limits.ts';

/** Requests refused by IIS's request limits (iis-limits.ts), counted in `requests` too. */
export interface RejectionCounts {
  /** 404.15: the query string was longer than `maxQueryString`. */
  readonly queryStringTooLong: number;
  /** 404.14: the URL path was longer than `maxUrlLength`. */
  readonly urlTooLong: number;
}

/** Requests and bytes served for one pathname, with the decoded query strings in arrival order. */
export interface PathStats extends RejectionCounts {
  readonly requests: number;
  readonly bytes: number;
  readonly queries: readonly string[];
  /** Requests by HTTP method (`GET`, `POST`, `PATCH`, `DELETE`...). */
  readonly methods: Readonly<Record<string, number>>;
}

/** What `sim.stats()` answers. */
export interface SimStats extends RejectionCounts {
  readonly requests: number;
  readonly bytes: number;
  readonly byPath: Readonly<Record<string, PathStats>>;
}

interface MutablePath {
  requests: number;
  bytes: number;
  queries: string[];
  methods: Record<string, number>;
  queryStringTooLong: number;
  urlTooLong: number;
}

/** Counts every request (failed ones too) and the body bytes written for it. */
export class StatsRecorder {
  private requests = 0;
  private bytes = 0;
  private rejected = { queryStringTooLong: 0, urlTooLong: 0 };
  private byPath = new Map<string, MutablePath>();

  /** Records a request (and the IIS limit it broke, if any); answers a function that adds the bytes written for it. */
  record(pathname: string, query: string, rejection?: IisRejection, method = 'GET'): (bytes: number) => void {
    this.requests++;
    let entry = this.byPath.get(pathname);
    if (!entry) {
      entry = { requests: 0, bytes: 0, queries: [], methods: {}, queryStringTooLong: 0, urlTooLong: 0 };
      this.byPath.set(pathname, entry);
    }
    entry.requests++;
    entry.queries.push(query);
    entry.methods[method] = (entry.methods[method] ?? 0) + 1;
    if (rejection) {
      entry[rejection]++;
      this.rejected[rejection]++;
    }
    const target = entry;
    return (bytes) => {
      target.bytes += bytes;
      this.bytes += bytes;
    };
  }

  /** A snapshot (copies, so later requests do not change it). */
  snapshot(): SimStats {
    const byPath: Record<string, PathStats> = {};
    for (const [path, e] of this.byPath) byPath[path] = { ...e, queries: [...e.queries], methods: { ...e.methods } };
    return { requests: this.requests, bytes: this.bytes, ...this.rejected, byPath };
  }

  reset(): void {
    this.requests = 0;
    this.bytes = 0;
    this.rejected = { queryStringTooLong: 0, urlTooLong: 0 };
    this.byPath = new Map();
  }
}
