// name: frequent_attendees
// description: People at several meetings: everyone who attended at least min_meetings meetings.
// param: min_meetings INT = 2 at least this many meetings
// example: min_meetings=2
MATCH (p:Person)-[:ATTENDED]->(m:Meeting)
WITH p, count(DISTINCT m) AS meetings, collect(DISTINCT m.id) AS meeting_ids
WHERE meetings >= $min_meetings
RETURN p.id AS person_id, p.name AS person, meetings, meeting_ids
ORDER BY meetings DESC, person
