package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// 帮扶组团 in the window: a partner unit's own figures (设置 → 帮扶单位 → 贡献), the people it sent,
// and the preview that links past sales whose buyer names a unit.

// partnerYears is how many years a unit's figures go back.
const partnerYears = 3

// partnerFiguresView is the dialog of one unit: its figures year by year, the people it sent (add,
// delete with undo), and its past sales to link.
type partnerFiguresView struct {
	env     *Env
	p       data.Partner
	figures *reportTable
	staff   *fyne.Container
	link    *widget.Button
	status  *widget.Label
	undoBtn *widget.Button
	undo    func() error
}

func showPartnerFigures(env *Env, p data.Partner) *partnerFiguresView {
	v := &partnerFiguresView{env: env, p: p, staff: container.NewVBox(), status: widget.NewLabel("")}
	v.status.Wrapping = fyne.TextWrapWord
	v.undoBtn = widget.NewButtonWithIcon(lang.L("撤销"), theme.ContentUndoIcon(), v.undoLast)
	v.undoBtn.Hide()
	num := func(title string) reportCol { return reportCol{title, 70, true} }
	v.figures = newReportTable([]reportCol{{lang.L("年度"), 60, false}, {lang.L("出资金额"), 120, true}, {lang.L("采购金额"), 120, true},
		num(lang.L("采购场次")), num(lang.L("参与项目")), num(lang.L("派出人数")), num(lang.L("走访帮扶"))})
	addStaff := widget.NewButtonWithIcon(lang.L("登记派出人员"), theme.ContentAddIcon(), func() { v.editStaff() })
	v.link = widget.NewButtonWithIcon(lang.L("关联往年销售"), theme.ViewRefreshIcon(), func() {
		showSalesLinkPreview(env, p.ID, v.reload)
	})
	hideInTown(env, addStaff, v.link)
	note := widget.NewLabel(lang.L("走访帮扶按驻村工作日志中记有该单位来访或帮扶的天数统计。"))
	kit.SecondaryText(note)
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(),
		container.NewHBox(widget.NewLabelWithStyle(lang.L("派出人员"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), addStaff, v.link),
		container.NewVScroll(v.staff), container.NewBorder(nil, nil, nil, v.undoBtn, v.status)), nil, nil,
		container.NewBorder(nil, note, nil, nil, v.figures))
	d := dialog.NewCustom(lang.L("{{.Name}} 的帮扶贡献", map[string]any{"Name": p.Name}), lang.L("关闭"), body, env.Win)
	d.Resize(fyne.NewSize(760, 520))
	env.Dialogs.Show(d, nil)
	v.reload()
	return v
}

// partnerRead is what one background read of a unit's dialog gets.
type partnerRead struct {
	figures  [][]string
	staff    []data.PartnerStaff
	villages map[int64]string
	matches  int
}

// reload reads the unit's figures, people and unlinked sales afresh, in the background.
func (v *partnerFiguresView) reload() {
	st, id := v.env.Store, v.p.ID
	v.env.Run.Go(func() {
		r, err := readPartner(st, id)
		v.env.Run.Do(func() {
			if err != nil {
				v.status.SetText(kit.ErrorText(err))
				return
			}
			v.show(r)
		})
	})
}

func readPartner(st *data.Store, id int64) (*partnerRead, error) {
	r := &partnerRead{villages: map[int64]string{}}
	year := data.Today().Year()
	for y := year; y > year-partnerYears; y-- {
		units, _, err := st.PartnerContributions(data.YearPeriod(y), 0)
		if err != nil {
			return nil, err
		}
		for _, c := range units {
			if c.PartnerID == id {
				r.figures = append(r.figures, []string{strconv.Itoa(y), c.Funding.String(), c.Purchases.String(), strconv.Itoa(c.Events),
					strconv.Itoa(c.Projects), strconv.Itoa(c.People), strconv.Itoa(c.Visits)})
			}
		}
	}
	var err error
	if r.staff, err = st.PartnerStaffOf(id); err != nil {
		return nil, err
	}
	vs, err := st.Villages()
	if err != nil {
		return nil, err
	}
	for _, x := range vs {
		r.villages[x.ID] = x.Name
	}
	matches, err := st.PartnerSaleMatches(id)
	r.matches = len(matches)
	return r, err
}

func (v *partnerFiguresView) show(r *partnerRead) {
	v.figures.SetRows(r.figures, nil)
	v.staff.RemoveAll()
	if len(r.staff) == 0 {
		v.staff.Add(widget.NewLabel(lang.L("还没有登记派出人员。")))
	}
	for _, x := range r.staff {
		to := lang.L("至今")
		if !x.DateTo.IsZero() {
			to = x.DateTo.String()
		}
		text := lang.L("{{.From}} 至 {{.To}}，{{.Village}}，{{.N}} 人", map[string]any{"From": x.DateFrom.String(), "To": to,
			"Village": r.villages[x.VillageID], "N": x.People})
		for _, extra := range nonEmpty(x.Names, x.Note) {
			text += "　" + extra
		}
		del := widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), func() { v.deleteStaff(x) })
		hideInTown(v.env, del)
		v.staff.Add(container.NewBorder(nil, nil, nil, del, widget.NewLabel(text)))
	}
	v.link.SetText(lang.L("关联往年销售（{{.N}} 场）", map[string]any{"N": r.matches}))
	if r.matches == 0 {
		v.link.Disable()
	} else {
		v.link.Enable()
	}
}

// editStaff asks for people sent (village, from, to, how many, names) and saves them.
func (v *partnerFiguresView) editStaff() {
	st := v.env.Store
	vs, _ := st.Villages()
	names, ids := villageNames(vs)
	village := kit.NewSelect(names, lang.L("请选择村"), nil)
	villageHint := kit.NewHintLabel()
	if len(ids) > 0 {
		village.SetSelectedIndex(0)
	}
	from := kit.NewDateFieldAt(v.env.Win, data.Today())
	to := kit.NewDateField(v.env.Win)
	to.Optional = true
	to.SetPlaceHolder(lang.L("仍在村里就留空"))
	people := kit.NewCountField()
	people.SetValue(1)
	who, note := kit.NewTextField(), kit.NewTextField()
	who.SetPlaceHolder(lang.L("例如 张三、李四，可不填"))
	form := kit.FormGrid(
		kit.FieldRow(lang.L("派驻的村"), village, villageHint),
		kit.FieldRow(lang.L("开始日期"), from, from.Hint),
		kit.FieldRow(lang.L("结束日期"), to, to.Hint),
		kit.FieldRow(lang.L("人数"), people, people.Hint),
		kit.FieldRow(lang.L("partners.sent.names"), who, who.Hint),
		kit.FieldRow(lang.L("备注"), note, note.Hint))
	read := func() (data.PartnerStaff, *data.ValidationError) {
		x, parse := data.PartnerStaff{PartnerID: v.p.ID, VillageID: chosen(ids, village.SelectedIndex()), Names: who.Text, Note: note.Text}, &data.ValidationError{}
		x.DateFrom = parsedValue(&from.ParsedField, "DateFrom", parse)
		x.DateTo = parsedValue(&to.ParsedField, "DateTo", parse)
		x.People = parsedValue(&people.ParsedField, "People", parse)
		return x, parse
	}
	targets := map[string]kit.ErrorTarget{"VillageID": villageHint, "DateFrom": from, "DateTo": to, "People": people, "Names": who, "Note": note}
	fd := v.env.Dialogs.ShowForm(lang.L("登记派出人员"), form, 520, targets, func() error {
		x, parse := read()
		if len(parse.Fields) > 0 {
			return parse
		}
		if err := st.SavePartnerStaff(&x); err != nil {
			return err
		}
		v.reload()
		return nil
	}, people)
	fd.Validate = func() *data.ValidationError {
		x, parse := read()
		return kit.MergeCheck(parse, st.CheckPartnerStaff(&x))
	}
	for field, f := range map[string]*kit.TextField{"Names": who, "Note": note} {
		f.OnChanged = func(string) { fd.Edited(field) }
	}
	village.OnChanged = func(string) { fd.Edited("VillageID") }
	from.OnEdit, to.OnEdit, people.OnEdit = func() { fd.Edited("DateFrom") }, func() { fd.Edited("DateTo") }, func() { fd.Edited("People") }
}

// deleteStaff deletes people sent after asking; 撤销 under the list brings them back.
func (v *partnerFiguresView) deleteStaff(x data.PartnerStaff) {
	st := v.env.Store
	what := lang.L("派出人员（{{.From}}，{{.N}} 人）", map[string]any{"From": x.DateFrom.String(), "N": x.People})
	v.env.Dialogs.ConfirmDelete(what, func() {
		if err := st.DeletePartnerStaff(x.ID); err != nil {
			v.env.Dialogs.ShowStoreError(err)
			return
		}
		v.reload()
		v.status.SetText(lang.L("已删除{{.What}}。", map[string]any{"What": what}))
		v.undo = func() error { return st.RestorePartnerStaff(x.ID) }
		v.undoBtn.Show()
	})
}

// undoLast brings back the people deleted last.
func (v *partnerFiguresView) undoLast() {
	if v.undo == nil {
		return
	}
	if err := v.undo(); err != nil {
		v.env.Dialogs.ShowStoreError(err)
		return
	}
	v.undo = nil
	v.undoBtn.Hide()
	v.status.SetText(lang.L("已撤销。"))
	v.reload()
}

// showSalesLinkPreview lists the past sales whose buyer names a unit (partnerID 0: any unit) and,
// once agreed, links them in one change; the dialog after it offers to undo that. done runs after
// either.
func showSalesLinkPreview(env *Env, partnerID int64, done func()) {
	st := env.Store
	env.Run.Go(func() {
		matches, err := st.PartnerSaleMatches(partnerID)
		env.Run.Do(func() {
			if err != nil {
				env.Dialogs.ShowStoreError(err)
				return
			}
			if len(matches) == 0 {
				env.Dialogs.ShowInformation(lang.L("关联往年销售"), lang.L("没有需要关联的销售：购买方写着帮扶单位名称的销售都已关联到该单位。"))
				return
			}
			salesLinkDialog(env, matches, done)
		})
	})
}

func salesLinkDialog(env *Env, matches []data.PartnerSaleMatch, done func()) {
	st := env.Store
	table := newReportTable([]reportCol{{lang.L("日期"), 100, false}, {lang.L("村"), 80, false}, {lang.L("渠道"), 80, false},
		{lang.L("购买方（原文）"), 200, false}, {lang.L("关联到帮扶单位"), 200, false}, {lang.L("金额（元）"), 120, true}})
	var rows [][]string
	var total data.Money
	for _, m := range matches {
		total += m.Total
		rows = append(rows, []string{m.Date.String(), m.Village, kit.Word(m.Channel), m.Buyer, m.Partner, m.Total.String()})
	}
	table.SetRows(rows, nil)
	intro := widget.NewLabel(lang.L("下面 {{.N}} 场销售的购买方写着帮扶单位的名称，共 {{.Total}}。关联后计入该单位的采购金额（消费帮扶），购买方原文不变，可以撤销。",
		map[string]any{"N": len(matches), "Total": total.String()}))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(intro, nil, nil, nil, table)
	d := dialog.NewCustomConfirm(lang.L("关联往年销售"), lang.L("关联这 {{.N}} 场", map[string]any{"N": len(matches)}), lang.L("取消"), body,
		func(ok bool) {
			if !ok {
				return
			}
			linked, err := st.LinkPartnerSales(matches)
			if err != nil {
				env.Dialogs.ShowStoreError(err)
				return
			}
			if done != nil {
				done()
			}
			msg := lang.L("已把 {{.N}} 场销售关联到帮扶单位。", map[string]any{"N": len(linked)})
			env.Dialogs.ConfirmDanger(lang.L("已关联"), msg+lang.L("要撤销吗？"), lang.L("撤销"), func() {
				if err := st.UnlinkPartnerSales(linked); err != nil {
					env.Dialogs.ShowStoreError(err)
					return
				}
				if done != nil {
					done()
				}
			})
		}, env.Win)
	d.Resize(fyne.NewSize(860, 520))
	env.Dialogs.Show(d, d.Dismiss)
}
