/**
 * OpenAPI 3.1 from the route table: the same zod schemas that validate requests and responses
 * (JSON Schema 2020-12 via z.toJSONSchema), so the document cannot drift from the code.
 */
import { z } from 'zod';
import { openApiPath, type AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const ProblemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
  },
};

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

export function openApiDocument(routes: readonly AnyRoute[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const problem = {
      description: 'problem',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${openApiPath(route.path).replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      'x-allow': route.allow,
      // Of the allowed roles, only admins and accounts covering the province (route.ts `provinceWide`).
      ...(route.provinceWide ? { 'x-province-wide': true } : {}),
      ...(route.audit ? { 'x-audited': route.audit.action } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } },
          }
        : {}),
      responses: {
        [String(route.status ?? 200)]: {
          description: 'success',
          content: { 'application/json': { schema: toSchema(route.response, 'output') } },
        },
        '400': problem,
        ...(route.allow === 'public' ? {} : { '401': problem, '403': problem }),
        default: problem,
      },
      ...(route.allow === 'public' ? { security: [] } : {}),
    };
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '全链 Quanlian API',
      version: '0.1.0',
      description:
        'Knowledge-graph analytics for cross-region counterfeit networks. Sign in with POST /api/auth/login; ' +
        'send the returned csrfToken as X-CSRF-Token on every POST and DELETE. Errors are application/problem+json.',
    },
    paths,
    components: {
      schemas: { Problem: ProblemSchema },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ql_session' } },
    },
    security: [{ session: [] }],
  };
}
