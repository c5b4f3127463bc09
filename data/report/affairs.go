package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// Sheets of the 村务 ledgers in the yearly workbook.
const (
	SheetDecisions = "四议两公开"
	SheetWorkLog   = "驻村工作日志"
)

// yearDecision is a decision with a step dated in the year (as the summary's decisions.active
// counts them), with all its steps.
type yearDecision struct {
	data.DecisionRow
	steps []data.DecisionStep
}

// yearDecisions reads the decisions with a step dated in p, by their first step's date.
func yearDecisions(st *data.Store, p data.Period) ([]yearDecision, error) {
	var out []yearDecision
	for offset := 0; ; offset += 500 {
		rows, err := st.ListDecisions(data.DecisionFilter{}, offset, 500)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			steps, err := st.DecisionStepsOf(r.ID)
			if err != nil {
				return nil, err
			}
			if slices.ContainsFunc(steps, func(s data.DecisionStep) bool { return !s.Date.Before(p.From) && !s.Date.After(p.To) }) {
				out = append(out, yearDecision{r, steps})
			}
		}
		if len(rows) < 500 {
			break
		}
	}
	slices.SortStableFunc(out, func(a, b yearDecision) int {
		if c := a.steps[0].Date.Compare(b.steps[0].Date); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// decisionSheet is the year's 四议两公开: a row per step of each decision acted on in the year,
// with the meeting's attendance and votes, what was posted, and the rules it does not meet.
func decisionSheet(f *excelize.File, styles workbookStyles, st *data.Store, p data.Period) error {
	cols := []column{
		{"村", 10, colText}, {"事项", 28, colText}, {"类别", 12, colText}, {"动议来源", 12, colText}, {"涉及金额(元)", 14, colMoney},
		{"步骤", 16, colText}, {"日期", 12, colDate}, {"形式", 10, colText}, {"地点", 16, colText},
		{"应到", 7, colInt}, {"实到", 7, colInt}, {"同意", 7, colInt}, {"反对", 7, colInt}, {"弃权", 7, colInt},
		{"内容或公开情况", 36, colText}, {"未达到的规则", 44, colText},
	}
	decisions, err := yearDecisions(st, p)
	if err != nil {
		return err
	}
	build := func(sh *sheetWriter) error {
		for _, d := range decisions {
			head := []any{d.Village, exportText(d.Matter), d.Kind, d.Source, d.Amount}
			if d.Merged {
				row := append(slices.Clone(head), data.StepDiscuss, nil, nil, nil, nil, nil, nil, nil, nil, "与提议合并进行（一肩挑）", nil)
				if err := sh.add(row...); err != nil {
					return err
				}
			}
			for _, s := range d.steps {
				if err := sh.add(append(slices.Clone(head), stepCells(s)...)...); err != nil {
					return err
				}
			}
		}
		return nil
	}
	rows, err := countRows(cols, build)
	if err != nil {
		return err
	}
	return writeSheet(f, SheetDecisions, false, cols, styles, rows, build)
}

// stepCells are a step's cells from 步骤 on: attendance and votes for a meeting, what was
// posted for a 公开, and the rules StepFindings finds unmet.
func stepCells(s data.DecisionStep) []any {
	var failed []string
	for _, f := range data.StepFindings(s) {
		if !f.OK {
			failed = append(failed, f.Msg)
		}
	}
	cells := []any{s.Step, s.Date, s.Form, exportText(s.Place)}
	if !data.IsMeeting(s.Step) {
		text := []string{}
		if s.Days > 0 {
			text = append(text, fmt.Sprintf("公开%d天", s.Days))
		}
		if s.Content != "" {
			text = append(text, s.Content)
		}
		feedback := s.Feedback
		if feedback == "" {
			feedback = "无"
		}
		text = append(text, "反馈意见："+feedback)
		return append(cells, nil, nil, nil, nil, nil, exportText(strings.Join(text, "；")), nil)
	}
	content := s.Content
	if s.Step == data.StepResolveAll && s.Households > 0 {
		content = strings.TrimPrefix(fmt.Sprintf("%s；全村%d户，到会%d户的代表", content, s.Households, s.HouseholdsPresent), "；")
	}
	return append(cells, s.Expected, s.Present, s.For, s.Against, s.Abstain, exportText(content), strings.Join(failed, "；"))
}

// workLogSheet is the year's 驻村工作日志: a row per logged day of every village.
func workLogSheet(f *excelize.File, styles workbookStyles, st *data.Store, p data.Period) error {
	cols := []column{
		{"日期", 12, colDate}, {"村", 10, colText}, {"在村/外出", 9, colText}, {"外出原因", 9, colText}, {"工作内容", 36, colText},
		{"走访户数", 9, colInt}, {"走访农户", 28, colText}, {"民情日记（问题及解决情况）", 48, colText}, {"帮扶单位来访", 24, colText},
	}
	days, err := st.WorkDays(p, 0)
	if err != nil {
		return err
	}
	villages, err := st.Villages()
	if err != nil {
		return err
	}
	units, err := st.Partners()
	if err != nil {
		return err
	}
	villageName, unitName := map[int64]string{}, map[int64]string{}
	for _, v := range villages {
		villageName[v.ID] = v.Name
	}
	for _, u := range units {
		unitName[u.ID] = u.Name
	}
	return writeSheet(f, SheetWorkLog, false, cols, styles, len(days), func(sh *sheetWriter) error {
		for _, d := range days {
			var visits, issues, partners []string
			for _, v := range d.Visits {
				visits = append(visits, v.Name)
			}
			for _, x := range d.Issues {
				state := "未解决"
				if x.Solved {
					state = "已解决"
				}
				if x.How != "" {
					state += "：" + x.How
				}
				issues = append(issues, x.Problem+"（"+state+"）")
			}
			for _, id := range d.PartnerIDs {
				if n, ok := unitName[id]; ok {
					partners = append(partners, n)
				}
			}
			if err := sh.add(d.Date, villageName[d.VillageID], d.Presence, d.Reason, exportText(d.Work), len(d.Visits),
				strings.Join(visits, "、"), exportText(strings.Join(issues, "；")), strings.Join(partners, "、")); err != nil {
				return err
			}
		}
		return nil
	})
}
