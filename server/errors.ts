/**
 * Typed errors shared by every module. Services throw these; the HTTP error middleware maps them to
 * `application/problem+json` with a stable `type`, and the CLI prints `message` and exits non-zero.
 * Messages are written for the person who has to act on them: they name the module, the thing at
 * fault and what to do.
 */
export type ErrorDetails = Record<string, unknown>;

export class QuanlianError extends Error {
  /** Stable problem type slug, e.g. `database-unavailable`; part of the API contract. */
  readonly type: string = 'internal';
  readonly status: number = 500;
  readonly details: ErrorDetails | undefined;

  constructor(message: string, options?: { cause?: unknown; details?: ErrorDetails }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options?.details;
  }
}

export class ConfigError extends QuanlianError {
  override readonly type = 'config';
}

export class ValidationError extends QuanlianError {
  override readonly type = 'validation';
  override readonly status = 400;
}

export class NotFoundError extends QuanlianError {
  override readonly type = 'not-found';
  override readonly status = 404;
}

export class ConflictError extends QuanlianError {
  override readonly type = 'conflict';
  override readonly status = 409;
}

/** An update based on a version that is no longer the stored one (someone saved in between). */
export class StaleVersionError extends QuanlianError {
  override readonly type = 'stale-version';
  override readonly status = 409;
}

export class ForbiddenError extends QuanlianError {
  override readonly type = 'forbidden';
  override readonly status = 403;
}

export class DatabaseUnavailableError extends QuanlianError {
  override readonly type = 'database-unavailable';
  override readonly status = 503;
}

export class DatabaseAuthError extends QuanlianError {
  override readonly type = 'database-auth';
  override readonly status = 503;
}

export class QueryTimeoutError extends QuanlianError {
  override readonly type = 'query-timeout';
  override readonly status = 503;
}

export class ConstraintError extends QuanlianError {
  override readonly type = 'constraint';
  override readonly status = 409;
}

export class CypherError extends QuanlianError {
  override readonly type = 'cypher';
}

export class ReadOnlyViolationError extends QuanlianError {
  override readonly type = 'read-only';
  override readonly status = 400;
}

export class MigrationError extends QuanlianError {
  override readonly type = 'migration';
}

export class RuntimeSetupError extends QuanlianError {
  override readonly type = 'neo4j-runtime';
}

export class UnauthenticatedError extends QuanlianError {
  override readonly type = 'unauthenticated';
  override readonly status = 401;
}

export class CsrfError extends QuanlianError {
  override readonly type = 'csrf';
  override readonly status = 403;
}

/** Too many sign-in attempts from one address, or an account locked after repeated failures. */
export class TooManyAttemptsError extends QuanlianError {
  override readonly type = 'too-many-attempts';
  override readonly status = 429;
}

export class UnsupportedMediaTypeError extends QuanlianError {
  override readonly type = 'unsupported-media-type';
  override readonly status = 415;
}

export class PayloadTooLargeError extends QuanlianError {
  override readonly type = 'payload-too-large';
  override readonly status = 413;
}

/** A server that cannot start detection workers (no worker connection configured). */
export class JobsUnavailableError extends QuanlianError {
  override readonly type = 'jobs-unavailable';
  override readonly status = 503;
}

/** Every print slot taken (chain briefs as PDF): asked again shortly, it is printed. */
export class PrinterBusyError extends QuanlianError {
  override readonly type = 'printer-busy';
  override readonly status = 503;
}

export class AuditChainBrokenError extends QuanlianError {
  override readonly type = 'audit-chain-broken';
}

/** A case packet refused on import or verify: not a packet, an unknown signer, or altered after signing. */
export class PacketRejectedError extends QuanlianError {
  override readonly type = 'packet-rejected';
  override readonly status = 422;
  constructor(
    message: string,
    readonly reason: 'invalid' | 'untrusted-signer' | 'bad-signature' | 'clear-identifier' | 'own-packet',
  ) {
    super(message, { details: { reason } });
  }
}
