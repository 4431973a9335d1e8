/**
 * `quanlian packet …`: case packets for joint meetings.
 *   export --community ID | --investigation ID --to REGION --redaction strict|standard --purpose TEXT [--out FILE]
 *   verify FILE           signature against the trust list, schema, a readable summary
 *   import FILE           verify, then merge into the local graph (audited)
 *   key                   this instance's public key, to hand to partners
 *   trust add FILE --region CODE --name NAME   trust a partner's public key
 *   brief --community ID --out FILE.html|.pdf   a printable brief of a chain
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { AuditLog } from '../../audit/log.ts';
import { htmlToPdf } from '../../browser.ts';
import { getScopedCommunity } from '../../detect/scoped.ts';
import { briefHtml } from '../../packets/brief.ts';
import { expandScope } from '../../auth/scope.ts';
import { loadConfig } from '../../config.ts';
import { regionByCode } from '../../domain/regions.ts';
import { ValidationError } from '../../errors.ts';
import { buildPacket } from '../../packets/export.ts';
import { PACKET_MAX_BYTES, RedactionSchema } from '../../packets/format.ts';
import { importPacket } from '../../packets/import.ts';
import { instanceKeys } from '../../keycheck.ts';
import { packetSummary } from '../../packets/summary.ts';
import { loadSigningKey, loadTrustList, trustKey, verifyPacket } from '../../packets/signing.ts';
import { action, printJson, type JsonOption } from '../action.ts';
import { note, withDb } from '../context.ts';

const operator = () => `cli:${os.userInfo().username}`;

function readPacketFile(file: string): string {
  const size = fs.statSync(file).size;
  if (size > PACKET_MAX_BYTES)
    throw new ValidationError(`${file}: ${size} bytes, more than a packet may be (${PACKET_MAX_BYTES})`);
  return fs.readFileSync(file, 'utf8');
}

export function register(program: Command): void {
  const packet = program.command('packet').description('signed case packets for cross-region joint meetings');

  packet
    .command('export')
    .description('write a signed packet of a detected chain or a saved investigation')
    .option('--community <id>', 'a detected community (chain)')
    .option('--investigation <id>', 'a saved investigation (with --as its owner or a colleague it is shared with)')
    .option('--as <username>', 'whose saved investigation', 'cli')
    .requiredOption('--to <region>', 'the receiving region code, e.g. 361100')
    .option('--redaction <level>', 'strict (no clear personal data) or standard', 'strict')
    .requiredOption('--purpose <text>', 'why it is shared, e.g. the joint meeting and case')
    .option('--scope <codes>', 'region scope of the export (default QUANLIAN_REGION)')
    .option('--out <file>', 'where to write it (default packet-<id>.json)')
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(
        async (o: {
          community?: string;
          investigation?: string;
          as: string;
          to: string;
          redaction: string;
          purpose: string;
          scope?: string;
          out?: string;
          json?: boolean;
        }) => {
          if (!o.community === !o.investigation)
            throw new ValidationError('give exactly one of --community and --investigation');
          const redaction = RedactionSchema.safeParse(o.redaction);
          if (!redaction.success) throw new ValidationError(`--redaction: strict or standard, not ${o.redaction}`);
          const config = loadConfig();
          const key = loadSigningKey(config);
          const scope = expandScope((o.scope ?? config.QUANLIAN_REGION).split(','));
          const subject = o.community
            ? { kind: 'community' as const, id: o.community }
            : { kind: 'investigation' as const, id: o.investigation ?? '' };
          const built = await withDb((db) =>
            buildPacket(
              db,
              { username: o.as, scope, region: config.QUANLIAN_REGION },
              { subject, to: o.to, purpose: o.purpose, redaction: redaction.data },
              key,
            ),
          );
          const out = o.out ?? `packet-${built.id}.json`;
          fs.writeFileSync(out, JSON.stringify(built, null, 2) + '\n');
          if (o.json)
            printJson({ file: out, id: built.id, entities: built.entities.length, redaction: built.redaction });
          else
            note(
              `packet ${built.id} written to ${out}\n${packetSummary(built, { name: built.issuer.name, own: true })}`,
            );
        },
      ),
    );

  packet
    .command('verify <file>')
    .description('check a packet: signature against the trust list, schema; prints a summary')
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(async (file: string, o: JsonOption) => {
        const config = loadConfig();
        const verified = verifyPacket(readPacketFile(file), loadTrustList(config), loadSigningKey(config), file);
        if (o.json)
          printJson({ id: verified.packet.id, signer: verified.signer, entities: verified.packet.entities.length });
        else process.stdout.write(packetSummary(verified.packet, verified.signer) + '\n');
      }),
    );

  packet
    .command('import <file>')
    .description(
      "verify a partner instance's packet, then merge it into the local graph (never overwriting local facts, never opening other regions' records)",
    )
    .option('--region <code>', "the receiving region whose users see it (default: the packet's addressee)")
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(async (file: string, o: { region?: string; json?: boolean }) => {
        const config = loadConfig();
        const verified = verifyPacket(readPacketFile(file), loadTrustList(config), loadSigningKey(config), file);
        const report = await withDb(async (db) => {
          const secrets = await instanceKeys(db, config, note);
          const audit = new AuditLog(db);
          const result = await importPacket(db, verified, {
            file,
            importedBy: operator(),
            hmacKey: secrets.hmacKey,
            ...(o.region ? { region: o.region } : {}),
          });
          await audit.record({
            actor: operator(),
            role: 'admin',
            action: 'packet.import',
            outcome: 'ok',
            target: result.batchId,
            detail: { issuer: result.issuer.region, status: result.status, entities: result.entities.total },
          });
          await audit.flush();
          return result;
        });
        if (o.json) printJson({ ...report });
        else
          note(
            report.status === 'already-imported'
              ? `packet ${report.packetId} was imported before (batch ${report.batchId}); nothing changed`
              : `packet ${report.packetId} from ${report.issuer.name}: ${report.entities.created} entities new, ${report.entities.matched} already known (kept as they were)${report.entities.withheld ? `, ${report.entities.withheld} held here under other regions only (left closed to the receiving region; provenance added)` : ''}, ${report.relationships} relationships; batch ${report.batchId}`,
          );
      }),
    );

  packet
    .command('brief')
    .description('a printable brief of a detected chain for a joint meeting: HTML, or PDF when --out ends in .pdf')
    .requiredOption('--community <id>', 'the detected community (chain)')
    .option('--scope <codes>', 'region scope (default QUANLIAN_REGION)')
    .requiredOption('--out <file>', 'brief.html or brief.pdf')
    .action(
      action(async (o: { community: string; scope?: string; out: string }) => {
        const config = loadConfig();
        const scope = expandScope((o.scope ?? config.QUANLIAN_REGION).split(','));
        const community = await withDb((db) => getScopedCommunity(db, scope, o.community));
        const html = briefHtml(community, { region: config.QUANLIAN_REGION, by: operator() });
        fs.writeFileSync(o.out, o.out.toLowerCase().endsWith('.pdf') ? await htmlToPdf(html) : html);
        note(`brief of chain #${community.number} written to ${o.out}`);
      }),
    );

  packet
    .command('key')
    .description("print this instance's packet-signing public key and its id, to give to partners")
    .action(
      action(async () => {
        const key = loadSigningKey(loadConfig());
        process.stdout.write(`# key id ${key.keyId}\n${key.publicKeyPem}`);
      }),
    );

  packet
    .command('trust')
    .description('the partner keys this instance accepts packets from')
    .command('add <file>')
    .description("trust a partner's public key (a PEM file as `quanlian packet key` prints it)")
    .requiredOption('--region <code>', "the partner's region code")
    .requiredOption('--name <name>', 'who they are, e.g. 上饶市市场监管局')
    .action(
      action(async (file: string, o: { region: string; name: string }) => {
        if (!regionByCode(o.region)) throw new ValidationError(`--region: unknown region ${o.region}`);
        const pem = fs.readFileSync(file, 'utf8').replace(/^#.*\n/gm, '');
        const entry = trustKey(loadConfig(), { region: o.region, name: o.name, publicKey: pem });
        note(`trusted key ${entry.keyId} of ${entry.name} (${entry.region})`);
      }),
    );
}
