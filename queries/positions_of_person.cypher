// name: positions_of_person
// description: A person's positions over time: each title and body, dated by the statement (or else its document), with the evidence.
// param: person STRING the person's name or one of their aliases (e.g. 阮成发)
// example: person=阮成发
MATCH (p:Person)-[h:HOLDS_POSITION]->(b:Body)
WHERE p.name = $person OR $person IN p.aliases
OPTIONAL MATCH (d:Document)
WHERE d.id = h.doc_id
RETURN p.id AS person_id, p.name AS person, h.title AS title, b.id AS body_id, b.name AS body,
       coalesce(h.date, d.date) AS date, h.doc AS doc, h.evidence AS evidence
ORDER BY date, title, body
