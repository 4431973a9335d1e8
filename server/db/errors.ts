/**
 * Maps Neo4j driver errors to Quanlian's typed errors, in one place. Codes are Neo4j's status codes
 * (https://neo4j.com/docs/status-codes/); anything unknown stays a CypherError carrying the code.
 */
import neo4j, { Neo4jError } from 'neo4j-driver';
import {
  ConstraintError,
  CypherError,
  DatabaseAuthError,
  DatabaseUnavailableError,
  QueryTimeoutError,
  QuanlianError,
  ReadOnlyViolationError,
} from '../errors.ts';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function mapNeo4jError(error: unknown, context: string): unknown {
  if (error instanceof QuanlianError) return error;
  if (!(error instanceof Neo4jError)) {
    // Connection failures before Bolt speaks surface as plain errors (ECONNREFUSED, DNS).
    if (error instanceof Error && /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|socket/i.test(error.message)) {
      return new DatabaseUnavailableError(`quanlian/db: Neo4j is unreachable (${error.message})`, { cause: error });
    }
    return error;
  }
  const code = error.code;
  const where = `quanlian/db: ${context}`;
  if (UNAVAILABLE.has(code)) {
    return new DatabaseUnavailableError(`${where}: Neo4j is unavailable (${firstLine(error.message)})`, {
      cause: error,
    });
  }
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new DatabaseAuthError(`${where}: Neo4j refused the credentials (${code}); check NEO4J_USER/NEO4J_PASSWORD`, {
      cause: error,
    });
  }
  if (
    code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
    code === 'Neo.ClientError.Transaction.Terminated'
  ) {
    return new QueryTimeoutError(`${where}: the query ran past its time limit and was stopped`, { cause: error });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConstraintError(`${where}: ${firstLine(error.message)}`, { cause: error });
  }
  if (
    code === 'Neo.ClientError.Statement.AccessMode' ||
    code === 'Neo.ClientError.Transaction.ForbiddenDueToTransactionType'
  ) {
    return new ReadOnlyViolationError(`${where}: writes are not allowed here (${firstLine(error.message)})`, {
      cause: error,
    });
  }
  return new CypherError(`${where}: ${code}: ${firstLine(error.message)}`, { cause: error, details: { code } });
}

/**
 * Whether trying the same work again may succeed: Neo4j unreachable, or a transient failure (a
 * deadlock, a leader switch) behind the typed error mapNeo4jError made of it.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Neo4jError && neo4j.isRetriableError(cause);
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
