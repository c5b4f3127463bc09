package report

import (
	"fmt"
	"io"

	"github.com/signintech/gopdf"
	"github.com/xuri/excelize/v2"

	"cunji/assets"
	"cunji/data"
)

// SheetPartners is the 帮扶单位贡献表 in the yearly workbook.
const SheetPartners = "帮扶单位贡献表"

// partnerSheet is the year's 帮扶单位贡献表: every unit side by side, and the totals.
func partnerSheet(f *excelize.File, styles workbookStyles, r *Report) error {
	cols := []column{
		{"帮扶单位", 26, colText}, {"类别", 10, colText}, {"出资金额(元)", 15, colMoney}, {"采购金额(元)", 15, colMoney},
		{"采购场次", 9, colInt}, {"参与项目", 9, colInt}, {"派出人数", 9, colInt}, {"走访帮扶", 9, colInt},
	}
	return writeSheet(f, SheetPartners, false, cols, styles, len(r.Partners)+1, func(sh *sheetWriter) error {
		for _, c := range r.Partners {
			if err := sh.add(c.Name, c.Kind, c.Funding, c.Purchases, c.Events, c.Projects, c.People, c.Visits); err != nil {
				return err
			}
		}
		t := r.PartnerTotal
		return sh.addTotal("合计", fmt.Sprintf("%d个单位", len(r.Partners)), t.Funding, t.Purchases, t.Events, t.Projects, t.People, t.Visits)
	})
}

// PartnersPDF writes the 帮扶单位贡献表 of a period and village (0: all) as an A4 PDF, drawn by
// the disclosure sheet's code.
func PartnersPDF(st *data.Store, p data.Period, villageID int64, w io.Writer) error {
	rows, total, err := st.PartnerContributions(p, villageID)
	if err != nil {
		return err
	}
	where := "全部村"
	if villageID != 0 {
		v, err := st.GetVillage(villageID)
		if err != nil {
			return err
		}
		where = v.Town + v.Name
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: "帮扶单位贡献表" + where + p.Chinese(), Creator: "村记"})
	if err := pdf.AddTTFFontData(fontFamily, assets.FontTTF); err != nil {
		return fmt.Errorf("贡献表字体无法加载：%w", err)
	}
	s := &sheet{pdf: pdf}
	s.newPage()
	s.font(20)
	s.textIn(marginX, s.y, contentW, "帮扶单位贡献表", gopdf.Center)
	s.y += 34
	s.font(bodySize)
	s.textIn(marginX, s.y, contentW, "村："+where, gopdf.Left)
	s.textIn(marginX, s.y, contentW, "期间："+p.Chinese(), gopdf.Center)
	s.textIn(marginX, s.y, contentW, "金额单位：元", gopdf.Right)
	s.y += lineH + 8
	s.table([]pdfCol{
		{"帮扶单位", 130, gopdf.Left}, {"类别", 52, gopdf.Center}, {"出资金额", 76, gopdf.Right}, {"采购金额", 76, gopdf.Right},
		{"采购场次", 43, gopdf.Right}, {"参与项目", 43, gopdf.Right}, {"派出人数", 43, gopdf.Right},
		{"走访帮扶", contentW - 463, gopdf.Right},
	})
	for _, c := range rows {
		s.row([]pdfCell{{text: c.Name}, {text: c.Kind}, {text: figures(c.Funding)}, {text: figures(c.Purchases)},
			{text: fmt.Sprint(c.Events)}, {text: fmt.Sprint(c.Projects)}, {text: fmt.Sprint(c.People)}, {text: fmt.Sprint(c.Visits)}})
	}
	s.row([]pdfCell{{text: "合计", bold: true, span: 2}, {text: figures(total.Funding), bold: true}, {text: figures(total.Purchases), bold: true},
		{text: fmt.Sprint(total.Events), bold: true}, {text: fmt.Sprint(total.Projects), bold: true}, {text: fmt.Sprint(total.People), bold: true},
		{text: fmt.Sprint(total.Visits), bold: true}})
	s.endTable()
	s.y += 10
	s.note("出资金额按资金来源注明出资单位的项目资金（项目开始年度在期间内）计；采购金额按关联到该单位的销售场次计；参与项目按期间内在实施的项目计；合计的参与项目按项目个数计，不重复。走访帮扶按驻村工作日志中记有该单位来访或帮扶的天数计。")
	s.pageNumbers()
	if s.err != nil {
		return s.err
	}
	_, err = pdf.WriteTo(w)
	return err
}
