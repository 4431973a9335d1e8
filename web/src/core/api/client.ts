/**
 * The one place the web app talks HTTP: same-origin JSON requests with the session cookie, the CSRF
 * token on writes, and problem+json answers turned into `ApiError`s whose message a user can read.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem's stable `type` (a URL ending in the error's name), or '' for network failures. */
    readonly type: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problem type's last segment, e.g. 'not-found', 'forbidden', 'validation'. */
  get kind(): string {
    return this.type.split('/').pop() ?? '';
  }
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined | null>;

let csrfToken: string | null = null;
/** Called on sign-in and by /api/auth/me; writes send it as X-CSRF-Token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Listeners told when the server says the session is gone (401), so the app returns to sign-in. */
const unauthenticated = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticated.add(listener);
  return () => unauthenticated.delete(listener);
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A multipart form (an upload) as POST, with the CSRF token; the browser sets its boundary. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  return request<T>('POST', path, {}, form);
}

export async function api<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  return request<T>(method, path, options, options.body === undefined ? undefined : JSON.stringify(options.body));
}

async function request<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { query?: Query; signal?: AbortSignal },
  body: string | FormData | undefined,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (typeof body === 'string') headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path + queryString(options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body,
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, '', 'network');
  }
  const text = await response.text();
  const answer: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const problem = (answer ?? {}) as { type?: string; title?: string; detail?: string };
    if (response.status === 401 && path !== '/api/auth/login') for (const listener of unauthenticated) listener();
    throw new ApiError(response.status, problem.type ?? '', problem.title ?? response.statusText, problem.detail);
  }
  return answer as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
