package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
	"cunji/data"
)

// decisionsOf shows 村务 and returns its 四议两公开 part.
func decisionsOf(t *testing.T, m *MainWindow) *decisionsView {
	t.Helper()
	a := screenOf[*affairsView](t, m, affairsTitle)
	for _, p := range a.parts {
		if v, ok := p.(*decisionsView); ok {
			return v
		}
	}
	t.Fatal("村务 has no 四议两公开")
	return nil
}

// typeStep fills the step dialog open now from the keyboard and saves it with Ctrl+S.
func typeStep(t *testing.T, m *MainWindow, v *decisionsView, date string, expected, present, votesFor string) {
	t.Helper()
	f := v.page.steps.editing
	if f == nil || m.Env.Win.Canvas().Focused() != f.date {
		t.Fatalf("no step dialog with the date focused")
	}
	kittest.Type(t, m.Env.Win.Canvas(), date)
	retype(f.expected, expected)
	retype(f.present, present)
	retype(f.votesFor, votesFor)
	test.Type(f.content, "同意")
	press(t, m, fyne.KeyS)
	if m.Env.Dialogs.Open() {
		t.Fatalf("the step dialog stayed open: %q", strings.Join(shownTexts(m.Env.Win.Canvas().Overlays().Top()), " "))
	}
}

// A decision typed from the keyboard (Ctrl+N, Ctrl+S) gets its steps typed in the step dialog,
// each offered in order; a 党员大会 with fewer than two thirds present is marked, as it is typed,
// on the page and in the register, and nothing stops it being recorded.
func TestDecisionTypedWithStepsMarksAFailedQuorum(t *testing.T) {
	m, st := ledgerTestWindow(t)
	seedVillage(t, st, "东泉村")
	v := decisionsOf(t, m)
	c := m.Env.Win.Canvas()
	press(t, m, fyne.KeyN)
	p := v.page
	if p == nil || c.Focused() != p.matter {
		t.Fatalf("Ctrl+N: page %v, focus %T", p != nil, c.Focused())
	}
	kittest.Type(t, c, "村集体冷库建设项目立项")
	p.kind.SetSelected("项目立项")
	p.source.SetSelected("村干部提议")
	test.Type(p.amount, "300000")
	press(t, m, fyne.KeyS)
	list, err := st.ListDecisions(data.DecisionFilter{}, 0, 10)
	noErr(t, err)
	if len(list) != 1 || list[0].Matter != "村集体冷库建设项目立项" || list[0].Amount != 300000_00 || p.d.ID != list[0].ID || !p.onSteps() {
		t.Fatalf("saved %+v; on steps %v", list, p.onSteps())
	}

	press(t, m, fyne.KeyN)
	if f := p.steps.editing; f == nil || f.step.Selected != "党支部会提议" {
		t.Fatal("Ctrl+N on the steps did not offer the 提议")
	}
	typeStep(t, m, v, "2025-03-01", "7", "7", "7")
	press(t, m, fyne.KeyN)
	if got := p.steps.editing.step.Selected; got != "两委会商议" {
		t.Fatalf("next step offered %q", got)
	}
	typeStep(t, m, v, "2025-03-03", "9", "9", "9")
	press(t, m, fyne.KeyN)
	f := p.steps.editing
	kittest.Type(t, c, "2025-03-08")
	retype(f.expected, "30")
	retype(f.present, "19")
	if !strings.Contains(f.findings.Text, "应到 30 人，实到 19 人，未达到三分之二") {
		t.Fatalf("as typed: %q", f.findings.Text)
	}
	retype(f.present, "20")
	if !strings.Contains(f.findings.Text, "实到 20 人，达到三分之二") {
		t.Fatalf("exactly two thirds: %q", f.findings.Text)
	}
	retype(f.present, "19")
	retype(f.votesFor, "19")
	press(t, m, fyne.KeyS)

	steps, err := st.DecisionStepsOf(p.d.ID)
	noErr(t, err)
	if len(steps) != 3 || steps[2].Step != data.StepReview || steps[2].Expected != 30 || steps[2].Present != 19 ||
		steps[0].Date != data.MustDate(2025, 3, 1) || steps[0].Content != "同意" {
		t.Fatalf("steps %+v", steps)
	}
	if w := p.page.Warnings(); !strings.Contains(w, "党员大会审议：应到 30 人，实到 19 人，未达到三分之二") {
		t.Fatalf("page warnings %q", w)
	}
	tab := p.steps.table
	if tab.Rows() != 3 || tab.CellText(2, 5) != "19" || tab.CellText(2, 11) != "党员大会审议到会人数不足" || tab.CellText(0, 11) != "符合规定" {
		t.Fatalf("steps table: %d rows, %q %q %q", tab.Rows(), tab.CellText(2, 5), tab.CellText(2, 11), tab.CellText(0, 11))
	}
	pressKey(m, fyne.KeyEscape) // nothing unsaved: back to the list
	if v.page != nil || v.reg.Table.Rows() != 1 {
		t.Fatalf("Esc: page %v, %d rows", v.page != nil, v.reg.Table.Rows())
	}
	if got := v.reg.Table.CellText(0, 6); got != "党员大会审议到会人数不足" {
		t.Fatalf("register marks %q", got)
	}
	if got := v.reg.Table.CellText(0, 4); got != "党员大会审议" {
		t.Fatalf("register's latest step %q", got)
	}
}

// seedDecision records a decision of village v with its 提议.
func seedDecision(t *testing.T, st *data.Store, villageID int64, matter string) *data.Decision {
	t.Helper()
	d := &data.Decision{VillageID: villageID, Matter: matter, Kind: "其他", Source: "党员群众建议"}
	noErr(t, st.SaveDecision(d))
	noErr(t, st.SaveDecisionStep(&data.DecisionStep{DecisionID: d.ID, Step: data.StepPropose, Date: data.MustDate(2025, 4, 1),
		Form: "会议", Place: "村委会议室", Expected: 5, Present: 5, For: 5}))
	return d
}

// Deleting a decision on its page (Delete, after asking) takes it off the register; Ctrl+Z and
// the notice's 撤销 bring it back. A step deleted from the steps comes back the same way.
func TestDecisionDeleteIsUndone(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	d := seedDecision(t, st, vil.ID, "村道路灯安装")
	seedDecision(t, st, vil.ID, "村集体收益分配")
	v := decisionsOf(t, m)
	if v.reg.Table.Rows() != 2 {
		t.Fatalf("%d rows", v.reg.Table.Rows())
	}
	v.open(d.ID)
	pressKey(m, fyne.KeyDelete)
	tapDialogButton(t, m, "删除")
	if v.page != nil || v.reg.Table.Rows() != 1 {
		t.Fatalf("after delete: page %v, %d rows", v.page != nil, v.reg.Table.Rows())
	}
	if !strings.Contains(v.reg.Notice.Text(), "已删除决策事项“村道路灯安装”") {
		t.Fatalf("notice %q", v.reg.Notice.Text())
	}
	tapButton(t, v.reg.Notice.Content(), "撤销 (Ctrl+Z)")
	if _, err := st.GetDecision(d.ID); err != nil || v.reg.Table.Rows() != 2 {
		t.Fatalf("after 撤销: %v, %d rows", err, v.reg.Table.Rows())
	}

	v.open(d.ID)
	p := v.page
	p.page.Tabs.SelectIndex(1)
	p.steps.table.Table.Select(widget.TableCellID{Row: 0, Col: 0}) // opens the step's dialog
	tapDialogButton(t, m, "删除这一步")
	tapDialogButton(t, m, "删除")
	if steps, _ := st.DecisionStepsOf(d.ID); len(steps) != 0 || p.steps.table.Rows() != 0 {
		t.Fatalf("after deleting the step: %d steps, %d rows", len(steps), p.steps.table.Rows())
	}
	press(t, m, fyne.KeyZ)
	if steps, _ := st.DecisionStepsOf(d.ID); len(steps) != 1 || p.steps.table.Rows() != 1 {
		t.Fatalf("after Ctrl+Z: %d steps, %d rows", len(steps), p.steps.table.Rows())
	}
}

// tapButton taps the button labelled text under o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	kittest.Walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

// A project past 公示 without a decision warns on its page; 新增决策 starts one about it in 村务,
// and once saved the page names it and 打开决策 opens it. A contract's page names its decision too.
func TestProjectAndContractShowTheirDecision(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	pr := seedProject(t, st, "村集体冷库", vil.ID, 0)
	noErr(t, st.SaveStageChange(&data.StageChange{ProjectID: pr.ID, Stage: data.StagePublicity, Date: data.MustDate(2025, 3, 1)}))
	pv := projectsOf(t, m)
	pv.open(pr.ID)
	link := pv.page.decision
	if link.label.Text != "还没有关联的“四议两公开”决策记录" {
		t.Fatalf("at 公示: %q", link.label.Text)
	}
	noErr(t, st.SaveStageChange(&data.StageChange{ProjectID: pr.ID, Stage: data.StageListed, Date: data.MustDate(2025, 4, 1)}))
	if link.label.Text != "项目已过公示阶段（当前：入库），还没有“四议两公开”决策记录" {
		t.Fatalf("past 公示: %q", link.label.Text)
	}
	test.Tap(link.btn)
	v := decisionsOf(t, m)
	p := v.page
	if m.Current() != screenIndex(affairsTitle) || p == nil || p.d.ID != 0 || p.matter.Text != "村集体冷库立项" ||
		p.project.Value() != idValue(pr.ID) || p.kind.Selected != "项目立项" {
		t.Fatalf("新增决策: screen %d, page %v", m.Current(), p != nil)
	}
	p.source.SetSelected("上级安排")
	press(t, m, fyne.KeyS)
	if p.d.ID == 0 {
		t.Fatalf("not saved: %q", v.reg.Notice.Text())
	}
	pv = projectsOf(t, m)
	if link.label.Text != "四议两公开：“村集体冷库立项”" || link.btn.Text != "打开决策" {
		t.Fatalf("with a decision: %q %q", link.label.Text, link.btn.Text)
	}
	test.Tap(link.btn)
	if v.page == nil || v.page.d.ID != p.d.ID {
		t.Fatal("打开决策 did not open it")
	}

	ct := seedContract(t, st, vil.ID, "村集体机动地", 9600_00)
	d := seedDecision(t, st, vil.ID, "机动地发包")
	d.ContractID = ct.ID
	noErr(t, st.SaveDecision(d))
	s := sanziOf(t, m)
	s.openContract(ct.ID)
	if got := s.contracts.page.decision.label.Text; got != "四议两公开：“机动地发包”" {
		t.Fatalf("the contract's decision: %q", got)
	}
	if w := s.contracts.page.page.Warnings(); strings.Contains(w, "决议记录") {
		t.Fatalf("a contract with a decision still warns: %q", w)
	}
}

// 打印登记表 on a decision's page writes its 登记表 as a PDF and says where.
func TestDecisionPrintsItsSheet(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	d := seedDecision(t, st, vil.ID, "村道路灯安装")
	v := decisionsOf(t, m)
	v.printDir = t.TempDir()
	v.open(d.ID)
	tapButton(t, v.page.page.Content(), "打印登记表")
	path := v.page.steps.printed
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) || filepath.Dir(path) != v.printDir {
		t.Fatalf("printed %q: %v", path, err)
	}
	if !strings.Contains(v.reg.Notice.Text(), "已生成登记表") {
		t.Fatalf("notice %q", v.reg.Notice.Text())
	}
}

// A photo added to a step shows under the steps once the step is chosen; deleting it asks, and
// Ctrl+Z brings it back.
func TestStepPhotosAreAddedDeletedAndRestored(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	d := seedDecision(t, st, vil.ID, "村道路灯安装")
	v := decisionsOf(t, m)
	v.open(d.ID)
	s := v.page.steps
	v.page.page.Tabs.SelectIndex(1)
	if s.photos.Content().Visible() {
		t.Fatal("photos shown before a step was chosen")
	}
	s.table.Table.Select(widget.TableCellID{Row: 0, Col: 0})
	pressKey(m, fyne.KeyEscape) // close the step's dialog; its photos stay shown
	if m.Env.Dialogs.Open() || !s.photos.Content().Visible() || s.heading.Text != "“党支部会提议”的照片和扫描件" {
		t.Fatalf("after choosing the step: dialog %v, heading %q", m.Env.Dialogs.Open(), s.heading.Text)
	}
	noErr(t, s.photos.Add("签到表.png", pngBytes(t)))
	files, _ := st.StepFiles(s.current.ID)
	if len(files) != 1 || files[0].Mime != "image/png" || s.photos.Count() != 1 {
		t.Fatalf("files %+v, %d shown", files, s.photos.Count())
	}
	var thumb *kit.PhotoThumb
	kittest.Walk(s.photos.Content(), func(o fyne.CanvasObject) {
		if x, ok := o.(*kit.PhotoThumb); ok {
			thumb = x
		}
	})
	test.Tap(thumb)
	tapDialogButton(t, m, "删除照片")
	tapDialogButton(t, m, "删除")
	if files, _ := st.StepFiles(s.current.ID); len(files) != 0 || s.photos.Count() != 0 {
		t.Fatalf("after delete: %d files, %d shown", len(files), s.photos.Count())
	}
	press(t, m, fyne.KeyZ)
	if files, _ := st.StepFiles(s.current.ID); len(files) != 1 || s.photos.Count() != 1 {
		t.Fatalf("after Ctrl+Z: %d files, %d shown", len(files), s.photos.Count())
	}
}

// In English, with a decision's page and its step dialog open, the window still fits a 1024×600 screen.
func TestDecisionPageFitsASmallScreenInEnglish(t *testing.T) {
	m, st := englishWindow(t)
	vil := seedVillage(t, st, "东泉村")
	d := seedDecision(t, st, vil.ID, "村道路灯安装")
	v := decisionsOf(t, m)
	v.open(d.ID)
	v.page.page.Tabs.SelectIndex(1)
	if min := m.Env.Win.Content().MinSize(); min.Width > 1000 || min.Height > 520 {
		t.Errorf("the window cannot get smaller than %v: too big for a 1024×600 screen", min)
	}
	press(t, m, fyne.KeyN)
	var dialog fyne.CanvasObject = m.Env.Win.Canvas().Overlays().Top()
	if dialog == nil {
		t.Fatal("no step dialog")
	}
	if min := dialog.MinSize(); min.Height > 580 {
		t.Errorf("the step dialog needs %v", min)
	}
}
