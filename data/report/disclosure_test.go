package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cunji/data"
)

// pdfText writes pdf to a file and returns its text as `pdftotext -layout` reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing in CI: make test should have installed poppler-utils")
		}
		t.Skip("pdftotext not installed (make test installs poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "公开表.pdf")
	must(t, os.WriteFile(path, pdf, 0o644))
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	must(t, err)
	return string(out)
}

// flat removes all white space, so text that pdftotext spaced out or a table cell wrapped
// can still be found.
// pdfRawText is the PDF's text in the order it was drawn (pdftotext -raw): a table cell's wrapped
// lines stay together.
func pdfRawText(t *testing.T, pdf []byte) string {
	t.Helper()
	pdfText(t, pdf) // skips without pdftotext
	path := filepath.Join(t.TempDir(), "raw.pdf")
	must(t, os.WriteFile(path, pdf, 0o644))
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	must(t, err)
	return string(out)
}

func flat(s string) string { return strings.Join(strings.Fields(s), "") }

func TestDisclosureShowsTotalsAndHidesPeople(t *testing.T) {
	f := newFixture(t)
	p := data.QuarterPeriod(2025, 3)
	var buf bytes.Buffer
	must(t, Disclosure(f.st, p, f.east.ID, &buf, DisclosureOptions{Date: data.MustDate(2025, 10, 8), Note: "本季度光伏收益已按村民代表会议决议分配，李建国等农户另行发放。联系电话 " + f.phone}))
	text := pdfText(t, buf.Bytes())
	all := flat(text)

	sum, err := f.st.PeriodSummary(p, f.east.ID)
	must(t, err)
	if sum.Income.Total == 0 || sum.Expense.Total == 0 {
		t.Fatalf("fixture has no Q3 figures: %+v", sum)
	}
	want := []string{
		"村务公开表", "财务收支", p.Chinese(), "龙山街道三涧溪村",
		sum.Income.Total.String(), sum.Income.Total.Capital(),
		sum.Expense.Total.String(), sum.Expense.Total.Capital(),
		sum.Income.Operating.String(), sum.Net.String(), sum.Net.Capital(),
		"村党组织", "村民委员会", "民主理财小组", "2025年10月8日",
		"村级光伏电站", "蔬菜大棚连片发展", // a long name wraps inside its cell
		"本村份额50%", // the 联建 shed's amounts are the village's share
		"张*明", "本季度光伏收益", "李*国等农户",
		// 合同与租金: the pond's July half (6,000.00) due, 2,000.00 received, 4,000.00 overdue; its lessee masked.
		"三、合同与租金", "村南鱼塘", "李*国", "6,000.00", "2,000.00", "4,000.00", "四、收益分配情况",
	}
	for _, c := range sum.Income.ByCategory {
		want = append(want, strings.TrimPrefix(c.String(), "¥"))
	}
	for _, w := range want {
		if !strings.Contains(all, flat(w)) {
			t.Errorf("the disclosure lacks %q", w)
		}
	}
	for _, secret := range f.secrets {
		if strings.Contains(all, flat(secret)) {
			t.Errorf("the disclosure shows %q", secret)
		}
	}
	// Digits of an ID or phone number must not appear in any form.
	for _, secret := range []string{f.id[6:14], f.phone[3:7]} {
		if strings.Contains(all, secret) {
			t.Errorf("the disclosure shows part of a number: %q", secret)
		}
	}
	if t.Failed() {
		t.Log(text)
	}
}

func TestDisclosureLongTablesRepeatHeader(t *testing.T) {
	var buf bytes.Buffer
	must(t, writeDisclosure(&buf, sampleReport(60), DisclosureOptions{Date: data.MustDate(2025, 10, 8)}))
	text := pdfText(t, buf.Bytes())
	pages := strings.Split(text, "\f")
	if len(pages) < 3 {
		t.Fatalf("60 projects on %d pages", len(pages))
	}
	for i, page := range pages[1:] {
		if strings.Contains(page, "蔬菜大棚") && !strings.Contains(flat(page), "项目名称阶段资金总额") {
			t.Errorf("page %d does not repeat the table header:\n%s", i+2, page)
		}
	}
	if !strings.Contains(flat(text), "民主理财小组") || !strings.Contains(flat(pages[0]), "第1页") {
		t.Errorf("signatures or page numbers missing")
	}
}

func TestPublicRecipient(t *testing.T) {
	for in, want := range map[string]string{
		"张小明":            "张*明",
		"欧阳秀英":           "欧**英",
		"脱贫户分红":          "脱贫户分红",
		"全体村民":           "全体村民",
		"三涧溪果蔬专业合作社":     "三涧溪果蔬专业合作社",
		"李四等12户":         "李四等12户",
		"王五 13812345678": "王五 138****5678",
	} {
		if got := publicRecipient(in); got != want {
			t.Errorf("publicRecipient(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDisclosureNeedsVillage(t *testing.T) {
	f := newFixture(t)
	if err := Disclosure(f.st, data.YearPeriod(2025), 0, &bytes.Buffer{}, DisclosureOptions{}); err == nil {
		t.Fatal("a disclosure for all villages at once was written")
	}
}

func TestDemoDisclosureShowsNoPersonalData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	must(t, data.Demo(path, data.DemoOptions{Sales: 3000, Years: 2, Villages: 2, Today: data.MustDate(2025, 12, 31), Seed: 3}))
	st, err := data.OpenExisting(path)
	must(t, err)
	defer st.Close()
	sellers, err := st.ListSellers(data.SellerFilter{}, 0, 100000)
	must(t, err)
	villages, err := st.Villages()
	must(t, err)
	for _, v := range villages {
		for _, p := range []data.Period{data.YearPeriod(2025), data.QuarterPeriod(2025, 4), data.MonthPeriod(2024, 6)} {
			var buf bytes.Buffer
			must(t, Disclosure(st, p, v.ID, &buf, DisclosureOptions{}))
			all := flat(pdfText(t, buf.Bytes()))
			sum, err := st.PeriodSummary(p, v.ID)
			must(t, err)
			for _, want := range []string{p.Chinese(), v.Name, sum.Income.Total.String(), sum.Income.Total.Capital(), sum.Expense.Total.Capital()} {
				if !strings.Contains(all, want) {
					t.Errorf("%s %s: lacks %q", v.Name, p, want)
				}
			}
			for _, s := range sellers {
				if s.Kind == "农户" && strings.Contains(all, s.Name) {
					t.Errorf("%s %s: shows the name %q", v.Name, p, s.Name)
				}
				for _, secret := range []string{s.Phone, s.IDNumber} {
					if secret != "" && strings.Contains(all, secret) {
						t.Errorf("%s %s: shows %q", v.Name, p, secret)
					}
				}
			}
		}
	}
	withNumbers := 0
	for _, s := range sellers {
		if s.Phone != "" || s.IDNumber != "" {
			withNumbers++
		}
	}
	if len(sellers) == 0 || withNumbers == 0 {
		t.Fatalf("the demo has %d sellers, %d with a phone or ID number: nothing was checked", len(sellers), withNumbers)
	}
}

func TestDisclosurePrintsTheFirstSecretary(t *testing.T) {
	f := newFixture(t)
	must(t, f.st.SetSetting(data.SettingSecretary, "王志强"))
	must(t, f.st.SetSetting(data.SettingUnit, "济南市农业农村局"))
	var buf bytes.Buffer
	must(t, Disclosure(f.st, data.QuarterPeriod(2025, 3), f.east.ID, &buf, DisclosureOptions{Date: data.MustDate(2025, 10, 8)}))
	all := flat(pdfText(t, buf.Bytes()))
	for _, want := range []string{"驻村第一书记：王志强", "派出单位：济南市农业农村局"} {
		if !strings.Contains(all, want) {
			t.Errorf("the disclosure lacks %q:\n%s", want, all)
		}
	}
}

func TestDisclosureAsOfDateIsNeverInTheFuture(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		today     data.Date
		want, not string
	}{
		{data.MustDate(2025, 12, 1), "截至2025年12月1日", "截至2025年12月31日"},
		{data.MustDate(2026, 3, 5), "截至2025年12月31日", "截至2026年3月5日"},
	} {
		var buf bytes.Buffer
		must(t, Disclosure(f.st, data.YearPeriod(2025), f.east.ID, &buf, DisclosureOptions{Today: c.today}))
		all := flat(pdfText(t, buf.Bytes()))
		if !strings.Contains(all, c.want) || strings.Contains(all, c.not) {
			t.Errorf("made on %s: want %q, not %q:\n%s", c.today, c.want, c.not, all)
		}
	}
}

// The sheet lists the village's 四议两公开 matters posted within the period, with the
// resolution's date and result (a resolution without a majority says so); matters posted in
// another period or by another village are not on it.
func TestDisclosureListsDecisionsPostedInThePeriod(t *testing.T) {
	f := newFixture(t)
	st := f.st
	decide := func(village int64, matter string, resolved, posted string, present, votesFor int) {
		t.Helper()
		d := &data.Decision{VillageID: village, Matter: matter, Kind: "集体收益使用", Source: "村干部提议"}
		must(t, st.SaveDecision(d))
		day := date(t, resolved)
		for _, s := range []data.DecisionStep{
			{Step: data.StepPropose, Date: day.AddDays(-9), Expected: 5, Present: 5, For: 5},
			{Step: data.StepDiscuss, Date: day.AddDays(-7), Expected: 9, Present: 9, For: 9},
			{Step: data.StepReview, Date: day.AddDays(-4), Expected: 30, Present: 26, For: 26},
			{Step: data.StepResolve, Date: day, Expected: 45, Present: present, For: votesFor, Against: present - votesFor},
			{Step: data.StepPublishResolve, Date: date(t, posted), Form: "公开栏", Place: "村务公开栏", Days: 7},
		} {
			s.DecisionID = d.ID
			must(t, st.SaveDecisionStep(&s))
		}
	}
	decide(f.east.ID, "光伏收益分配方案", "2025-07-10", "2025-07-12", 40, 33)
	decide(f.east.ID, "村道路灯维修", "2025-08-20", "2025-08-22", 40, 18)
	decide(f.east.ID, "上半年的事项", "2025-05-10", "2025-05-12", 40, 40)
	decide(f.west.ID, "西村的事项", "2025-07-10", "2025-07-12", 40, 40)
	var buf bytes.Buffer
	must(t, Disclosure(st, data.QuarterPeriod(2025, 3), f.east.ID, &buf, DisclosureOptions{Date: data.MustDate(2025, 10, 8)}))
	text := pdfText(t, buf.Bytes())
	all := flat(text)
	for _, w := range []string{"五、“四议两公开”事项（本期公开）", "事项", "决议日期", "公开日期", "决议结果",
		"光伏收益分配方案", "2025-07-10", "2025-07-12", "通过（同意33票，反对7票，弃权0票）",
		"村道路灯维修", "2025-08-22", "未通过（同意18票，实到40人）"} {
		if !strings.Contains(all, flat(w)) {
			t.Errorf("the disclosure lacks %q", w)
		}
	}
	for _, w := range []string{"上半年的事项", "西村的事项"} {
		if strings.Contains(all, w) {
			t.Errorf("the disclosure lists %q", w)
		}
	}
	if t.Failed() {
		t.Log(text)
	}
}
