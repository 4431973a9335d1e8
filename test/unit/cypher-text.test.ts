import { describe, expect, it } from 'vitest';
import { compactCypher } from '../../server/db/cypher-text.ts';

describe('compactCypher', () => {
  it('drops header and trailing comments, indentation and blank lines', () => {
    const text = '// One entity.\n// params: $key STRING\n\nMATCH (n {key: $key}) // the node\n    RETURN n\n\n';
    expect(compactCypher(text)).toBe('MATCH (n {key: $key})\nRETURN n');
  });

  it('keeps string literals and quoted names exactly, comment markers and line breaks included', () => {
    const text = [
      '  WHERE n.url = \'http://x.cn/a\' AND n.memo = "say \\"//hi\\"" // real comment',
      "  RETURN n.`odd//name` AS `a ``quoted`` name`, 'two",
      "    lines' AS s, 'it\\'s // kept' AS t",
    ].join('\n');
    expect(compactCypher(text)).toBe(
      [
        'WHERE n.url = \'http://x.cn/a\' AND n.memo = "say \\"//hi\\""',
        "RETURN n.`odd//name` AS `a ``quoted`` name`, 'two",
        "    lines' AS s, 'it\\'s // kept' AS t",
      ].join('\n'),
    );
  });

  it('never joins two tokens where a block comment stood', () => {
    expect(compactCypher('MATCH (a)/* x */RETURN a')).toBe('MATCH (a) RETURN a');
    expect(compactCypher('MATCH (a)\n/* one\n two */\nRETURN a')).toBe('MATCH (a)\nRETURN a');
  });
});
