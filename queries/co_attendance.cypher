// name: co_attendance
// description: People who met most often: pairs of people at the same meetings, by how many meetings they shared.
// param: min_meetings INT = 2 only pairs who shared at least this many meetings
// param: limit INT = 50 at most this many pairs
// example: min_meetings=2
MATCH (a:Person)-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(b:Person)
WHERE a.id < b.id
WITH a, b, count(DISTINCT m) AS meetings, collect(DISTINCT m.id) AS meeting_ids
WHERE meetings >= $min_meetings
RETURN a.id AS person_a_id, a.name AS person_a, b.id AS person_b_id, b.name AS person_b, meetings, meeting_ids
ORDER BY meetings DESC, person_a, person_b
LIMIT $limit
