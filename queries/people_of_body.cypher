// name: people_of_body
// description: People of a body (who holds a position in it), found by its name or a fragment of it, with their titles.
// param: body STRING the body's name or a fragment of it (e.g. 领导小组)
// example: body=领导小组
MATCH (p:Person)-[h:HOLDS_POSITION]->(b:Body)
WHERE b.name CONTAINS $body
RETURN b.id AS body_id, b.name AS body, p.id AS person_id, p.name AS person,
       collect(DISTINCT h.title) AS titles, collect(DISTINCT h.doc) AS docs
ORDER BY body, person
