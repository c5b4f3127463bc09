package data

// villagePart is village s's part of amount, an SQL expression on a row of one project joined to
// project_shares s (migration 0009): amount × w / tw rounded down, and the lead village takes the
// amount less the other villages' parts, so the parts of all the project's villages add up to it exactly.
func villagePart(amount string) string {
	return "(CASE WHEN s.lead THEN " + amount + " - (SELECT coalesce(sum(" + amount + " * (CASE WHEN s.equal THEN 1 ELSE o.share_bp END) / s.tw), 0)" +
		" FROM project_villages o WHERE o.project_id = s.project_id AND o.village_id <> s.village_id) ELSE " + amount + " * s.w / s.tw END)"
}

// projectAmount is how to read x.amount of rows belonging to a project (x.project_id): whole for
// villageID 0, else the village's part, with the join to add after x's FROM and its arguments.
func projectAmount(x string, villageID int64) (join, amount string, args []any) {
	if villageID == 0 {
		return "", x + ".amount", nil
	}
	return " JOIN project_shares s ON s.project_id = " + x + ".project_id AND s.village_id = ?", villagePart(x + ".amount"), []any{villageID}
}
