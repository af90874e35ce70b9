// Neo4j's Cypher parser and semantic checks (@neo4j-cypher/language-support), offline.
// stdin: {"statements": [{"cypher": "...", "parameters": {...}}], "labels": [...], "relationshipTypes": [...]}
// stdout: one list per statement of {"severity": "error" | "warning", "message", "line", "column"} (1-based).
const { lintCypherQuery, testData } = require('@neo4j-cypher/language-support');

// The package's recorded function list of a Neo4j server, built-ins only (no APOC on Community),
// so that a call to a function Neo4j lacks is an error.
const functions = Object.fromEntries(Object.entries(testData.mockSchema.functions).map(
  ([version, all]) => [version, Object.fromEntries(Object.entries(all).filter(([, f]) => f.isBuiltIn))]));

const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const results = input.statements.map(({ cypher, parameters }) => lintCypherQuery(cypher, {
  labels: input.labels, relationshipTypes: input.relationshipTypes, parameters: parameters || {},
  functions, defaultLanguage: 'CYPHER 5',
}).map((d) => ({
  severity: d.severity === 1 ? 'error' : 'warning', message: d.message,
  line: d.range.start.line + 1, column: d.range.start.character + 1,
})));
process.stdout.write(JSON.stringify(results));
