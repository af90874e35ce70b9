// name: policies_directed_by
// description: Policies a person or a body directed (强调, 要求, 部署), with the documents and evidence.
// param: who STRING the name of a person or a body (e.g. 阮成发)
// example: who=阮成发
MATCH (a)-[r:DIRECTED]->(pol:Policy)
WHERE a.name = $who
RETURN a.id AS directed_by_id, a.name AS directed_by, pol.id AS policy_id, pol.name AS policy,
       collect(DISTINCT r.doc) AS docs, collect(DISTINCT r.evidence) AS evidence
ORDER BY policy
