package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"cunji/data"
)

// Sheets of the 三资 registers in the yearly workbook.
const (
	SheetContracts = "合同台账"
	SheetRent      = "租金收缴情况"
	SheetAssets    = "资产台账"
)

// escalationText is a contract's 递增条款 as written: 每3年递增5%.
func escalationText(c data.Contract) string {
	if c.EscalationYears == 0 {
		return ""
	}
	return fmt.Sprintf("每%d年递增%s", c.EscalationYears, percentText(c.EscalationBP))
}

// percentText writes basis points as a percentage without trailing zeros: 500 → 5%, 250 → 2.5%.
func percentText(bp int) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%d.%02d", bp/100, bp%100), "0"), ".") + "%"
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// contractSheet is the 合同台账: every live contract that started by the year's end, its terms and
// what the checks say at the year's rent cutoff.
func contractSheet(f *excelize.File, styles workbookStyles, st *data.Store, r *Report) error {
	cols := []column{
		{"合同编号", 14, colText}, {"村", 10, colText}, {"类型", 8, colText}, {"标的", 22, colText},
		{"面积(亩)", 10, colQty}, {"数量", 8, colQty}, {"单位", 6, colText},
		{"承包方", 20, colText}, {"承包方类别", 9, colText}, {"开始日期", 12, colDate}, {"结束日期", 12, colDate},
		{"付款方式", 8, colText}, {"年租金(元)", 14, colMoney}, {"总价款(元)", 14, colMoney}, {"缴费日", 7, colInt},
		{"保证金(元)", 12, colMoney}, {"递增条款", 14, colText}, {"公开交易", 8, colText}, {"决议记录", 8, colText},
		{"出租资产", 20, colText}, {"检查提示", 26, colText}, {"备注", 30, colText},
	}
	filter := data.ContractFilter{StartedBy: r.Period.To, Today: r.RentCutoff, Sort: "code"}
	rows, err := st.CountContracts(filter)
	if err != nil {
		return err
	}
	return writeSheet(f, SheetContracts, false, cols, styles, rows, func(sh *sheetWriter) error {
		return st.EachContract(filter, func(c data.ContractRow) error {
			var checks []string
			for _, ch := range c.Checks {
				checks = append(checks, data.CheckName(ch))
			}
			decision := "无"
			if c.Decided() {
				decision = "有"
			}
			return sh.add(c.Code, c.Village, c.Kind, c.Subject, c.Area, c.Quantity, c.Unit, c.Party, c.PartyKind, c.Start, c.End,
				c.Payment, c.AnnualRent, c.TotalPrice, c.DueDay, c.Deposit, escalationText(c.Contract), yesNo(c.PublicTrade), decision,
				c.Asset, strings.Join(checks, "、"), exportText(c.Note))
		})
	})
}

// rentSheet is the 租金收缴情况 of the year: due, received and overdue by contract, and their total.
func rentSheet(f *excelize.File, styles workbookStyles, r *Report) error {
	cols := []column{
		{"合同编号", 14, colText}, {"村", 10, colText}, {"标的", 22, colText}, {"承包方", 20, colText},
		{"开始日期", 12, colDate}, {"结束日期", 12, colDate},
		{"本年应收(元)", 15, colMoney}, {"本年实收(元)", 15, colMoney}, {"逾期未收(元)", 15, colMoney},
	}
	return writeSheet(f, SheetRent, false, cols, styles, len(r.Rent)+1, func(sh *sheetWriter) error {
		for _, x := range r.Rent {
			if err := sh.add(x.Code, x.Village, x.Subject, x.Party, x.Start, x.End, x.Due, x.Received, x.Overdue); err != nil {
				return err
			}
		}
		c := r.Contracts
		return sh.addTotal("合计", nil, fmt.Sprintf("逾期截至%s", r.RentCutoff), nil, nil, nil, c.RentDue, c.Received, c.Overdue)
	})
}

// assetSheet is the 资产台账 at the year's end: the assets held then, with their net value, and the total.
func assetSheet(f *excelize.File, styles workbookStyles, st *data.Store, r *Report) error {
	cols := []column{
		{"资产编号", 10, colText}, {"村", 10, colText}, {"名称", 22, colText}, {"类别", 8, colText}, {"来源", 12, colText},
		{"形成项目", 22, colText}, {"形成日期", 12, colDate}, {"原值(元)", 15, colMoney}, {"数量或面积", 10, colQty},
		{"单位", 6, colText}, {"存放地点", 16, colText}, {"使用状态", 8, colText}, {"出租合同", 20, colText},
		{"管护责任人", 10, colText}, {"所有权归属", 10, colText}, {"折旧年限", 8, colInt}, {"残值率", 7, colText},
		{"年末净值(元)", 15, colMoney}, {"备注", 30, colText},
	}
	filter := data.AssetFilter{HeldAt: r.Period.To, AsOf: r.Period.To}
	var net data.Money
	return writeSheet(f, SheetAssets, false, cols, styles, r.Assets.Count+1, func(sh *sheetWriter) error {
		err := st.EachAsset(filter, func(a data.AssetRow) error {
			net += a.NetValue
			residual := ""
			if a.DepreciationYears > 0 {
				residual = percentText(a.ResidualBP)
			}
			return sh.add(a.Code, a.Village, a.Name, a.Class, a.Source, a.Project, a.Formed, a.Value, a.Quantity, a.Unit,
				a.Location, a.Status, a.Contract, a.Keeper, a.Owner, a.DepreciationYears, residual, a.NetValue, exportText(a.Note))
		})
		if err != nil {
			return err
		}
		return sh.addTotal("合计", nil, fmt.Sprintf("%d项", r.Assets.Count), nil, nil, nil, nil, r.Assets.Value, nil, nil,
			nil, nil, nil, nil, nil, nil, nil, net, nil)
	})
}
