package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
	dirty   bool
	loading bool // programmatic changes: not the user's edits

	title                    *widget.Label
	date                     *dateField
	village, channel         *selectField
	villageIDs               []int64
	villageHint, channelHint *hintLabel
	place, buyer, note       *textField
	payment                  *completionField
	aid                      *widget.Check
	lines                    []*saleLineRow
	linesBox                 *fyne.Container
	header                   *fyne.Container
	scroll                   *container.Scroll
	total                    *widget.Label
	general                  *hintLabel
	notice                   *noticeBar
	deleteBtn                *widget.Button
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
	e := &saleEditor{v: v, st: v.st, win: v.sv.env.Win, products: map[string]data.Product{}, sellers: map[string]int64{}}
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.SizeName = theme.SizeNameSubHeadingText
	e.total = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	e.total.SizeName = theme.SizeNameSubHeadingText

	e.date = newDateField(e.win)
	e.date.OnEdit = e.edited
	e.village = newSelect(nil, lang.L("选择村"), func(string) { e.villageChanged() })
	e.villageHint = newHintLabel()
	e.channel = newSelect(translated(data.Channels), "", func(string) { e.channelHint.SetError(""); e.edited() })
	e.channelHint = newHintLabel()
	e.place, e.buyer, e.note = newTextField(), newTextField(), newTextField()
	e.place.SetPlaceHolder(lang.L("例如 柳埠大集、历下区共富超市"))
	e.buyer.SetPlaceHolder(lang.L("购买的单位或社区，可不填"))
	for _, f := range []*textField{e.place, e.buyer, e.note} {
		f.OnChanged = func(string) { f.Hint.SetError(""); e.edited() }
	}
	e.payment = newCompletionField(func(q string) []string { return matchingQuery(data.PaymentMethods, q) })
	e.payment.OnEdit = e.edited
	e.aid = widget.NewCheck(lang.L("计入消费帮扶"), func(bool) { e.edited() })

	form := container.NewGridWithColumns(2,
		formGrid(
			fieldRow(lang.L("日期"), e.date, e.date.Hint),
			fieldRow(lang.L("村"), e.village, e.villageHint),
			fieldRow(lang.L("渠道"), e.channel, e.channelHint),
			fieldRow("", e.aid, nil)),
		formGrid(
			fieldRow(lang.L("地点"), e.place, e.place.Hint),
			fieldRow(lang.L("购买方"), e.buyer, e.buyer.Hint),
			fieldRow(lang.L("付款方式"), e.payment, e.payment.Hint),
			fieldRow(lang.L("备注"), e.note, e.note.Hint)))

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
	e.general = newHintLabel()
	e.notice = newNoticeBar(e.undo)

	back := widget.NewButtonWithIcon(lang.L("返回列表 (Esc)"), theme.NavigateBackIcon(), func() { e.action(ActionCancel) })
	save := widget.NewButtonWithIcon(lang.L("保存 (Ctrl+S)"), theme.DocumentSaveIcon(), func() { e.save() })
	save.Importance = widget.HighImportance
	e.deleteBtn = widget.NewButtonWithIcon(lang.L("删除"), theme.DeleteIcon(), func() { e.action(ActionDelete) })
	e.deleteBtn.Importance = widget.DangerImportance
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(back, e.title), container.NewHBox(e.total, e.deleteBtn, save)),
		form,
		e.general,
		widget.NewSeparator(),
		e.header,
	)
	bottom := container.NewVBox(widget.NewSeparator(), e.notice.box, keysHint(lang.L("sales.keys.help")))
	e.content = container.NewBorder(top, bottom, nil, nil, e.scroll)
	return e
}

// open reports whether the event page is showing an event.
func (e *saleEditor) open() bool { return e.editing }

func (e *saleEditor) edited() {
	if e.loading {
		return
	}
	e.dirty = true
	e.recheckGeneral()
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
	for _, h := range []*hintLabel{e.date.Hint, e.villageHint, e.channelHint, e.place.Hint, e.buyer.Hint, e.payment.Hint, e.note.Hint} {
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
	if !e.editing || !e.dirty {
		proceed()
		return
	}
	askLeave(e.win, e.save, func() {
		e.dirty = false
		proceed()
	})
}

func (e *saleEditor) reloadVillages() {
	names, ids := villageChoices(e.st)
	cur := e.villageID()
	e.loading = true
	e.village.Options = names
	e.villageIDs = ids
	e.village.ClearSelected()
	for i, id := range ids {
		if id == cur {
			e.village.SetSelectedIndex(i)
		}
	}
	e.village.Refresh()
	e.loading = false
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

func (e *saleEditor) villageChanged() {
	e.villageHint.SetError("")
	e.edited()
}

// reset empties the page.
func (e *saleEditor) reset() {
	e.loading = true
	e.ev = data.SaleEvent{}
	e.editing, e.dirty = false, false
	e.date.Clear()
	e.village.ClearSelected()
	e.channel.ClearSelected()
	for _, f := range []*textField{e.place, e.buyer, e.note} {
		f.SetText("")
		f.SetError("")
	}
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
	e.loading = false
}

// startNew shows an empty event dated today, in the village and channel last used.
func (e *saleEditor) startNew() {
	e.reset()
	e.reloadVillages()
	e.loading = true
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
	e.channel.SetSelectedIndex(indexOf(data.Channels, ch))
	e.addLine()
	e.loading = false
	e.deleteBtn.Hide()
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
	e.loading = true
	e.editing = true
	e.ev = *ev
	e.date.SetValue(ev.Date)
	e.selectVillage(ev.VillageID)
	e.channel.SetSelectedIndex(indexOf(data.Channels, ev.Channel))
	e.place.SetText(ev.Place)
	e.buyer.SetText(ev.Buyer)
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
	e.loading = false
	e.dirty = false
	e.deleteBtn.Show()
	e.updateTitle()
	e.updateTotal()
	return nil
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
	e.edited()
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
	e.edited()
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
		if t := strings.TrimSpace(text(l)); l != asking && t != "" && data.MatchesQuery(t, q) && !containsString(names, t) {
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
		if !containsString(out, r.Name) {
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

func (e *saleEditor) action(a Action) {
	switch a {
	case ActionSave:
		e.save()
	case ActionNew:
		e.guard(func() {
			e.startNew()
			e.focusFirst()
		})
	case ActionCancel:
		e.guard(e.v.closeEditor)
	case ActionDelete:
		if e.ev.ID != 0 {
			e.v.deleteEvent(e.ev.ID, e.ev.Date, e.ev.Place, e.v.closeEditor)
		}
	case ActionUndo:
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
	ok := true
	date, err := e.date.Value()
	if err != nil {
		ok = false
	}
	villageID := e.villageID()
	if villageID == 0 {
		e.villageHint.SetError(lang.L("请选择村；还没有村的话，请先在“设置”里添加"))
		ok = false
	}
	if e.channel.SelectedIndex() < 0 {
		e.channelHint.SetError(lang.L("请选择销售渠道"))
		ok = false
	}
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

	ev := e.ev
	ev.Date = date
	ev.VillageID = villageID
	ev.Channel = data.Channels[e.channel.SelectedIndex()]
	ev.Place, ev.Buyer, ev.Note = e.place.Text, e.buyer.Text, e.note.Text
	ev.Payment = e.payment.Text
	ev.ConsumptionAid = e.aid.Checked
	lines := make([]data.SaleLine, len(pending))
	for i, p := range pending {
		lines[i] = p.line
	}
	if err := e.st.SaveSaleEvent(&ev, lines); err != nil {
		targets := map[string]errorTarget{"Date": e.date, "VillageID": e.villageHint, "Channel": e.channelHint,
			"Place": e.place, "Buyer": e.buyer, "Payment": e.payment, "Note": e.note}
		for i, p := range pending {
			pre := fmt.Sprintf("Lines[%d].", i)
			targets[pre+"ProductID"] = p.row.product
			targets[pre+"Unit"] = p.row.product
			targets[pre+"SellerID"] = p.row.seller
			targets[pre+"Quantity"] = p.row.qty
			targets[pre+"Price"] = p.row.price
			targets[pre+"Amount"] = p.row.amount
		}
		if !showErrors(targets, e.general, err) {
			showStoreError(err, e.win)
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
	e.dirty, e.removed = false, nil // removed lines are gone from the database now
	e.deleteBtn.Show()
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

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func containsString(list []string, s string) bool { return indexOf(list, s) >= 0 }

// saleLineRow is one line of the grid.
type saleLineRow struct {
	e      *saleEditor
	id     int64 // the saved line, 0 while new
	num    *widget.Label
	unit   *widget.Label
	hint   *hintLabel
	box    *fyne.Container
	remove *iconTap

	product, seller *completionField
	qty             *quantityField
	price, amount   *moneyField

	amountTyped bool // the amount was typed, not computed
	priceAuto   bool // the price came from the product's default
}

func newSaleLineRow(e *saleEditor) *saleLineRow {
	l := &saleLineRow{e: e, num: widget.NewLabel(""), unit: widget.NewLabel(""), hint: newHintLabel()}
	l.product = newCompletionField(func(q string) []string { return e.suggestProducts(q, l) })
	l.product.SetPlaceHolder(lang.L("产品名或拼音首字母"))
	l.seller = newCompletionField(func(q string) []string { return e.suggestSellers(q, l) })
	l.seller.SetPlaceHolder(lang.L("卖家姓名"))
	l.qty = newQuantityField()
	l.price = newPlainMoneyField()
	l.amount = newPlainMoneyField()
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
		if ev.Name == fyne.KeyTab && shiftHeld() {
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
	l.remove = newIconTap(theme.ContentClearIcon(), func() { e.removeLine(l) })
	for _, f := range []*fieldEntry{&l.product.fieldEntry, &l.seller.fieldEntry, &l.qty.fieldEntry, &l.price.fieldEntry, &l.amount.fieldEntry} {
		f.OnShortcut = l.shortcut
	}
	l.num.Alignment = fyne.TextAlignTrailing
	secondaryText(l.num)
	row := container.New(saleLineColumns, l.num, l.product, l.seller, l.qty, l.unit, l.price, l.amount, container.NewCenter(l.remove))
	l.box = container.NewVBox(row, l.hint)
	return l
}

// shortcut handles the line's own keys: Ctrl+D removes it; Ctrl+Z right after a removal puts
// the line back (once something is typed, Ctrl+Z undoes typing again).
func (l *saleLineRow) shortcut(s fyne.Shortcut) bool {
	if isCtrl(s, fyne.KeyD) {
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
	l.e.edited()
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
		if m, err := o.price.parse(o.price.Text); err == nil && m > 0 && strings.TrimSpace(o.product.Text) == text {
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
	q, err1 := l.qty.parse(l.qty.Text)
	p, err2 := l.price.parse(l.price.Text)
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
		m, err := l.amount.parse(l.amount.Text)
		return m, err == nil
	}
	q, err1 := l.qty.parse(l.qty.Text)
	p, err2 := l.price.parse(l.price.Text)
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
	for _, t := range []errorTarget{l.product, l.seller, l.qty, l.price, l.amount} {
		t.SetError("")
	}
	l.refreshHint()
}

// lineErrors are the messages of the line's fields, each after its column's name.
func (l *saleLineRow) lineErrors() []string {
	var msgs []string
	add := func(col string, h *hintLabel) {
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
