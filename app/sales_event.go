package app

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// saleEditor is the event page: the event's details on top and a grid of lines built for the
// keyboard. Tab or Enter move product → seller → quantity → unit price → amount → next line;
// leaving the last line's amount adds a line. Product and seller autocomplete from the catalogs
// and a new name is added to the catalog when the event is saved. The unit and default price come
// from the product; the amount is quantity × price until the user types another.
type saleEditor struct {
	v   *saleEventsView
	st  *data.Store
	win fyne.Window

	ev      data.SaleEvent // as last loaded or saved; ID 0 while new
	editing bool           // the page is showing an event
	form    *kit.Form      // the event's own fields; the lines check themselves

	title                    *widget.Label
	date                     *kit.DateField
	village, channel         *kit.Select
	villageIDs               []int64
	villageHint, channelHint *kit.HintLabel
	place, buyer, note       *kit.TextField
	unit                     *kit.Choice // the buying partner unit (单位采购), beside the buyer as typed
	payment                  *kit.CompletionField
	aid                      *widget.Check
	lines                    []*saleLineRow
	linesBox                 *fyne.Container
	header                   *fyne.Container
	scroll                   *container.Scroll
	total                    *widget.Label
	general                  *kit.HintLabel
	notice                   *kit.NoticeBar
	deleteBtn, historyBtn    *widget.Button
	content                  fyne.CanvasObject
	lastVillageID            int64
	lastChannel              string
	products                 map[string]data.Product // label → product, from suggestions and loaded lines
	sellers                  map[string]int64        // name → seller of the event's village
	sellersVillage           int64                   // the village sellers was filled for
	removed                  []removedLine           // lines taken out since the last save, last on top
	typedSinceRemove         bool                    // a field was edited after the last removal
}

// removedLine is a line taken out of the grid, kept so Ctrl+Z can put it back where it was.
type removedLine struct {
	row   *saleLineRow
	index int
}

// Column widths of the line grid.
var saleLineColumns = columnsLayout{34, 230, 170, 100, 56, 110, 130, 30}

func newSaleEditor(v *saleEventsView) *saleEditor {
	env := v.sv.env
	e := &saleEditor{v: v, st: v.st, win: env.Win, form: kit.NewForm(env.Dialogs), products: map[string]data.Product{}, sellers: map[string]int64{}}
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.SizeName = theme.SizeNameSubHeadingText
	e.total = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	e.total.SizeName = theme.SizeNameSubHeadingText

	e.date = kit.NewDateField(e.win)
	e.date.OnEdit = func() { e.edited("Date") }
	e.village = kit.NewSelect(nil, lang.L("选择村"), func(string) { e.edited("VillageID") })
	e.villageHint = kit.NewHintLabel()
	e.channel = kit.NewSelect(kit.Translated(data.Channels), "", func(string) { e.edited("Channel") })
	e.channelHint = kit.NewHintLabel()
	e.place, e.buyer, e.note = kit.NewTextField(), kit.NewTextField(), kit.NewTextField()
	e.place.SetPlaceHolder(lang.L("例如 柳埠大集、历下区共富超市"))
	e.buyer.SetPlaceHolder(lang.L("购买的单位或社区，可不填"))
	for field, f := range map[string]*kit.TextField{"Place": e.place, "Buyer": e.buyer, "Note": e.note} {
		f.OnChanged = func(string) { e.edited(field) }
	}
	e.unit = kit.NewChoice(lang.L("（不是帮扶单位）"), nil, nil, func(string) { e.unitChosen() })
	e.payment = kit.NewCompletionField(func(q string) []string { return matchingQuery(data.PaymentMethods, q) })
	e.payment.OnEdit = func() { e.edited("Payment") }
	e.aid = widget.NewCheck(lang.L("计入消费帮扶"), func(bool) { e.edited("ConsumptionAid") })
	e.form.Validate = e.validate
	e.form.Targets = map[string]kit.ErrorTarget{"Date": e.date, "VillageID": e.villageHint, "Channel": e.channelHint,
		"Place": e.place, "Buyer": e.buyer, "PartnerID": e.buyer, "Payment": e.payment, "Note": e.note}
	e.form.Save = e.save

	form := container.NewGridWithColumns(2,
		kit.FormGrid(
			kit.FieldRow(lang.L("日期"), e.date, e.date.Hint),
			kit.FieldRow(lang.L("村"), e.village, e.villageHint),
			kit.FieldRow(lang.L("渠道"), e.channel, e.channelHint),
			kit.FieldRow("", e.aid, nil)),
		kit.FormGrid(
			kit.FieldRow(lang.L("地点"), e.place, e.place.Hint),
			kit.FieldRow(lang.L("购买方"), container.NewGridWithColumns(2, e.buyer, e.unit), e.buyer.Hint),
			kit.FieldRow(lang.L("付款方式"), e.payment, e.payment.Hint),
			kit.FieldRow(lang.L("备注"), e.note, e.note.Hint)))

	e.header = container.New(saleLineColumns,
		widget.NewLabel("#"),
		widget.NewLabelWithStyle(lang.L("产品"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("卖家"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("数量"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("单位"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("单价（元）"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("金额（元）"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(""))
	e.linesBox = container.NewVBox()
	e.scroll = container.NewVScroll(e.linesBox)
	e.general = kit.NewHintLabel()
	e.notice = kit.NewNoticeBar(e.undo)

	back := widget.NewButtonWithIcon(lang.L("返回列表 (Esc)"), theme.NavigateBackIcon(), func() { e.action(kit.ActionCancel) })
	save := widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), func() { e.save() })
	save.Importance = widget.HighImportance
	e.deleteBtn = widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), func() { e.action(kit.ActionDelete) })
	e.deleteBtn.Importance = widget.DangerImportance
	e.historyBtn = newHistoryButton(env, func() (string, int64, string) {
		return "sale_events", e.ev.ID, e.title.Text
	})
	changes := container.NewHBox(e.deleteBtn, save) // load shows and hides 删除; a town hides the box
	hideInTown(env, changes)
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(back, e.title), container.NewHBox(e.total, e.historyBtn, changes)),
		form,
		e.general,
		widget.NewSeparator(),
		e.header,
	)
	bottom := container.NewVBox(widget.NewSeparator(), e.notice.Content(), kit.KeysHint(lang.L("sales.keys.help")))
	e.content = container.NewBorder(top, bottom, nil, nil, e.scroll)
	return e
}

// unitChosen fills an empty buyer with the unit's name: the unit bought, so it is the buyer.
func (e *saleEditor) unitChosen() {
	if e.unit.Value() != "" && strings.TrimSpace(e.buyer.Text) == "" {
		e.buyer.SetText(e.unit.Sel.Selected)
	}
	e.edited("PartnerID")
}

// open reports whether the event page is showing an event.
func (e *saleEditor) open() bool { return e.editing }

// edited follows a change the user made to field of the event ("Lines" for the grid).
func (e *saleEditor) edited(field string) {
	e.form.Edited(field)
	e.recheckGeneral()
}

// readEvent is the event as typed, with the problems of what cannot be read or is not chosen.
func (e *saleEditor) readEvent() (data.SaleEvent, *data.ValidationError) {
	ev, problems := e.ev, &data.ValidationError{}
	var err error
	if ev.Date, err = e.date.Parsed(); err != nil {
		problems.AddErr("Date", err)
	}
	if ev.VillageID = e.villageID(); ev.VillageID == 0 {
		problems.Add("VillageID", "", lang.L("请选择村；还没有村的话，请先在“设置”里添加"))
	}
	ev.Channel = ""
	if i := e.channel.SelectedIndex(); i >= 0 {
		ev.Channel = data.Channels[i]
	} else {
		problems.Add("Channel", "", lang.L("请选择销售渠道"))
	}
	ev.Place, ev.Buyer, ev.Note = e.place.Text, e.buyer.Text, e.note.Text
	ev.PartnerID = idOf(e.unit.Value())
	ev.Payment = e.payment.Text
	ev.ConsumptionAid = e.aid.Checked
	return ev, problems
}

// validate is what is wrong with the event's own fields now (the lines show their own problems).
func (e *saleEditor) validate() *data.ValidationError {
	ev, problems := e.readEvent()
	all := kit.MergeCheck(problems, e.st.CheckSaleEvent(&ev, nil))
	own := &data.ValidationError{}
	for _, fe := range all.Fields {
		if _, ok := e.form.Targets[fe.Field]; ok {
			own.Fields = append(own.Fields, fe)
		}
	}
	return own
}

// recheckGeneral takes the form-level message away once what it complained about is fixed:
// a line is filled in, and no field shows a red message any more.
func (e *saleEditor) recheckGeneral() {
	if e.general.Error() == "" {
		return
	}
	filled := false
	for _, l := range e.lines {
		if l.blank() {
			continue
		}
		filled = true
		if len(l.lineErrors()) > 0 {
			return
		}
	}
	if !filled {
		return
	}
	for _, h := range []*kit.HintLabel{e.date.Hint, e.villageHint, e.channelHint, e.place.Hint, e.buyer.Hint, e.payment.Hint, e.note.Hint} {
		if h.Error() != "" {
			return
		}
	}
	e.general.SetError("")
	e.relayout()
}

// relayout lays the page out again after a message under the form or a line came or went, so
// no empty band is left where it was.
func (e *saleEditor) relayout() {
	if c, ok := e.content.(*fyne.Container); ok {
		c.Refresh()
	}
}

// guard runs proceed at once when nothing is unsaved, else after the user agrees to drop it.
func (e *saleEditor) guard(proceed func()) {
	if !e.editing {
		proceed()
		return
	}
	e.form.Guard(proceed)
}

func (e *saleEditor) reloadVillages() {
	names, ids, err := villageChoices(e.st)
	if err != nil {
		e.notice.ShowError(err)
		return
	}
	units, err := e.st.Partners()
	if err != nil {
		e.notice.ShowError(err)
		return
	}
	var unitNames, unitIDs []string
	for _, u := range units {
		unitNames, unitIDs = append(unitNames, u.Name), append(unitIDs, idValue(u.ID))
	}
	e.unit.SetOptions(unitNames, unitIDs) // keeps the unit chosen, without an edit

	cur := e.villageID()
	e.form.Quietly(func() {
		e.village.Options = names
		e.villageIDs = ids
		e.village.ClearSelected()
		for i, id := range ids {
			if id == cur {
				e.village.SetSelectedIndex(i)
			}
		}
		e.village.Refresh()
	})
}

func (e *saleEditor) villageID() int64 {
	if i := e.village.SelectedIndex(); i >= 0 && i < len(e.villageIDs) {
		return e.villageIDs[i]
	}
	return 0
}

func (e *saleEditor) selectVillage(id int64) {
	for i, x := range e.villageIDs {
		if x == id {
			e.village.SetSelectedIndex(i)
			return
		}
	}
}

// reset empties the page.
func (e *saleEditor) reset() {
	e.form.Load(e.clear)
}

func (e *saleEditor) clear() {
	e.ev = data.SaleEvent{}
	e.editing = false
	e.date.Clear()
	e.village.ClearSelected()
	e.channel.ClearSelected()
	for _, f := range []*kit.TextField{e.place, e.buyer, e.note} {
		f.SetText("")
		f.SetError("")
	}
	e.unit.SetValue("")
	e.payment.SetText("")
	e.aid.SetChecked(true)
	e.lines, e.removed = nil, nil
	e.linesBox.Objects = nil
	e.linesBox.Refresh()
	e.scroll.ScrollToTop() // the grid keeps its offset else, and a shorter event shows below it
	e.general.SetError("")
	e.villageHint.SetError("")
	e.channelHint.SetError("")
	e.notice.Show("", false)
}

// startNew shows an empty event dated today, in the village and channel last used.
func (e *saleEditor) startNew() {
	e.reset()
	e.reloadVillages()
	e.form.Load(func() {
		e.editing = true
		e.date.SetValue(data.Today())
		if e.lastVillageID != 0 {
			e.selectVillage(e.lastVillageID)
		}
		if e.village.SelectedIndex() < 0 && len(e.villageIDs) > 0 {
			e.village.SetSelectedIndex(0)
		}
		ch := e.lastChannel
		if ch == "" {
			ch = data.ChannelMarketDay
		}
		e.channel.SetSelectedIndex(slices.Index(data.Channels, ch))
		e.addLine()
	})
	e.deleteBtn.Hide()
	e.historyBtn.Hide()
	e.updateTitle()
	e.updateTotal()
}

// load shows a saved event and its lines.
func (e *saleEditor) load(id int64) error {
	ev, err := e.st.GetSaleEvent(id)
	if err != nil {
		return err
	}
	rows, err := e.st.SaleLines(id)
	if err != nil {
		return err
	}
	e.reset()
	e.reloadVillages()
	e.form.Load(func() { e.show(ev, rows) })
	e.deleteBtn.Show()
	e.historyBtn.Show()
	e.updateTitle()
	e.updateTotal()
	return nil
}

// show fills the page with a saved event and its lines.
func (e *saleEditor) show(ev *data.SaleEvent, rows []data.SaleLineRow) {
	e.editing = true
	e.ev = *ev
	e.date.SetValue(ev.Date)
	e.selectVillage(ev.VillageID)
	e.channel.SetSelectedIndex(slices.Index(data.Channels, ev.Channel))
	e.place.SetText(ev.Place)
	e.buyer.SetText(ev.Buyer)
	e.unit.SetValue(idValue(ev.PartnerID))
	e.payment.SetText(ev.Payment)
	e.aid.SetChecked(ev.ConsumptionAid)
	e.note.SetText(ev.Note)
	e.sellersVillage = ev.VillageID
	for _, r := range rows {
		p := data.Product{ID: r.ProductID, Name: r.Product, Spec: r.Spec, Unit: r.Unit}
		e.products[p.Label()] = p
		e.sellers[r.Seller] = r.SellerID
		l := e.addLine()
		l.id = r.ID
		l.product.SetText(p.Label())
		l.seller.SetText(r.Seller)
		l.qty.SetValue(r.Quantity)
		l.unit.SetText(r.Unit)
		l.price.SetValue(r.Price)
		l.amount.SetValue(r.Amount)
		l.amountTyped = r.AmountTyped
	}
	if len(rows) == 0 {
		e.addLine()
	}
}

func (e *saleEditor) updateTitle() {
	if e.ev.ID == 0 {
		e.title.SetText(lang.L("新建销售记录"))
		return
	}
	e.title.SetText(lang.L("{{.Date}} 的销售记录", map[string]any{"Date": e.ev.Date.String()}))
}

// focusFirst puts the cursor where work starts: the date of a new event, the first line of a saved one.
func (e *saleEditor) focusFirst() {
	if e.ev.ID == 0 || len(e.lines) == 0 {
		e.win.Canvas().Focus(e.date)
		return
	}
	e.win.Canvas().Focus(e.lines[0].product)
}

// addLine appends an empty line to the grid.
func (e *saleEditor) addLine() *saleLineRow {
	l := newSaleLineRow(e)
	e.lines = append(e.lines, l)
	e.linesBox.Add(l.box)
	e.renumber()
	return l
}

// removeLine takes a line out of the grid (✕ or Ctrl+D); a filled-in line can be put back with
// Ctrl+Z or the notice's undo button until the event is saved.
func (e *saleEditor) removeLine(l *saleLineRow) {
	i := slices.Index(e.lines, l)
	if i < 0 {
		return
	}
	e.lines = slices.Delete(e.lines, i, i+1)
	e.linesBox.Remove(l.box)
	if len(e.lines) == 0 {
		e.addLine()
	}
	e.renumber()
	e.updateTotal()
	e.edited("Lines")
	if l.blank() {
		return
	}
	e.removed = append(e.removed, removedLine{l, i})
	e.typedSinceRemove = false
	what := strings.TrimSpace(l.product.Text + " · " + l.seller.Text)
	e.notice.Show(lang.L("已删除第 {{.Line}} 行（{{.What}}），按 Ctrl+Z 撤销", map[string]any{"Line": i + 1, "What": what}), true)
}

// removeLineByKey is Ctrl+D in a line: the line goes and the cursor stays in the grid.
func (e *saleEditor) removeLineByKey(l *saleLineRow) {
	i := slices.Index(e.lines, l)
	e.removeLine(l)
	e.win.Canvas().Focus(e.lines[min(i, len(e.lines)-1)].product)
}

// restoreLine puts the last removed line back in its place; false when there is none.
func (e *saleEditor) restoreLine() bool {
	if len(e.removed) == 0 {
		return false
	}
	r := e.removed[len(e.removed)-1]
	e.removed = e.removed[:len(e.removed)-1]
	// An empty line left alone in the grid by the removal makes room for the one coming back.
	if len(e.lines) == 1 && e.lines[0].blank() {
		e.linesBox.Remove(e.lines[0].box)
		e.lines = nil
	}
	i := min(r.index, len(e.lines))
	e.lines = slices.Insert(e.lines, i, r.row)
	e.linesBox.Objects = slices.Insert(e.linesBox.Objects, i, fyne.CanvasObject(r.row.box))
	e.linesBox.Refresh()
	e.renumber()
	e.updateTotal()
	e.edited("Lines")
	e.notice.Show(lang.L("已恢复第 {{.Line}} 行", map[string]any{"Line": i + 1}), len(e.removed) > 0)
	e.win.Canvas().Focus(r.row.product)
	return true
}

// undo puts back the last removed line, or else the last deleted event.
func (e *saleEditor) undo() {
	if !e.restoreLine() {
		e.v.undoLast()
	}
}

func (e *saleEditor) renumber() {
	for i, l := range e.lines {
		l.num.SetText(fmt.Sprint(i + 1))
	}
}

// updateTotal adds up the amounts typed so far; it is always visible at the top of the page.
func (e *saleEditor) updateTotal() {
	var sum data.Money
	n := 0
	for _, l := range e.lines {
		if l.blank() {
			continue
		}
		n++
		if m, ok := l.amountValue(); ok {
			sum += m
		}
	}
	e.total.SetText(lang.L("合计 {{.Amount}} · {{.Lines}} 行", map[string]any{"Amount": sum.String(), "Lines": n}))
}

// Total is what the running total says (for tests).
func (e *saleEditor) Total() string { return e.total.Text }

// productByText finds the catalog product a line's text names: a suggestion taken, a loaded
// line, or an exact name typed.
func (e *saleEditor) productByText(text string, lookUp bool) (data.Product, bool) {
	text = strings.TrimSpace(text)
	if p, ok := e.products[text]; ok || !lookUp || text == "" {
		return p, ok
	}
	ps, err := e.st.ListProducts(text)
	if err != nil {
		return data.Product{}, false
	}
	for _, p := range ps {
		if p.Label() == text || p.Name == text && p.Spec == "" {
			e.products[text] = p
			return p, true
		}
	}
	return data.Product{}, false
}

func (e *saleEditor) suggestProducts(q string, asking *saleLineRow) []string {
	out := productLabels(e.st, q, func(label string, p data.Product) { e.products[label] = p })
	out = e.addTypedNames(out, q, asking, func(l *saleLineRow) string { return l.product.Text })
	return rankSuggestions(out, q)
}

// addTypedNames adds to names the names matching q typed in the event's other lines: a new
// product or seller is saved with the event, and completes in later lines like a saved one.
func (e *saleEditor) addTypedNames(names []string, q string, asking *saleLineRow, text func(*saleLineRow) string) []string {
	for _, l := range e.lines {
		if t := strings.TrimSpace(text(l)); l != asking && t != "" && data.MatchesQuery(t, q) && !slices.Contains(names, t) {
			names = append(names, t)
		}
	}
	return names
}

// productLabels lists the labels of the products matching q, handing keep each product with its label.
func productLabels(st *data.Store, q string, keep func(label string, p data.Product)) []string {
	ps, err := st.ListProducts(q)
	if err != nil {
		return nil
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Label()
		keep(out[i], p)
	}
	return rankSuggestions(out, q)
}

// sellerByName finds a seller of the event's village by exact name.
func (e *saleEditor) sellerByName(name string, lookUp bool) (int64, bool) {
	name = strings.TrimSpace(name)
	if e.sellersVillage != e.villageID() {
		e.sellers, e.sellersVillage = map[string]int64{}, e.villageID()
	}
	if id, ok := e.sellers[name]; ok || !lookUp || name == "" {
		return id, ok
	}
	rows, err := e.st.ListSellers(data.SellerFilter{Search: name, VillageID: e.villageID()}, 0, 20)
	if err != nil {
		return 0, false
	}
	for _, r := range rows {
		if r.Name == name {
			e.sellers[name] = r.ID
			return r.ID, true
		}
	}
	return 0, false
}

func (e *saleEditor) suggestSellers(q string, asking *saleLineRow) []string {
	if e.sellersVillage != e.villageID() {
		e.sellers, e.sellersVillage = map[string]int64{}, e.villageID()
	}
	rows, err := e.st.ListSellers(data.SellerFilter{Search: q, VillageID: e.villageID()}, 0, 40)
	if err != nil {
		return nil
	}
	var out []string
	for _, r := range rows {
		if _, seen := e.sellers[r.Name]; !seen {
			e.sellers[r.Name] = r.ID
		}
		if !slices.Contains(out, r.Name) {
			out = append(out, r.Name)
		}
	}
	out = e.addTypedNames(out, q, asking, func(l *saleLineRow) string { return l.seller.Text })
	return rankSuggestions(out, q)
}

// rankSuggestions puts the closest matches first: the name itself, then names whose pinyin
// initials are exactly the query ("wj" is 王静 before 王金凤), then names or initials starting
// with it, then the rest (each group keeps its order). A label's part in （…） (a product's spec,
// a seller's village) is not part of the name.
func rankSuggestions(names []string, q string) []string {
	q = strings.TrimSpace(q)
	lq := strings.ToLower(data.Halfwidth(q))
	rank := func(n string) int {
		base := labelName(n)
		ln := strings.ToLower(data.Halfwidth(base))
		initials := data.PinyinInitials(base)
		switch {
		case n == q || ln == lq:
			return 0
		case lq != "" && initials == lq:
			return 1
		case strings.HasPrefix(ln, lq) || strings.HasPrefix(initials, lq):
			return 2
		}
		return 3
	}
	slices.SortStableFunc(names, func(a, b string) int { return rank(a) - rank(b) })
	return names
}

// labelName is a suggestion's name without its part in （…） (a seller's village, a product's spec).
func labelName(label string) string {
	if i := strings.Index(label, "（"); i > 0 {
		return label[:i]
	}
	return label
}

func (e *saleEditor) action(a kit.Action) {
	switch a {
	case kit.ActionSave:
		e.save()
	case kit.ActionNew:
		e.guard(func() {
			e.startNew()
			e.focusFirst()
		})
	case kit.ActionCancel:
		e.guard(e.v.closeEditor)
	case kit.ActionDelete:
		if e.ev.ID != 0 {
			e.v.deleteEvent(e.ev.ID, e.ev.Date, e.ev.Place, e.v.closeEditor)
		}
	case kit.ActionUndo:
		e.undo()
	}
}

// pendingLine is a filled-in line read from the grid before saving.
type pendingLine struct {
	row  *saleLineRow
	line data.SaleLine
}

// save checks what was typed and saves the event with its lines (and any new products and sellers).
// Nothing typed is lost when it fails: the messages appear beside the fields.
func (e *saleEditor) save() bool {
	defer e.relayout() // messages came or went
	e.general.SetError("")
	ok := e.form.Ready() // every problem of the event's own fields shows now
	var pending []pendingLine
	for _, l := range e.lines {
		if l.blank() {
			l.clearErrors()
			continue
		}
		line, good := l.read()
		ok = ok && good
		pending = append(pending, pendingLine{l, line})
	}
	if len(pending) == 0 {
		e.general.SetError(lang.L("请至少填写一行：产品、卖家、数量和单价"))
		return false
	}
	if !ok {
		e.general.SetError(lang.L("有内容需要修改，请看红字提示；已填写的内容都还在"))
		return false
	}

	// A name not in the catalogs travels with its line: SaveSaleEvent adds it in the same
	// transaction as the event, so a save that fails adds nothing.
	for i := range pending {
		l := pending[i].row
		if p, found := e.productByText(l.product.Text, true); found {
			pending[i].line.ProductID = p.ID
		} else {
			pending[i].line.NewProduct = l.product.Text
		}
		if sid, found := e.sellerByName(l.seller.Text, true); found {
			pending[i].line.SellerID = sid
		} else {
			pending[i].line.NewSeller = l.seller.Text
		}
	}

	ev, _ := e.readEvent()
	lines := make([]data.SaleLine, len(pending))
	for i, p := range pending {
		lines[i] = p.line
	}
	if err := e.st.SaveSaleEvent(&ev, lines); err != nil {
		targets := maps.Clone(e.form.Targets)
		for i, p := range pending {
			pre := fmt.Sprintf("Lines[%d].", i)
			targets[pre+"ProductID"] = p.row.product
			targets[pre+"Unit"] = p.row.product
			targets[pre+"SellerID"] = p.row.seller
			targets[pre+"Quantity"] = p.row.qty
			targets[pre+"Price"] = p.row.price
			targets[pre+"Amount"] = p.row.amount
		}
		if !kit.ShowErrors(targets, e.general, err) {
			e.v.sv.env.Dialogs.ShowStoreError(err)
			return false
		}
		for _, l := range e.lines {
			l.refreshHint()
		}
		if e.general.Error() == "" {
			e.general.SetError(lang.L("有内容需要修改，请看红字提示；已填写的内容都还在"))
		}
		return false
	}
	e.ev = ev
	for i, p := range pending {
		if ln := lines[i]; ln.NewProduct != "" {
			e.products[strings.TrimSpace(ln.NewProduct)] = data.Product{ID: ln.ProductID, Name: strings.TrimSpace(ln.NewProduct), Unit: ln.Unit}
		}
		if ln := lines[i]; ln.NewSeller != "" {
			e.sellers[strings.TrimSpace(ln.NewSeller)] = ln.SellerID
		}
		p.row.id = lines[i].ID
		p.row.amountTyped = lines[i].AmountTyped
		p.row.unit.SetText(lines[i].Unit)
		p.row.clearErrors()
	}
	e.lastVillageID, e.lastChannel = ev.VillageID, ev.Channel
	e.form.Saved()
	e.removed = nil // removed lines are gone from the database now
	e.deleteBtn.Show()
	e.historyBtn.Show()
	e.updateTitle()
	e.updateTotal()
	e.notice.Show(lang.L("已保存：{{.Lines}} 行，合计 {{.Amount}}", map[string]any{"Lines": len(lines), "Amount": sumAmounts(lines).String()}), false)
	e.v.table.ClearSelection()
	return true
}

func sumAmounts(lines []data.SaleLine) data.Money {
	var m data.Money
	for _, l := range lines {
		m += l.Amount
	}
	return m
}

// saleLineRow is one line of the grid.
type saleLineRow struct {
	e      *saleEditor
	id     int64 // the saved line, 0 while new
	num    *widget.Label
	unit   *widget.Label
	hint   *kit.HintLabel
	box    *fyne.Container
	remove *kit.IconTap

	product, seller *kit.CompletionField
	qty             *kit.QuantityField
	price, amount   *kit.MoneyField

	amountTyped bool // the amount was typed, not computed
	priceAuto   bool // the price came from the product's default
}

func newSaleLineRow(e *saleEditor) *saleLineRow {
	l := &saleLineRow{e: e, num: widget.NewLabel(""), unit: widget.NewLabel(""), hint: kit.NewHintLabel()}
	l.product = kit.NewCompletionField(func(q string) []string { return e.suggestProducts(q, l) })
	l.product.SetPlaceHolder(lang.L("产品名或拼音首字母"))
	l.seller = kit.NewCompletionField(func(q string) []string { return e.suggestSellers(q, l) })
	l.seller.SetPlaceHolder(lang.L("卖家姓名"))
	l.qty = kit.NewQuantityField()
	l.price = kit.NewPlainMoneyField()
	l.amount = kit.NewPlainMoneyField()
	l.amount.SetPlaceHolder(lang.L("自动计算"))

	l.product.OnEdit = func() {
		l.applyProduct(e.productByText(l.product.Text, false))
		l.changed()
	}
	l.product.OnLeave = func() {
		l.applyProduct(e.productByText(l.product.Text, true))
		l.refreshHint()
	}
	l.seller.OnEdit = l.changed
	l.seller.OnLeave = l.refreshHint
	l.qty.OnEdit = func() { l.recompute(); l.changed() }
	l.price.OnEdit = func() { l.priceAuto = false; l.recompute(); l.changed() }
	l.amount.OnEdit = func() {
		l.amountTyped = strings.TrimSpace(l.amount.Text) != ""
		l.changed()
	}
	// An amount cleared by the user is computed again once the field is left.
	l.amount.OnLeave = func() {
		if strings.TrimSpace(l.amount.Text) == "" {
			l.amountTyped = false
			l.recompute()
			l.e.updateTotal()
		}
	}
	// Leaving the last line's amount adds a line, so a market day is typed without the mouse.
	l.amount.OnKey = func(ev *fyne.KeyEvent) bool {
		if ev.Name != fyne.KeyTab && ev.Name != fyne.KeyReturn && ev.Name != fyne.KeyEnter {
			return false
		}
		if ev.Name == fyne.KeyTab && kit.ShiftHeld() {
			return false
		}
		if e.lines[len(e.lines)-1] != l || l.blank() {
			return false
		}
		next := e.addLine()
		e.win.Canvas().Focus(next.product)
		e.scroll.ScrollToBottom()
		return true
	}
	l.remove = kit.NewIconTap(theme.ContentClearIcon(), func() { e.removeLine(l) })
	for _, f := range []*kit.FieldEntry{&l.product.FieldEntry, &l.seller.FieldEntry, &l.qty.FieldEntry, &l.price.FieldEntry, &l.amount.FieldEntry} {
		f.OnShortcut = l.shortcut
	}
	l.num.Alignment = fyne.TextAlignTrailing
	kit.SecondaryText(l.num)
	row := container.New(saleLineColumns, l.num, l.product, l.seller, l.qty, l.unit, l.price, l.amount, container.NewCenter(l.remove))
	l.box = container.NewVBox(row, l.hint)
	return l
}

// shortcut handles the line's own keys: Ctrl+D removes it; Ctrl+Z right after a removal puts
// the line back (once something is typed, Ctrl+Z undoes typing again).
func (l *saleLineRow) shortcut(s fyne.Shortcut) bool {
	if kit.IsCtrl(s, fyne.KeyD) {
		l.e.removeLineByKey(l)
		return true
	}
	if _, ok := s.(*fyne.ShortcutUndo); ok && !l.e.typedSinceRemove {
		return l.e.restoreLine()
	}
	return false
}

func (l *saleLineRow) changed() {
	l.e.typedSinceRemove = true
	l.refreshErrors()
	l.e.edited("Lines")
	l.e.updateTotal()
}

// applyProduct fills the unit of a catalog product (known) and, unless the user typed a price,
// offers one.
func (l *saleLineRow) applyProduct(p data.Product, known bool) {
	if known {
		l.unit.SetText(p.Unit)
	}
	if !l.priceAuto && strings.TrimSpace(l.price.Text) != "" {
		return
	}
	if m := l.offeredPrice(p, known); m > 0 {
		l.price.SetValue(m)
		l.priceAuto = true
		l.recompute()
	}
}

// offeredPrice is the price of the nearest line above selling the same product, else the
// product's last price in the ledger (or its default price).
func (l *saleLineRow) offeredPrice(p data.Product, known bool) data.Money {
	text := strings.TrimSpace(l.product.Text)
	if text == "" {
		return 0
	}
	var above data.Money
	for _, o := range l.e.lines {
		if o == l {
			break
		}
		if m, err := o.price.Parsed(); err == nil && m > 0 && strings.TrimSpace(o.product.Text) == text {
			above = m
		}
	}
	if above > 0 || !known {
		return above
	}
	m, err := l.e.st.OfferedPrice(p.ID)
	if err != nil {
		return p.DefaultPrice
	}
	return m
}

// recompute sets the amount to quantity × price unless the user typed an amount.
func (l *saleLineRow) recompute() {
	if l.amountTyped {
		return
	}
	q, err1 := l.qty.Parsed()
	p, err2 := l.price.Parsed()
	if err1 != nil || err2 != nil {
		l.amount.Clear()
		return
	}
	if m, ok := q.TimesOK(p); ok {
		l.amount.SetValue(m)
	}
}

// amountValue is the line's amount as typed, or quantity × price while the amount is empty.
func (l *saleLineRow) amountValue() (data.Money, bool) {
	if strings.TrimSpace(l.amount.Text) != "" {
		m, err := l.amount.Parsed()
		return m, err == nil
	}
	q, err1 := l.qty.Parsed()
	p, err2 := l.price.Parsed()
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return q.TimesOK(p)
}

// blank reports whether nothing was typed into the line.
func (l *saleLineRow) blank() bool {
	for _, s := range []string{l.product.Text, l.seller.Text, l.qty.Text, l.price.Text, l.amount.Text} {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// read parses the line; problems show under it. Product and seller IDs are filled in by save.
func (l *saleLineRow) read() (data.SaleLine, bool) {
	ok := true
	line := data.SaleLine{ID: l.id, AmountTyped: l.amountTyped}
	l.product.SetError("")
	l.seller.SetError("")
	if strings.TrimSpace(l.product.Text) == "" {
		l.product.SetError(lang.L("请填写产品，例如“大蒜”"))
		ok = false
	}
	if strings.TrimSpace(l.seller.Text) == "" {
		l.seller.SetError(lang.L("请填写卖家姓名"))
		ok = false
	}
	var err error
	if line.Quantity, err = l.qty.Value(); err != nil {
		ok = false
	}
	if line.Price, err = l.price.Value(); err != nil {
		ok = false
	}
	if l.amountTyped {
		if line.Amount, err = l.amount.Value(); err != nil {
			ok = false
		}
	} else {
		l.amount.SetError("")
	}
	l.refreshHint()
	return line, ok
}

func (l *saleLineRow) clearErrors() {
	for _, t := range []kit.ErrorTarget{l.product, l.seller, l.qty, l.price, l.amount} {
		t.SetError("")
	}
	l.refreshHint()
}

// lineErrors are the messages of the line's fields, each after its column's name.
func (l *saleLineRow) lineErrors() []string {
	var msgs []string
	add := func(col string, h *kit.HintLabel) {
		if m := h.Error(); m != "" {
			msgs = append(msgs, col+"："+m)
		}
	}
	add(lang.L("产品"), l.product.Hint)
	add(lang.L("卖家"), l.seller.Hint)
	add(lang.L("数量"), l.qty.Hint)
	add(lang.L("单价"), l.price.Hint)
	add(lang.L("金额"), l.amount.Hint)
	return msgs
}

// refreshErrors updates the line's red message while typing (notes wait until a field is left).
func (l *saleLineRow) refreshErrors() {
	if msgs := l.lineErrors(); len(msgs) > 0 {
		l.hint.SetError(strings.Join(msgs, "；"))
	} else if l.hint.Error() != "" {
		l.hint.SetError("")
	}
}

// refreshHint shows the line's problems (red) or, when there are none, notes about new names (grey).
func (l *saleLineRow) refreshHint() {
	if msgs := l.lineErrors(); len(msgs) > 0 {
		l.hint.SetError(strings.Join(msgs, "；"))
		return
	}
	var notes []string
	if t := strings.TrimSpace(l.product.Text); t != "" && !l.product.SuggestionsOpen() {
		if _, ok := l.e.productByText(t, false); !ok {
			notes = append(notes, lang.L("“{{.Name}}”是新产品，保存时加入产品目录（单位：斤，可在“产品”里修改）", map[string]any{"Name": t}))
		}
	}
	if t := strings.TrimSpace(l.seller.Text); t != "" && !l.seller.SuggestionsOpen() {
		if _, ok := l.e.sellerByName(t, false); !ok {
			notes = append(notes, lang.L("“{{.Name}}”是新卖家，保存时加入本村卖家名单", map[string]any{"Name": t}))
		}
	}
	l.hint.SetNote(strings.Join(notes, "；"))
}

// columnsLayout places objects side by side at fixed widths (the line grid and its header);
// room beyond the minimum widens the product and seller columns (1 and 2).
type columnsLayout []float32

func (c columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		if i < len(c) {
			w += c[i]
		}
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}

func (c columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	extra := max(0, size.Width-c.MinSize(objs).Width)
	extra = min(extra, 400) // names are short; very wide windows keep the numbers near them
	x := float32(0)
	for i, o := range objs {
		w := float32(0)
		if i < len(c) {
			w = c[i]
		}
		if i == 1 || i == 2 {
			w += extra / 2
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}
