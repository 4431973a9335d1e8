import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { ConfigError } from '../../server/errors.ts';

describe('config', () => {
  it('applies defaults when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.NEO4J_DATABASE).toBe('neo4j');
    expect(config.QUANLIAN_NEO4J_BOLT_PORT).toBe(7687);
    expect(config.PORT).toBe(8080);
    expect(config.paths.neo4jDir.endsWith('.neo4j')).toBe(true);
  });

  it('names the variable and the expectation for a malformed NEO4J_URI', () => {
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'x' })).toThrowError(
      /NEO4J_URI="http:\/\/localhost:7474": expected a Bolt URI/,
    );
    expect(() => loadConfig({ NEO4J_URI: 'not a uri', NEO4J_PASSWORD: 'x' })).toThrowError(ConfigError);
  });

  it('accepts routing and encrypted URIs', () => {
    for (const uri of ['bolt://127.0.0.1:7687', 'neo4j+s://abc.databases.neo4j.io', 'neo4j://core1:7687']) {
      expect(loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: 'x' }).NEO4J_URI).toBe(uri);
    }
  });

  it('rejects bad ports with the variable name', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrowError(/PORT="70000"/);
    expect(() => loadConfig({ QUANLIAN_NEO4J_BOLT_PORT: 'seven' })).toThrowError(/QUANLIAN_NEO4J_BOLT_PORT="seven"/);
  });

  it('lists every bad setting at once', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: '0', LOG_LEVEL: 'loud', QUANLIAN_NEO4J_HEAP: 'lots' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/PORT="0"/);
    expect(error.message).toMatch(/LOG_LEVEL="loud"/);
    expect(error.message).toMatch(/QUANLIAN_NEO4J_HEAP="lots": expected a size such as 512m or 4g/);
  });

  it('requires a password with NEO4J_URI', () => {
    expect(() => loadConfig({ NEO4J_URI: 'bolt://db:7687' })).toThrowError(/NEO4J_PASSWORD is not/);
  });
});
