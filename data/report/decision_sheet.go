package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"

	"cunji/assets"
	"cunji/data"
)

// DecisionSheetFileName is the file a decision's 登记表 is saved as.
func DecisionSheetFileName(d *data.Decision) string {
	name := "四议两公开登记表-" + d.Matter + ".pdf"
	return strings.NewReplacer("/", "-", `\`, "-", ":", "-").Replace(name)
}

// DecisionSheet writes one decision as the A4 “四议两公开”登记表: its matter, then one row per step
// of the procedure (those not yet taken left blank to fill in by hand) with attendance, votes,
// what was decided or posted and room to sign; the rules a step fails are listed under it.
func DecisionSheet(st *data.Store, decisionID int64, w io.Writer) error {
	d, err := st.GetDecision(decisionID)
	if err != nil {
		return err
	}
	steps, err := st.DecisionStepsOf(decisionID)
	if err != nil {
		return err
	}
	village := ""
	if v, err := st.GetVillage(d.VillageID); err == nil {
		village = v.Town + v.Name
	}
	var links []string
	if d.ProjectID != 0 {
		if p, err := st.GetProject(d.ProjectID); err == nil {
			links = append(links, "项目："+p.Name)
		}
	}
	if d.ContractID != 0 {
		if c, err := st.GetContract(d.ContractID); err == nil {
			links = append(links, "合同："+c.Code+" "+c.Subject)
		}
	}
	if d.AssetID != 0 {
		if a, err := st.GetAsset(d.AssetID); err == nil {
			links = append(links, "资产："+a.Code+" "+a.Name)
		}
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: "“四议两公开”登记表 " + d.Matter, Creator: "村记"})
	if err := pdf.AddTTFFontData(fontFamily, assets.FontTTF); err != nil {
		return fmt.Errorf("登记表字体无法加载：%w", err)
	}
	s := &sheet{pdf: pdf}
	s.newPage()
	s.font(18)
	s.textIn(marginX, s.y, contentW, "“四议两公开”工作法登记表", gopdf.Center)
	s.y += 32
	s.font(bodySize)
	s.textIn(marginX, s.y, contentW, "村："+village, gopdf.Left)
	s.textIn(marginX, s.y, contentW, "金额单位：元", gopdf.Right)
	s.y += lineH + 8

	s.bareTable([]pdfCol{{"", 80, gopdf.Left}, {"", contentW/2 - 80, gopdf.Left}, {"", 80, gopdf.Left}, {"", contentW/2 - 80, gopdf.Left}})
	amount := "—"
	if d.Amount != 0 {
		amount = figures(d.Amount)
	}
	merged := "否"
	if d.Merged {
		merged = "是（党支部会提议与两委会商议合并进行）"
	}
	s.row([]pdfCell{{text: "事项", bold: true}, {text: publicText(d.Matter), span: 3}})
	s.row([]pdfCell{{text: "类别", bold: true}, {text: d.Kind}, {text: "动议来源", bold: true}, {text: d.Source}})
	s.row([]pdfCell{{text: "涉及金额", bold: true}, {text: amount}, {text: "一肩挑", bold: true}, {text: merged}})
	s.row([]pdfCell{{text: "关联", bold: true}, {text: publicText(strings.Join(links, "；")), span: 3}})
	if d.Note != "" {
		s.row([]pdfCell{{text: "备注", bold: true}, {text: publicText(d.Note), span: 3}})
	}
	s.endTable()
	s.y += 12

	s.heading("办理步骤", 80)
	s.table([]pdfCol{
		{"步骤", 72, gopdf.Left},
		{"日期", 64, gopdf.Center},
		{"形式/地点", 56, gopdf.Left},
		{"应到", 30, gopdf.Right},
		{"实到", 30, gopdf.Right},
		{"同意", 30, gopdf.Right},
		{"反对", 30, gopdf.Right},
		{"弃权", 30, gopdf.Right},
		{"决定内容/公开情况", contentW - 392, gopdf.Left},
		{"签字", 50, gopdf.Left},
	})
	for _, row := range sheetSteps(d, steps) {
		s.row(row)
	}
	s.endTable()
	s.y += 12

	var failed []string
	for _, st := range steps {
		for _, f := range data.StepFindings(st) {
			if !f.OK {
				failed = append(failed, "· "+f.Step+"："+f.Msg)
			}
		}
	}
	if len(failed) > 0 {
		s.heading("规则核对（《村级组织工作规则》）", 2*lineH)
		for _, l := range s.wrap(strings.Join(failed, "\n"), contentW) {
			s.room(lineH)
			s.textIn(marginX, s.y, contentW, l, gopdf.Left)
			s.y += lineH + 2
		}
		s.y += 10
	}
	s.decisionSignatures()
	s.pageNumbers()
	if s.err != nil {
		return s.err
	}
	_, err = pdf.WriteTo(w)
	return err
}

// sheetSteps are the rows of the steps table: each step of the procedure in order, recorded or
// left blank to fill in; with 一肩挑 the 商议 row says it was merged.
func sheetSteps(d *data.Decision, steps []data.DecisionStep) [][]pdfCell {
	byStep := map[string]data.DecisionStep{}
	for _, st := range steps {
		byStep[st.Step] = st
	}
	sign := pdfCell{text: "\n\n"} // room to sign by hand
	var rows [][]pdfCell
	for _, name := range data.DecisionSteps {
		st, ok := byStep[name]
		switch {
		case name == data.StepResolveAll:
			continue // one resolution row, named by the meeting that took it
		case name == data.StepResolve:
			if all, ok2 := byStep[data.StepResolveAll]; ok2 {
				st, ok = all, true
			}
			if !ok {
				rows = append(rows, []pdfCell{{text: "村民代表会议（村民会议）决议"}, {}, {}, {}, {}, {}, {}, {}, {}, sign})
				continue
			}
		case name == data.StepDiscuss && d.Merged:
			rows = append(rows, []pdfCell{{text: name}, {text: "与提议合并进行（一肩挑）", span: 8}, {}})
			continue
		}
		if !ok {
			rows = append(rows, []pdfCell{{text: name}, {}, {}, {}, {}, {}, {}, {}, {}, sign})
			continue
		}
		where := strings.TrimSpace(st.Form + " " + st.Place)
		if !data.IsMeeting(st.Step) {
			var parts []string
			if st.Place != "" {
				parts = append(parts, "公开于"+st.Place)
			}
			if st.Days > 0 {
				parts = append(parts, "公开"+strconv.Itoa(st.Days)+"天")
			}
			if st.Content != "" {
				parts = append(parts, st.Content)
			}
			feedback := st.Feedback
			if feedback == "" {
				feedback = "无"
			}
			parts = append(parts, "反馈意见："+feedback)
			rows = append(rows, []pdfCell{{text: st.Step}, {text: st.Date.String()}, {text: publicText(st.Form)}, {}, {}, {}, {}, {},
				{text: publicText(strings.Join(parts, "；"))}, sign})
			continue
		}
		expected, present := strconv.Itoa(st.Expected), strconv.Itoa(st.Present)
		if st.Step == data.StepResolveAll && st.Households > 0 {
			expected += "\n" + strconv.Itoa(st.Households) + "户"
			present += "\n" + strconv.Itoa(st.HouseholdsPresent) + "户"
		}
		rows = append(rows, []pdfCell{{text: st.Step}, {text: st.Date.String()}, {text: publicText(where)}, {text: expected}, {text: present},
			{text: strconv.Itoa(st.For)}, {text: strconv.Itoa(st.Against)}, {text: strconv.Itoa(st.Abstain)}, {text: publicText(st.Content)}, sign})
	}
	return rows
}

// decisionSignatures are the seals and signatures under the 登记表, with the day it was filled in.
func (s *sheet) decisionSignatures() {
	s.room(lineH + 42 + lineH)
	labels := []string{"村党组织书记（签字）", "村民委员会主任（签字）", "村务监督委员会（签字）"}
	colW := contentW / 3
	for i, l := range labels {
		x := marginX + float64(i)*colW
		s.textIn(x, s.y, colW-12, l, gopdf.Left)
		s.pdf.Line(x, s.y+lineH+30, x+colW-16, s.y+lineH+30)
	}
	s.y += lineH + 42
	s.textIn(marginX, s.y, contentW, "登记日期：　　　　年　　月　　日", gopdf.Right)
	s.y += lineH
}
