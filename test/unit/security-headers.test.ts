import type { RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { helmetMiddleware, hoistHeaders, securityHeaders } from '../../server/http/security-headers.ts';

/** Runs a header middleware on a response that keeps its headers, as Node's does (names folded). */
function headersOf(middleware: RequestHandler, start: Record<string, string> = {}): Record<string, unknown> {
  const headers = new Map<string, unknown>(Object.entries(start).map(([k, v]) => [k.toLowerCase(), v]));
  const res = {
    setHeader: (name: string, value: unknown) => void headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  let nexted = false;
  void middleware({ method: 'GET', url: '/api/x', headers: {} } as never, res as never, () => (nexted = true));
  expect(nexted).toBe(true);
  return Object.fromEntries(headers);
}

describe('security headers', () => {
  it('sets exactly the headers helmet sets on every response, and removes what it removes', () => {
    const start = { 'X-Powered-By': 'Express' };
    const hoisted = headersOf(securityHeaders(), start);
    expect(hoisted).toEqual(headersOf(helmetMiddleware(), start));
    expect(hoisted['x-powered-by']).toBeUndefined();
    expect(hoisted['content-security-policy']).toMatch(/worker-src 'self' blob:/);
    expect(hoisted['x-content-type-options']).toBe('nosniff');
    expect(hoisted['strict-transport-security']).toBeUndefined();
  });

  it('refuses a middleware whose headers depend on the request, or that does not finish at once', () => {
    const byRequest: RequestHandler = (req, res, next) => {
      res.setHeader('X-Path', req.path);
      next();
    };
    expect(() => hoistHeaders(byRequest)).toThrow(/reads req\.path/);
    const later: RequestHandler = (_req, res, next) => {
      res.setHeader('X-A', '1');
      setTimeout(next, 0);
    };
    expect(() => hoistHeaders(later)).toThrow(/did not call next/);
  });
});
