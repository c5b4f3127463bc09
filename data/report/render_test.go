package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"cunji/data"
)

func sampleReport(projects int) *Report {
	r := &Report{Period: data.QuarterPeriod(2025, 3), VillageID: 1, Village: "龙山街道三涧溪村"}
	in := []data.Money{12345678, 250000, 3000000, 12050}
	for i, c := range data.IncomeCategories {
		r.Statement.Income = append(r.Statement.Income, CategoryAmount{Category: c, Amount: in[i]})
		r.Statement.IncomeTotal += in[i]
	}
	for i, c := range data.ExpenseCategories {
		m := data.Money(i * 123456)
		r.Statement.Expense = append(r.Statement.Expense, CategoryAmount{Category: c, Amount: m})
		r.Statement.ExpenseTotal += m
	}
	r.Statement.Operating = in[0] + in[1]
	r.Statement.Net = r.Statement.IncomeTotal - r.Statement.ExpenseTotal
	for i := range projects {
		p := ProjectFunds{Name: "蔬菜大棚连片发展项目（二期）冷库及分拣中心建设", Stage: data.Stages[i%len(data.Stages)],
			Budget: 150000000, DisbursedInPeriod: 2000000, Disbursed: 90000000}
		p.Balance = p.Budget - p.Disbursed
		r.Projects = append(r.Projects, p)
		r.ProjectTotal.Budget += p.Budget
		r.ProjectTotal.Disbursed += p.Disbursed
		r.ProjectTotal.DisbursedInPeriod += p.DisbursedInPeriod
		r.ProjectTotal.Balance += p.Balance
	}
	r.Distributions = []DistributionRow{
		{Date: data.MustDate(2025, 9, 1), Project: "光伏电站", Recipient: "张小明", Amount: 50000, Note: "电话13812345678"},
		{Date: data.MustDate(2025, 9, 2), Project: "光伏电站", Recipient: "脱贫户分红", Amount: 1500000},
	}
	r.Distributed = 1550000
	return r
}

func TestWriteDisclosureLayout(t *testing.T) {
	for _, n := range []int{3, 40} {
		var buf bytes.Buffer
		if err := writeDisclosure(&buf, sampleReport(n), DisclosureOptions{Date: data.MustDate(2025, 10, 8)}); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "d.pdf")
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("CUNJI_KEEP_PDF"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "sample"+string(rune('0'+n%10))+".pdf"), buf.Bytes(), 0o644)
		}
		txt, err := exec.Command("pdftotext", "-layout", out, "-").Output()
		if err != nil {
			t.Skip("pdftotext:", err)
		}
		t.Logf("%d projects: %d bytes\n%s", n, buf.Len(), txt)
	}
}
