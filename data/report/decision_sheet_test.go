package report

import (
	"bytes"
	"strings"
	"testing"

	"cunji/data"
)

// A decision prints as the 登记表: its matter and links, one row per step with the attendance and
// votes typed, blank rows for the steps still to come, and the rule a step failed.
func TestDecisionSheetPrintsStepsVotesAndFindings(t *testing.T) {
	f := newFixture(t)
	st := f.st
	d := &data.Decision{VillageID: f.east.ID, Matter: "村集体冷库建设项目立项", Kind: "项目立项", Source: "党员群众建议",
		ProjectID: f.solar.ID, Amount: 30000000, Merged: true}
	must(t, st.SaveDecision(d))
	for _, s := range []data.DecisionStep{
		{Step: data.StepPropose, Date: date(t, "2025-03-01"), Form: "会议", Place: "村委会议室", Expected: 7, Present: 7, For: 7, Content: "提议建设冷库"},
		{Step: data.StepReview, Date: date(t, "2025-03-05"), Form: "会议", Place: "村党群服务中心", Expected: 31, Present: 19, For: 17, Against: 1, Abstain: 1},
		{Step: data.StepResolve, Date: date(t, "2025-03-08"), Form: "会议", Place: "村党群服务中心", Expected: 45, Present: 41, For: 38, Against: 2, Abstain: 1},
		{Step: data.StepPublishResolve, Date: date(t, "2025-03-09"), Form: "公开栏", Place: "村务公开栏", Days: 7, Feedback: "群众无异议"},
	} {
		s.DecisionID = d.ID
		must(t, st.SaveDecisionStep(&s))
	}
	var buf bytes.Buffer
	must(t, DecisionSheet(st, d.ID, &buf))
	text := pdfText(t, buf.Bytes())
	all := flat(text)
	for _, w := range []string{"“四议两公开”工作法登记表", "龙山街道三涧溪村", "村集体冷库建设项目立项", "项目立项", "党员群众建议",
		"300,000.00", "项目：村级光伏电站", "党支部会提议", "2025-03-01", "提议建设冷库", "与提议合并进行（一肩挑）",
		"党员大会审议", "村民代表会", "决议公开", "公开于村务公开栏", "公开7天", "反馈意见：群众无异议", "实施结果公开",
		"签字", "村党组织书记（签字）", "规则核对", "党员大会审议：应到党员31人，实到19人，未达到三分之二"} {
		if !strings.Contains(all, flat(w)) {
			t.Errorf("the 登记表 lacks %q", w)
		}
	}
	// The resolution's row: expected, present, for, against, abstain, in order.
	if !strings.Contains(text, "45") || !strings.Contains(all, "454138") {
		t.Errorf("the resolution's votes are missing")
	}
	if !strings.Contains(all, "311917") {
		t.Errorf("the review's votes are missing")
	}
	if t.Failed() {
		t.Log(text)
	}
}
