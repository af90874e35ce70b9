// name: meeting_attendees
// description: Who attended a meeting found by a fragment of its name and/or its date (a date without year, --MM-DD, matches any year), with who chaired and who spoke.
// param: meeting STRING = '' a fragment of the meeting's name (e.g. 领导小组)
// param: date STRING = '' the meeting's date, YYYY-MM-DD or --MM-DD (e.g. 2020-02-20)
// example: date=2020-02-20
MATCH (p:Person)-[r:ATTENDED]->(m:Meeting)
WHERE ($meeting = '' OR m.name CONTAINS $meeting)
  AND ($date = '' OR m.date = $date
       OR (right(m.date, 5) = right($date, 5) AND (m.date STARTS WITH '--' OR $date STARTS WITH '--')))
OPTIONAL MATCH (p)-[c:CHAIRED]->(m)
OPTIONAL MATCH (p)-[s:SPOKE_AT]->(m)
RETURN m.id AS meeting_id, m.name AS meeting, m.date AS date, p.id AS person_id, p.name AS person,
       count(c) > 0 AS chaired, count(s) > 0 AS spoke, collect(DISTINCT r.evidence) AS evidence
ORDER BY date, meeting, person
