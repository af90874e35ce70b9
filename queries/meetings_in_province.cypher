// name: meetings_in_province
// description: Meetings in a province (by the meeting's jurisdiction or where it was held), dated or not.
// param: province STRING the province's short name (e.g. 云南)
// example: province=云南
MATCH (m:Meeting)
OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
WITH m, collect(DISTINCT pl.name) AS places, collect(DISTINCT pl.province) AS provinces
WHERE m.jurisdiction = $province OR $province IN places OR $province IN provinces
RETURN m.id AS meeting_id, m.name AS meeting, m.date AS date, m.jurisdiction AS jurisdiction,
       m.place AS place, places
ORDER BY date, meeting
