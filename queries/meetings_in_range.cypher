// name: meetings_in_range
// description: Meetings between two dates, optionally in one province; a meeting dated without a year (--MM-DD) counts when its month and day fall in the range.
// param: from DATE first day, YYYY-MM-DD (e.g. 2020-02-01)
// param: to DATE last day, YYYY-MM-DD (e.g. 2020-02-29)
// param: province STRING = '' only meetings in this province, short name (e.g. 云南)
// example: from=2020-02-01 to=2020-02-29
MATCH (m:Meeting)
OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
WITH m, collect(DISTINCT pl.name) AS places, collect(DISTINCT pl.province) AS provinces
WHERE ($province = '' OR m.jurisdiction = $province OR $province IN places OR $province IN provinces)
  AND ((m.day >= date($from) AND m.day <= date($to))
       OR (m.day IS NULL AND m.date STARTS WITH '--'
           AND ((left($from, 4) = left($to, 4)
                 AND right(m.date, 5) >= right($from, 5) AND right(m.date, 5) <= right($to, 5))
                OR (left($from, 4) < left($to, 4)
                    AND (right($from, 5) <= right($to, 5)
                         OR right(m.date, 5) >= right($from, 5) OR right(m.date, 5) <= right($to, 5))))))
RETURN m.id AS meeting_id, m.name AS meeting, m.date AS date, m.jurisdiction AS jurisdiction,
       m.place AS place, places
ORDER BY date, meeting
