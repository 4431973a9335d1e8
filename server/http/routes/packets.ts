/**
 * Case packets over HTTP: export one (a chain or a saved investigation you may see, for a receiving
 * region, with a purpose and a redaction level) — it is kept for that region, whose users (partners
 * too) list and open it — check one before importing it, and import it. Exports, reads and imports are
 * audited; an import must be addressed to a region in the caller's scope.
 */
import { z } from 'zod';
import { depthExceeds } from '../../json.ts';
import { htmlToPdf } from '../../browser.ts';
import { getScopedCommunity } from '../../detect/scoped.ts';
import { ForbiddenError } from '../../errors.ts';
import { briefHtml } from '../../packets/brief.ts';
import { buildPacket } from '../../packets/export.ts';
import { PACKET_MAX_BYTES, PacketSchema, RedactionSchema } from '../../packets/format.ts';
import { importPacket } from '../../packets/import.ts';
import { keepPacket, openPacket, packetInbox } from '../../packets/inbox.ts';
import { PacketListItemSchema } from '../../packets/queries.ts';
import { packetSummary } from '../../packets/summary.ts';
import { loadSigningKey, loadTrustList, verifyPacket } from '../../packets/signing.ts';
import { defineRoute, RawResponse, type AnyRoute } from '../route.ts';

const EXPORTERS = ['admin', 'analyst', 'investigator'] as const;
const IMPORTERS = ['admin', 'analyst'] as const;
/** Who reads the packets addressed to their region: the roles that explore, and partners. */
const READERS = ['admin', 'analyst', 'investigator', 'partner'] as const;

const ExportBodySchema = z
  .strictObject({
    community: z
      .string()
      .regex(/^[\w.:-]{1,100}$/)
      .optional(),
    investigation: z.uuid().optional(),
    to: z.string().regex(/^\d{6}$/),
    redaction: RedactionSchema.default('strict'),
    purpose: z.string().trim().min(4).max(500),
  })
  .refine(
    (b) => (b.community === undefined) !== (b.investigation === undefined),
    'give exactly one of community and investigation',
  );

/** Deeper than any packet nests (entities → properties → a list is 4): a body past it is not a packet. */
const PACKET_MAX_DEPTH = 16;
const PacketBodyInput = z
  .record(z.string(), z.unknown())
  .refine((body) => !depthExceeds(body, PACKET_MAX_DEPTH), `a packet nests at most ${PACKET_MAX_DEPTH} levels deep`)
  .describe('a packet as exported (JSON)');

const VerifiedSchema = z.object({
  id: z.string(),
  signer: z.object({ keyId: z.string(), region: z.string(), name: z.string(), own: z.boolean() }),
  issuer: z.object({ region: z.string(), name: z.string() }),
  to: z.object({ region: z.string(), name: z.string() }),
  purpose: z.string(),
  redaction: RedactionSchema,
  subject: z.object({ kind: z.string(), id: z.string(), title: z.string() }),
  entities: z.number().int(),
  relationships: z.number().int(),
  summary: z.string(),
});

/** What the web app reads (type-only imports there). */
export type PacketCheck = z.infer<typeof VerifiedSchema>;

const ImportReportSchema = z.object({
  packetId: z.string(),
  batchId: z.string(),
  issuer: z.object({ region: z.string(), name: z.string() }),
  status: z.enum(['imported', 'already-imported']),
  entities: z.object({
    total: z.number().int(),
    created: z.number().int(),
    matched: z.number().int(),
    withheld: z.number().int(),
  }),
  relationships: z.number().int(),
});

export function packetRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/communities/:id/brief',
      summary:
        'A printable brief of a chain for a joint meeting (HTML, or PDF rendered by Chromium), within your scope',
      tag: 'packets',
      allow: EXPORTERS,
      params: z.object({ id: z.string().regex(/^[\w.:-]{1,100}$/, 'not a community id') }),
      query: z.strictObject({ format: z.enum(['html', 'pdf']).default('html') }),
      response: z.unknown(),
      audit: { action: 'brief.read', detail: ({ query }) => ({ format: query.format }) },
      async handler({ params, query, user, scope, deps }) {
        const community = await getScopedCommunity(deps.db, scope, params.id);
        const html = briefHtml(community, {
          region: deps.config.QUANLIAN_REGION,
          by: user.displayName || user.username,
        });
        const pdf = query.format === 'pdf' ? await htmlToPdf(html) : null;
        return new RawResponse((res) => {
          const name = `brief-${community.number}-${community.run.id}`;
          if (pdf) {
            res.type('application/pdf');
            res.attachment(`${name}.pdf`);
            res.send(pdf);
          } else {
            res.type('text/html; charset=utf-8');
            // The brief is a static page: no script may run in it.
            res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
            res.send(html);
          }
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/packets',
      summary: 'Export a signed case packet of a chain or a saved investigation (what your scope sees)',
      tag: 'packets',
      allow: EXPORTERS,
      body: ExportBodySchema,
      response: PacketSchema,
      audit: {
        action: 'packet.export',
        target: ({ body }) => body.community ?? body.investigation ?? null,
        detail: ({ body }) => ({ to: body.to, redaction: body.redaction, purpose: body.purpose }),
      },
      async handler({ body, user, scope, deps }) {
        const subject = body.community
          ? { kind: 'community' as const, id: body.community }
          : { kind: 'investigation' as const, id: body.investigation ?? '' };
        const packet = await buildPacket(
          deps.db,
          { username: user.username, scope, region: deps.config.QUANLIAN_REGION },
          { subject, to: body.to, purpose: body.purpose, redaction: body.redaction },
          loadSigningKey(deps.config),
        );
        await keepPacket(deps.db, packet, user.username);
        return packet;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/packets',
      summary: 'Packets addressed to a region of your scope, newest first (partners see these and nothing else)',
      tag: 'packets',
      allow: READERS,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(100) }),
      response: z.object({ items: z.array(PacketListItemSchema) }),
      async handler({ query, scope, deps }) {
        return { items: await packetInbox(deps.db, scope, query.limit) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/packets/:id',
      summary: 'One packet addressed to your scope, as signed (opening it is audited)',
      tag: 'packets',
      allow: READERS,
      params: z.object({ id: z.uuid('not a packet id') }),
      response: PacketSchema,
      audit: { action: 'packet.read' },
      async handler({ params, scope, deps }) {
        return openPacket(deps.db, scope, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/packets/verify',
      summary: 'Check a packet (signature against the trust list, schema) and summarise it, without importing',
      tag: 'packets',
      allow: EXPORTERS,
      body: PacketBodyInput,
      bodyLimit: PACKET_MAX_BYTES,
      response: VerifiedSchema,
      async handler({ body, deps }) {
        const { packet, signer } = verifyPacket(
          JSON.stringify(body),
          loadTrustList(deps.config),
          loadSigningKey(deps.config),
        );
        return {
          id: packet.id,
          signer,
          issuer: { region: packet.issuer.region, name: packet.issuer.name },
          to: packet.to,
          purpose: packet.purpose,
          redaction: packet.redaction,
          subject: packet.subject,
          entities: packet.entities.length,
          relationships: packet.relationships.length,
          summary: packetSummary(packet, signer),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/packets/import',
      summary:
        'Import a verified packet from a partner instance, addressed to your region: merged by key, local facts untouched, other regions’ records left closed',
      tag: 'packets',
      allow: IMPORTERS,
      body: PacketBodyInput,
      bodyLimit: PACKET_MAX_BYTES,
      response: ImportReportSchema,
      audit: { action: 'packet.import', target: ({ body }) => (typeof body.id === 'string' ? body.id : null) },
      async handler({ body, user, scope, deps }) {
        const verified = verifyPacket(JSON.stringify(body), loadTrustList(deps.config), loadSigningKey(deps.config));
        const to = verified.packet.to.region;
        if (!scope.codes.includes(to))
          throw new ForbiddenError(
            `this packet is addressed to ${verified.packet.to.name} (${to}), outside your region scope`,
          );
        return importPacket(deps.db, verified, {
          importedBy: user.username,
          region: to,
          hmacKey: deps.secrets.hmacKey,
        });
      },
    }),
  ];
}
