package app

import (
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"cunji/app/kit"
	"cunji/data"
	"cunji/data/report"
)

// The 各村对比 and 收益分配统计表 tabs of 报表: every village of the database side by side for the
// chosen period (the village choice does not narrow them), with the total line.

func newCompareTable() *reportTable {
	money := func(title string) reportCol { return reportCol{title, 130, true} }
	count := func(title string) reportCol { return reportCol{title, 100, true} }
	cols := []reportCol{{lang.L("村"), 110, false}, money(lang.L("经营性收入")), {lang.L("收入档次"), 100, false},
		money(lang.L("目标")), {lang.L("考核口径"), 130, false}, count(lang.L("完成")), money(lang.L("销售额")), count(lang.L("有销售农户"))}
	for _, ch := range data.Channels {
		cols = append(cols, money(lang.L(ch)))
	}
	cols = append(cols, count(lang.L("项目数")), reportCol{lang.L("项目阶段"), 200, false}, money(lang.L("项目资金")),
		money(lang.L("已拨付")), count(lang.L("拨付率")), money(lang.L("逾期租金")))
	return newReportTable(cols)
}

func newDistributionTable() *reportTable {
	cols := []reportCol{{lang.L("村"), 110, false}}
	for _, h := range report.DistributionHeadings {
		cols = append(cols, reportCol{lang.L(h), 120, true})
	}
	return newReportTable(cols)
}

// fillVillages puts a comparison into the two tables, the total line last. Fyne thread.
func (r *reportsView) fillVillages(c *data.VillagesCompared) {
	var rows, dist [][]string
	for _, x := range append(append([]data.VillageFigures{}, c.Rows...), c.Total) {
		name := x.Village
		if x.VillageID == 0 {
			name = lang.L("合计")
		}
		band, target, measure, percent := bandLabel(c.Bands[x.Band]), "", "", ""
		if x.VillageID == 0 {
			band = "" // a band of the villages' sum says nothing
		}
		if x.HasTarget {
			target, measure, percent = x.Target.String(), lang.L(data.MeasureName(x.Measure)), strconv.Itoa(x.Percent)+"%"
		}
		row := []string{name, x.Operating.String(), band, target, measure, percent, x.Sales.String(), strconv.Itoa(x.Households)}
		for _, ch := range data.Channels {
			row = append(row, x.ByChannel[ch].String())
		}
		row = append(row, strconv.Itoa(x.Projects), report.StagesText(c, x, kit.Word), x.Budget.String(), x.Disbursed.String(),
			strconv.Itoa(x.DisbursedPercent())+"%", x.RentOverdue.String())
		rows = append(rows, row)
		d := []string{name}
		for _, m := range report.DistributionAmounts(x.Distribution) {
			d = append(d, m.String())
		}
		dist = append(dist, d)
	}
	total := map[int]bool{len(rows) - 1: true}
	r.compare.SetRows(rows, total)
	var bands []string
	for i, n := range c.BandCounts {
		bands = append(bands, lang.X("reports.villages.band", "{{.Band}} {{.Count}} 个村", map[string]any{"Band": bandLabel(c.Bands[i]), "Count": n}))
	}
	r.bandsNote.SetText(lang.X("reports.villages.bands", "经营性收入分档：{{.Bands}}（分档界限在 设置 中修改）",
		map[string]any{"Bands": strings.Join(bands, lang.X("reports.list.sep", "；"))}))
	r.distribution.SetRows(dist, total)
}

var bandPattern = regexp.MustCompile(`^([0-9.]+)(?:–([0-9.]+))?万(以下|以上)?$`)

// bandLabel is a band's name in the window's language: 5–10万 reads ¥50k–100k in English.
func bandLabel(name string) string {
	if CurrentLanguage() != LangEnglish {
		return name
	}
	if name == "无收益" || name == "有收益" {
		return lang.L(name)
	}
	m := bandPattern.FindStringSubmatch(name)
	if m == nil {
		return name
	}
	k := func(wan string) string {
		f, _ := strconv.ParseFloat(wan, 64)
		if f >= 100 {
			return "¥" + strconv.FormatFloat(f/100, 'f', -1, 64) + "M"
		}
		return "¥" + strconv.FormatFloat(f*10, 'f', -1, 64) + "k"
	}
	switch {
	case m[3] == "以下":
		return "under " + k(m[1])
	case m[3] == "以上":
		return k(m[1]) + " and over"
	}
	return k(m[1]) + "–" + strings.TrimPrefix(k(m[2]), "¥")
}
