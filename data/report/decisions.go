package report

import (
	"fmt"
	"strings"

	"cunji/data"
)

// DecisionLine is one 四议两公开 matter on the 村务公开表: a decision posted within the period.
type DecisionLine struct {
	Matter   string
	Kind     string
	Village  string
	Resolved data.Date // the day of the 村民代表会议 or 村民会议 resolution (zero: not yet taken)
	Public   []data.Date
	Result   string // 通过（同意…票）, 未通过, 到会人数不足, or — when not yet resolved
}

// decisionLines reads the decisions of the village (0: all) with a 公开 step dated in the period,
// newest first, with the resolution's date and result and the days posted within the period.
func decisionLines(st *data.Store, p data.Period, villageID int64) ([]DecisionLine, error) {
	f := data.DecisionFilter{VillageID: villageID, PublicFrom: p.From, PublicTo: p.To}
	var out []DecisionLine
	for offset := 0; ; offset += 500 {
		rows, err := st.ListDecisions(f, offset, 500)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			steps, err := st.DecisionStepsOf(r.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, decisionLine(r, steps, p))
		}
		if len(rows) < 500 {
			return out, nil
		}
	}
}

// decisionLine is decision r with steps as the sheet prints it.
func decisionLine(r data.DecisionRow, steps []data.DecisionStep, p data.Period) DecisionLine {
	l := DecisionLine{Matter: r.Matter, Kind: r.Kind, Village: r.Village, Result: "—"}
	for _, st := range steps {
		switch st.Step {
		case data.StepPublishResolve, data.StepPublishResult:
			if !st.Date.Before(p.From) && !st.Date.After(p.To) {
				l.Public = append(l.Public, st.Date)
			}
		case data.StepResolve, data.StepResolveAll:
			l.Resolved, l.Result = st.Date, resolutionResult(st)
		}
	}
	return l
}

// resolutionResult is what a resolution came to, by the rules StepFindings checks.
func resolutionResult(st data.DecisionStep) string {
	result := fmt.Sprintf("通过（同意%d票，反对%d票，弃权%d票）", st.For, st.Against, st.Abstain)
	for _, f := range data.StepFindings(st) {
		switch {
		case f.OK:
		case f.Rule == data.RuleQuorum:
			return "到会人数不足，决议无效"
		case f.Rule == data.RuleMajority:
			return fmt.Sprintf("未通过（同意%d票，实到%d人）", st.For, st.Present)
		default:
			result = "未登记表决结果"
		}
	}
	return result
}

// publicDates is the days a decision was posted, one a line.
func publicDates(ds []data.Date) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	return strings.Join(parts, "\n")
}
