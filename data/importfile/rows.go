package importfile

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"cunji/data"
)

// rowBuilder turns one data row into a typed row, or into errors naming the column and why.
type rowBuilder struct {
	sp   *sheetParser
	r    rawRow
	ref  data.ImportRef
	errs []RowError

	outSale    *data.ImportSale
	outEntry   *data.ImportEntry
	outProject *data.ImportProject
}

// fail records an error on column col (-1: the field's column).
func (b *rowBuilder) fail(f Field, col int, key, msg string) {
	name := ""
	switch {
	case col >= 0:
		name = b.sp.colName(col)
	case f != FieldNone:
		name = b.sp.fieldCol(f)
	}
	b.errs = append(b.errs, RowError{Sheet: b.ref.Sheet, Row: b.ref.Row, Column: name, Message: msg, Key: key})
}

func (b *rowBuilder) failValue(f Field, col int, e *valueError) { b.fail(f, col, e.Key, e.Msg) }

// keep adds the row to the result (or hands it to Options.OnRow) and its totals; false: stop reading.
func (b *rowBuilder) keep() bool {
	res := b.sp.res
	if on := b.sp.opt.OnRow; on != nil {
		var row any
		switch {
		case b.outSale != nil:
			row = *b.outSale
		case b.outEntry != nil:
			row = *b.outEntry
		case b.outProject != nil:
			row = *b.outProject
		}
		if !on(row) {
			return false
		}
	}
	switch {
	case b.outSale != nil:
		if b.sp.opt.OnRow == nil {
			res.sales = append(res.sales, *b.outSale)
		}
		res.Totals.Amount += b.outSale.Amount
		res.Totals.Lines++
	case b.outEntry != nil:
		if b.sp.opt.OnRow == nil {
			res.entries = append(res.entries, *b.outEntry)
		}
		if b.outEntry.Direction == data.DirectionIncome {
			res.Totals.Income += b.outEntry.Amount
			if b.outEntry.Category != data.IncomeSubsidy && b.outEntry.Category != data.IncomeOther {
				res.Totals.Operating += b.outEntry.Amount
			}
		} else {
			res.Totals.Expense += b.outEntry.Amount
		}
	case b.outProject != nil:
		if b.sp.opt.OnRow == nil {
			res.projects = append(res.projects, *b.outProject)
		}
		res.Totals.Count++
		for _, f := range b.outProject.Funding {
			res.Totals.Budget += f.Amount
		}
		res.Totals.Disbursed += b.outProject.Disbursed
	}
	return true
}

// text is a field's text.
func (b *rowBuilder) text(f Field) string { return b.sp.text(b.r, f) }

// money reads a money field; funding fields add up every column mapped to them.
func (b *rowBuilder) money(f Field) (data.Money, bool, bool) {
	var sum data.Money
	blank, ok := true, true
	for _, c := range b.sp.byField[f] {
		var x cell
		if c < len(b.r.cells) {
			x = b.r.cells[c]
		}
		a, err := parseAmount(x, b.sp.cols[c].scale)
		if err != nil {
			b.failValue(f, c, err)
			ok = false
			continue
		}
		if !a.blank {
			blank = false
			sum += a.fen
		}
		if fundingSource[f] == "" {
			break
		}
	}
	return sum, blank, ok
}

// show writes an amount as the file does: 12万元（¥120,000.00） in a 万元 column.
func (b *rowBuilder) show(f Field, m data.Money) string {
	if cols := b.sp.byField[f]; len(cols) > 0 && b.sp.cols[cols[0]].scale == TenThousand {
		return wanYuan(m) + "万元（" + m.String() + "）"
	}
	return m.String()
}

// wanYuan is fen as 万元 with no needless zeros: 186806.51 yuan → 18.680651.
func wanYuan(m data.Money) string {
	neg := m < 0
	if neg {
		m = -m
	}
	s := strconv.FormatInt(int64(m/1_000_000), 10)
	if frac := int64(m % 1_000_000); frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// word maps a local word of a field to its official value: the user's choice, else the table.
// An unknown word is an error and is listed for the user to map.
func (b *rowBuilder) word(f Field, text string) (string, bool) {
	k := [2]string{string(f), text}
	v, seen := b.sp.words[k] // a column repeats its few words on every row
	if !seen {
		var ok bool
		if v, ok = b.sp.opt.Memory.Words[wordKey(f, text)]; !ok {
			v, _ = lookupWord(wordIndex[f], text)
		}
		b.sp.words[k] = v
	}
	if v == "" {
		b.unknown(f, text)
		return "", false
	}
	return v, true
}

func (b *rowBuilder) unknown(f Field, text string) {
	b.sp.res.unknown[[2]string{string(f), text}]++
	b.fail(f, -1, "err.import.word.unknown", fmt.Sprintf("不认识%s“%s”，请在预览里选择它对应的%s（可选：%s）",
		f.Label(), short(text), f.Label(), strings.Join(WordChoices(f), "、")))
}

// date reads the row's date: a date column, or 月 and 日 columns with the 月 carried down
// (merged over a block of rows, or written on each month's first row). A sales row without a
// date is on the date above it (a market day's date written once).
func (b *rowBuilder) date(carry bool) data.Date {
	sp := b.sp
	if len(sp.byField[FieldDate]) == 0 && len(sp.byField[FieldDay]) > 0 {
		if mc, col := sp.cellOf(b.r, FieldMonth); mc.kind != cellEmpty && tidyText(mc.text) != "" {
			m, ok := parseMonth(mc)
			if !ok {
				b.fail(FieldMonth, col, "err.import.date.month", fmt.Sprintf("月份“%s”不对，应为1到12", short(mc.text)))
				return data.Date{}
			}
			sp.month = m
		}
		dc, dcol := sp.cellOf(b.r, FieldDay)
		switch {
		case sp.month == 0:
			b.fail(FieldMonth, -1, "err.import.date.month", "这一行和上面都没有写月份，请填写月")
			return data.Date{}
		case dc.kind == cellEmpty || tidyText(dc.text) == "":
			b.fail(FieldDay, dcol, "err.import.date.day", "缺少日，请填写这一笔是几号")
			return data.Date{}
		case sp.sheet.Year == 0:
			b.fail(FieldMonth, -1, "err.import.date.year", "表格只写了月和日，标题和工作表名里也没有年份，请指定年份（命令行用 -year）")
			return data.Date{}
		}
		d, ok := parseDay(dc)
		if !ok {
			b.fail(FieldDay, dcol, "err.import.date.day", fmt.Sprintf("日“%s”不对，应为1到31", short(dc.text)))
			return data.Date{}
		}
		dv, err := dateFrom(sp.sheet.Year, sp.month, d, fmt.Sprintf("%d月%d日", sp.month, d))
		if err != nil {
			b.failValue(FieldDay, dcol, err)
			return data.Date{}
		}
		return dv.date
	}
	c, col := sp.cellOf(b.r, FieldDate)
	dv, err := parseDate(c, sp.sheet.Year, sp.date1904)
	if err != nil {
		b.failValue(FieldDate, col, err)
		return data.Date{}
	}
	if dv.none {
		if carry && !sp.lastDate.IsZero() {
			return sp.lastDate
		}
		b.fail(FieldDate, col, "err.import.date.missing", "缺少日期，请填写这一笔的日期，例如 2024-05-08")
		return data.Date{}
	}
	if carry {
		sp.lastDate = dv.date
	}
	return dv.date
}

// sale reads a sales row; it returns its content for the duplicate check.
func (b *rowBuilder) sale() any {
	sp := b.sp
	x := &data.ImportSale{Ref: b.ref}
	x.Date = b.date(true)
	x.Village = b.text(FieldVillage)
	if x.Seller = b.text(FieldSeller); x.Seller == "" {
		b.fail(FieldSeller, -1, "err.import.sale.seller", "缺少姓名（卖家），请填写是谁卖的")
	}
	if x.Product = b.text(FieldProduct); x.Product == "" {
		b.fail(FieldProduct, -1, "err.import.sale.product", "缺少产品名称，请填写卖的是什么")
	}
	x.Spec = b.text(FieldSpec)
	x.Unit = b.text(FieldUnit)
	qc, qcol := sp.cellOf(b.r, FieldQuantity)
	if x.Unit == "" && qcol >= 0 {
		x.Unit = sp.cols[qcol].unit
	}
	q, qBlank, qErr := parseQuantity(qc)
	switch {
	case qErr != nil:
		b.failValue(FieldQuantity, qcol, qErr)
	case qBlank:
		b.fail(FieldQuantity, qcol, "err.import.qty.missing", "缺少数量，请填写卖了多少（只写数字）")
	}
	x.Quantity = q
	price, priceBlank, priceOK := b.money(FieldPrice)
	amount, amountBlank, amountOK := b.money(FieldAmount)
	if priceOK && price < 0 {
		b.fail(FieldPrice, -1, "err.import.sale.negative", "单价是负数，请填写正数；退货请不要用负数导入")
		priceOK = false
	}
	if amountOK && amount < 0 {
		b.fail(FieldAmount, -1, "err.import.sale.negative",
			fmt.Sprintf("销售额是负数（%s），助农销售台账不记负数；退货请在村记里删除原来的记录，或从表格里去掉这一行", amount.Plain()))
		amountOK = false
	}
	if qErr == nil && !qBlank && priceOK && amountOK {
		switch {
		case priceBlank && amountBlank:
			b.fail(FieldAmount, -1, "err.import.sale.amount", "缺少金额和单价，请至少填写其中一个")
		case amountBlank:
			x.Price, x.Amount = price, q.Times(price)
		case priceBlank:
			x.Amount, x.Price = amount, unitPrice(amount, q)
			x.AmountTyped = q.Times(x.Price) != amount
		default:
			x.Price, x.Amount = price, amount
			want := q.Times(price)
			if diff := amount - want; diff > 1 || diff < -1 {
				b.fail(FieldAmount, -1, "err.import.sale.mismatch", fmt.Sprintf("金额 %s 与 数量×单价（%s×%s=%s）不符，相差超过1分，请核对数量、单价和金额",
					amount.Plain(), q, price.Plain(), want.Plain()))
			}
			x.AmountTyped = amount != want
		}
	}
	x.Channel = data.ChannelOther
	if t := b.text(FieldChannel); t != "" {
		x.Channel, _ = b.word(FieldChannel, t)
	}
	if t := b.text(FieldSellerStatus); t != "" {
		x.SellerStatus, _ = b.word(FieldSellerStatus, t)
	}
	x.Place, x.Buyer, x.Payment, x.Note = b.text(FieldPlace), b.text(FieldBuyer), b.text(FieldPayment), b.text(FieldNote)
	b.outSale = x
	sig := *x
	sig.Ref = data.ImportRef{}
	return sig
}

// unitPrice is amount ÷ quantity rounded to the fen (a file with amounts and no prices).
func unitPrice(amount data.Money, q data.Quantity) data.Money {
	if q <= 0 {
		return 0
	}
	num := int64(amount) * 1000
	if num/1000 != int64(amount) {
		return 0
	}
	p := (num*2 + int64(q)) / (2 * int64(q))
	return data.Money(p)
}

// directionWords read a 收支 column.
var directionWords = map[string]string{"收": data.DirectionIncome, "收入": data.DirectionIncome, "借": data.DirectionIncome,
	"借方": data.DirectionIncome, "支": data.DirectionExpense, "支出": data.DirectionExpense, "贷": data.DirectionExpense,
	"贷方": data.DirectionExpense, "付": data.DirectionExpense}

// entry reads a collective income or expense row.
func (b *rowBuilder) entry() any {
	sp := b.sp
	x := &data.ImportEntry{Ref: b.ref}
	x.Date = b.date(false)
	x.Village = b.text(FieldVillage)
	income, incomeBlank, okIn := b.money(FieldIncome)
	expense, expenseBlank, okOut := b.money(FieldExpense)
	single, singleBlank, okOne := b.money(FieldAmount)
	hasIn, hasOut := okIn && !incomeBlank && income != 0, okOut && !expenseBlank && expense != 0
	word := b.text(FieldCategory)
	switch {
	case !okIn || !okOut || !okOne:
	case len(sp.byField[FieldIncome])+len(sp.byField[FieldExpense]) > 0:
		switch {
		case hasIn && hasOut:
			b.fail(FieldIncome, -1, "err.import.entry.both", fmt.Sprintf("收入（%s）和支出（%s）都填了金额，一行只能是一笔收入或一笔支出，请分成两行",
				income.Plain(), expense.Plain()))
		case !hasIn && !hasOut && (singleBlank || single == 0):
			b.fail(FieldIncome, -1, "err.import.entry.neither", "收入和支出都没有金额，请填写其中一个")
		case hasIn:
			x.Direction, x.Amount = data.DirectionIncome, income
		case hasOut:
			x.Direction, x.Amount = data.DirectionExpense, expense
		default:
			x.Amount = single
		}
	case singleBlank || single == 0:
		b.fail(FieldAmount, -1, "err.import.entry.neither", "没有金额，请填写金额")
	default:
		x.Amount = single
	}
	if x.Direction == "" && x.Amount != 0 { // one amount column: a 收支 column, else the category says
		if t := b.text(FieldDirection); t != "" {
			d, ok := directionWords[normHeader(t)]
			if !ok {
				b.fail(FieldDirection, -1, "err.import.entry.direction", fmt.Sprintf("收支方向“%s”看不懂，请写“收入”或“支出”", short(t)))
			}
			x.Direction = d
		} else if word != "" {
			x.Direction = b.directionOf(word)
		}
	}
	if x.Amount < 0 {
		b.fail(FieldAmount, -1, "err.import.entry.negative", fmt.Sprintf("金额是负数（%s），请填写正数；冲销请在村记里删除或修改原来的记录", x.Amount.Plain()))
	}
	if word == "" {
		b.fail(FieldCategory, -1, "err.import.entry.category", "类别是空的，请填写这一笔的科目，例如“经营收入”“管理费用”")
	} else if x.Direction != "" {
		x.Category, x.SubItem = b.category(word, x.Direction)
	}
	if s := b.text(FieldSubItem); s != "" {
		x.SubItem = s
	}
	x.Voucher, x.Counterparty = b.text(FieldVoucher), b.text(FieldCounterparty)
	x.Note = joinNonEmpty("；", b.text(FieldSummary), b.text(FieldNote))
	b.outEntry = x
	sig := *x
	sig.Ref = data.ImportRef{}
	return sig
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// directionOf tells income from expense by the category word ("" when it cannot).
func (b *rowBuilder) directionOf(word string) string {
	if v, ok := b.sp.opt.Memory.Words[wordKey(FieldCategory, word)]; ok {
		if slices.Contains(data.IncomeCategories, v) {
			return data.DirectionIncome
		}
		return data.DirectionExpense
	}
	_, in := lookupWord(categoryIndex[data.DirectionIncome], word)
	_, out := lookupWord(categoryIndex[data.DirectionExpense], word)
	switch {
	case in && !out:
		return data.DirectionIncome
	case out && !in:
		return data.DirectionExpense
	case in && out:
		b.fail(FieldCategory, -1, "err.import.entry.direction", fmt.Sprintf("“%s”可以是收入也可以是支出，表格只有一列金额，请加一列“收支”写明", short(word)))
	default:
		b.unknown(FieldCategory, word)
	}
	return ""
}

// category maps a 类别 word to the official category of the direction; a local word (光伏收益)
// becomes the sub-item.
func (b *rowBuilder) category(word, direction string) (string, string) {
	official, ok := b.sp.opt.Memory.Words[wordKey(FieldCategory, word)]
	if !ok {
		official, ok = lookupWord(categoryIndex[direction], word)
	}
	if !ok {
		other := data.DirectionExpense
		if direction == data.DirectionExpense {
			other = data.DirectionIncome
		}
		if _, elsewhere := lookupWord(categoryIndex[other], word); elsewhere {
			b.fail(FieldCategory, -1, "err.import.entry.direction", fmt.Sprintf("类别“%s”是%s科目，但金额写在%s那边，请核对",
				short(word), data.DirectionName(other), data.DirectionName(direction)))
			return "", ""
		}
		b.unknown(FieldCategory, word)
		return "", ""
	}
	if !slices.Contains(data.Categories(direction), official) {
		b.fail(FieldCategory, -1, "err.import.entry.direction", fmt.Sprintf("类别“%s”对应的科目“%s”不是%s科目，请核对", short(word), official,
			data.DirectionName(direction)))
		return "", ""
	}
	sub := ""
	if normHeader(word) != normHeader(official) {
		sub = tidyText(word)
	}
	return official, sub
}

var (
	reListSep = regexp.MustCompile(`[、，,；;/／\s]+`)
	reVillage = regexp.MustCompile(`^(.{1,12}?村)`)
)

// villagesOf reads a 建设地点: the village names it lists (东泉村、西岭村; 东泉村三组 → 东泉村);
// places without a 村 go to the note.
func villagesOf(place string) (villages []string, rest string) {
	var other []string
	for _, part := range reListSep.Split(place, -1) {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if m := reVillage.FindStringSubmatch(part); m != nil {
			if !slices.Contains(villages, m[1]) {
				villages = append(villages, m[1])
			}
			if m[1] != part {
				other = append(other, part)
			}
			continue
		}
		other = append(other, part)
	}
	if len(other) > 0 {
		rest = "建设地点：" + place
	}
	return villages, rest
}

// count reads a number of households: 15, 15户.
func (b *rowBuilder) count(f Field) int {
	c, col := b.sp.cellOf(b.r, f)
	if c.kind == cellEmpty {
		return 0
	}
	s := strings.TrimSuffix(strings.TrimSuffix(tidyText(c.text), "户"), "人")
	if blankWords[s] || s == "" {
		return 0
	}
	d, ok := parseDecimalText(strings.ReplaceAll(s, " ", ""))
	n, fits := d.scaled(0)
	if !ok || !fits || d.neg || n > 1_000_000 {
		b.fail(f, col, "err.import.project.count", fmt.Sprintf("户数“%s”不是整数，请只写数字", short(c.text)))
		return 0
	}
	return int(n)
}

// year reads a project's 年度: 2024, 2024年, 2024年度; else the sheet's year.
func (b *rowBuilder) year() int {
	c, col := b.sp.cellOf(b.r, FieldYear)
	if c.kind != cellEmpty {
		s := tidyText(c.text)
		s = strings.TrimSuffix(strings.TrimSuffix(s, "度"), "年")
		if y, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(s, ".", 2)[0])); err == nil && y >= data.MinYear && y <= data.MaxYear {
			return y
		}
		b.fail(FieldYear, col, "err.import.project.year", fmt.Sprintf("年度“%s”不对，请写四位数的年份，例如 2024", short(c.text)))
		return 0
	}
	if y := b.sp.sheet.Year; y != 0 {
		return y
	}
	b.fail(FieldYear, -1, "err.import.project.year", "不知道项目是哪一年的：表格没有“年度”列，标题和工作表名里也没有年份，请指定年份（命令行用 -year）")
	return 0
}

// asOf is the date a project row's figures stand at when it gives none (截至…, else the year's end).
func (b *rowBuilder) asOf(f Field, what string) (data.Date, string) {
	if d := b.sp.asOf; !d.IsZero() {
		return d, what + "日期表格未填，按" + d.Chinese() + "计"
	}
	b.fail(f, -1, "err.import.project.date", "缺少"+what+"日期，表格标题和工作表名里也没有年份，请填写日期或指定年份（命令行用 -year）")
	return data.Date{}, ""
}

// project reads a project row.
func (b *rowBuilder) project() any {
	sp := b.sp
	x := &data.ImportProject{Ref: b.ref}
	if x.Name = b.text(FieldName); x.Name == "" {
		b.fail(FieldName, -1, "err.import.project.name", "缺少项目名称")
	}
	var notes []string
	if place := b.text(FieldVillage); place != "" {
		var rest string
		x.Villages, rest = villagesOf(place)
		notes = append(notes, rest)
	}
	x.Type = sp.section
	if t := b.text(FieldType); t != "" {
		x.Type, _ = b.word(FieldType, t)
	}
	if x.Type == "" && len(b.errs) == 0 {
		x.Type = "其他"
	}
	x.YearStarted = b.year()
	total, totalBlank, totalOK := b.money(FieldTotal)
	var sum data.Money
	fundOK := true
	for _, f := range fundingFields {
		a, blank, ok := b.money(f)
		fundOK = fundOK && ok
		if !ok || blank || a == 0 {
			continue
		}
		if a < 0 {
			b.fail(f, -1, "err.import.project.negative", fmt.Sprintf("%s是负数（%s），请填写正数", f.Label(), a.Plain()))
			fundOK = false
			continue
		}
		x.Funding = append(x.Funding, data.FundingLine{Source: fundingSource[f], Amount: a})
		sum += a
	}
	switch {
	case !totalOK || !fundOK:
	case total < 0:
		b.fail(FieldTotal, -1, "err.import.project.negative", fmt.Sprintf("总投资是负数（%s），请填写正数", total.Plain()))
	case !totalBlank && total != 0 && len(x.Funding) > 0:
		if diff := total - sum; diff > 1 || diff < -1 {
			b.fail(FieldTotal, -1, "err.import.project.total", fmt.Sprintf("总投资 %s 不等于各资金来源之和 %s（相差 %s），请核对",
				b.show(FieldTotal, total), b.show(FieldTotal, sum), b.show(FieldTotal, total-sum)))
		}
	case !totalBlank && total > 0:
		x.Funding = []data.FundingLine{{Source: "其他", Amount: total, Note: "总投资（表格未分资金来源）"}}
	}
	disbursed, _, ok := b.money(FieldDisbursed)
	switch {
	case !ok:
	case disbursed < 0:
		b.fail(FieldDisbursed, -1, "err.import.project.negative", fmt.Sprintf("已拨付金额是负数（%s），请填写正数", disbursed.Plain()))
	case disbursed > 0:
		x.Disbursed = disbursed
		dc, dcol := sp.cellOf(b.r, FieldDisbursedDate)
		dv, err := parseDate(dc, sp.sheet.Year, sp.date1904)
		switch {
		case err != nil:
			b.failValue(FieldDisbursedDate, dcol, err)
		case dv.none:
			x.DisbursedDate, x.DisbursedNote = b.asOf(FieldDisbursedDate, "拨付")
		default:
			x.DisbursedDate = dv.date
		}
	}
	if t := b.text(FieldStatus); t != "" {
		if stage, ok := b.word(FieldStatus, t); ok {
			x.Stage = stage
			sc, scol := sp.cellOf(b.r, FieldStatusDate)
			dv, err := parseDate(sc, sp.sheet.Year, sp.date1904)
			switch {
			case err != nil:
				b.failValue(FieldStatusDate, scol, err)
			case dv.none:
				var note string
				x.StageDate, note = b.asOf(FieldStatusDate, "状态")
				x.StageNote = joinNonEmpty("；", "导入时项目状态："+t, note)
			default:
				x.StageDate = dv.date
				x.StageNote = "导入时项目状态：" + t
			}
		}
	}
	x.Responsible, x.Implementer = b.text(FieldResponsible), b.text(FieldImplementer)
	if p := b.text(FieldPartner); p != "" {
		for _, name := range reListSep.Split(p, -1) {
			if name = strings.TrimSpace(name); name != "" {
				x.Partners = append(x.Partners, name)
			}
		}
	}
	x.Households, x.HouseholdsPoor, x.HouseholdsMonitored = b.count(FieldHouseholds), b.count(FieldHouseholdsPoor), b.count(FieldHouseholdsMonitored)
	if c := b.text(FieldContent); c != "" {
		notes = append(notes, "建设内容："+c)
	}
	x.Note = joinNonEmpty("；", append(notes, b.text(FieldNote))...)
	b.outProject = x
	sig := *x
	sig.Ref = data.ImportRef{}
	return fmt.Sprint(sig)
}
