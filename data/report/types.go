// Package report turns the ledgers into the tables the 报表 screen shows, the yearly Excel
// workbook and the 村务公开表 PDF. One set of functions gives the numbers to all of them.
package report

import "cunji/data"

// CategoryAmount is one income or expense category's total in a period.
type CategoryAmount struct {
	Category string
	Amount   data.Money
}

// IncomeStatement is the 收支汇总: income and expense by category and the three figures a
// target can be judged on.
type IncomeStatement struct {
	Income       []CategoryAmount // every income category in the ledger's order, zeros included
	Expense      []CategoryAmount // every expense category in order, zeros included
	IncomeTotal  data.Money
	ExpenseTotal data.Money
	Operating    data.Money // 经营性收入 = income less 补助收入 and 其他收入
	Net          data.Money // income less expenses
}

// SalesGroup is one line of a 销售汇总: a channel, a product or a seller.
type SalesGroup struct {
	Name   string     // channel, product (with its spec) or seller
	Detail string     // product: unit; seller: kind and household status (农户 · 脱贫户)
	Lines  int        // sale lines
	Amount data.Money // total
}

// SourceAmount is a project's funding from one source.
type SourceAmount struct {
	Source string
	Amount data.Money
}

// ProjectFunds is one row of the 项目资金情况表.
type ProjectFunds struct {
	ProjectID         int64
	Name              string
	Type              string
	Villages          string         // names joined with 、
	Share             int            // the report's village's share in basis points (data.ShareWhole: the whole project)
	Stage             string         // current stage at the end of the period ("" when none recorded)
	Sources           []SourceAmount // non-zero sources in data.FundingSources order
	Budget            data.Money     // all funding lines
	DisbursedInPeriod data.Money     // disbursed within the period
	Disbursed         data.Money     // disbursed up to the end of the period
	Balance           data.Money     // Budget − Disbursed
	Distributed       data.Money     // income distributed within the period
}

// DistributionRow is one income distribution (收益分配) within the period.
type DistributionRow struct {
	Date      data.Date
	Project   string
	Recipient string
	Amount    data.Money
	Note      string
}

// Report holds every table of the 报表 screen for one period and village (0: all villages),
// except the entry-by-entry 集体收支明细表, which EachEntry streams.
type Report struct {
	Period    data.Period
	VillageID int64
	Village   string // the village's name with its town (e.g. 龙山街道三涧溪村); "全部村" for all

	Statement IncomeStatement

	SalesTotal     data.Money
	SalesLines     int
	SalesEvents    int          // market days, deliveries, livestreams … dated in the period
	SalesSellers   int          // sellers with at least one line
	SalesByChannel []SalesGroup // every channel, zeros included, in data.Channels order
	SalesByProduct []SalesGroup // by amount, largest first
	SalesBySeller  []SalesGroup // the 共富账单, by amount, largest first

	Projects      []ProjectFunds
	ProjectTotal  ProjectFunds // the sums of Projects (Name "合计")
	Distributions []DistributionRow
	Distributed   data.Money

	Contracts  data.ContractFigures     // the summary's contract figures
	RentCutoff data.Date                // the day overdue rent is counted at (the period's end, or today when earlier)
	Rent       []data.RentCollectionRow // the 租金收缴情况: one line per contract, by code; their sums are Contracts'
	Assets     data.AssetFigures        // the assets held at the period's end

	Decisions    []DecisionLine             // 四议两公开 matters posted within the period, newest first
	Partners     []data.PartnerContribution // the 帮扶单位贡献表: every live unit, by name
	PartnerTotal data.PartnerContribution   // its totals (projects counted once)
}
