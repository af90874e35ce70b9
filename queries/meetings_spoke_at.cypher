// name: meetings_spoke_at
// description: Meetings a person spoke at, with dates, places and the evidence.
// param: person STRING the person's name or one of their aliases (e.g. 阮成发)
// example: person=阮成发
MATCH (p:Person)-[r:SPOKE_AT]->(m:Meeting)
WHERE p.name = $person OR $person IN p.aliases
RETURN p.id AS person_id, p.name AS person, m.id AS meeting_id, m.name AS meeting, m.date AS date,
       m.jurisdiction AS jurisdiction, m.place AS place,
       collect(DISTINCT r.doc) AS docs, collect(DISTINCT r.evidence) AS evidence
ORDER BY date, meeting
