package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// shareFields are a 联建 project's 分成比例: one percent entry per chosen village, shown when two
// or more villages are chosen. All empty means equal shares.
type shareFields struct {
	label    *widget.Label
	grid     *fyne.Container
	row      fyne.CanvasObject
	hint     *kit.HintLabel
	entries  map[int64]*kit.TextField // kept when a village is unticked, so nothing typed is lost
	shown    []int64
	changed  func()
	readOnly bool // a town database: the shares show but cannot be typed
}

func newShareFields(changed func()) *shareFields {
	sf := &shareFields{grid: container.NewGridWithColumns(4), hint: kit.NewHintLabel(), entries: map[int64]*kit.TextField{}, changed: changed}
	objs := kit.FieldRow(lang.L("分成比例（%）"), sf.grid, sf.hint)
	sf.label, sf.row = objs[0].(*widget.Label), objs[1]
	sf.show(nil, nil)
	return sf
}

// show lays out an entry for each village (in the order given); hidden for fewer than two.
func (sf *shareFields) show(ids []int64, names map[int64]string) {
	sf.shown = ids
	sf.grid.RemoveAll()
	for _, id := range ids {
		sf.grid.Add(widget.NewLabel(names[id]))
		sf.grid.Add(sf.entry(id))
	}
	if len(ids) < 2 {
		sf.label.Hide()
		sf.row.Hide()
	} else {
		sf.label.Show()
		sf.row.Show()
	}
	sf.grid.Refresh()
}

// fill puts a project's shares in the entries (empty for equal shares).
func (sf *shareFields) fill(shares map[int64]int) {
	for _, e := range sf.entries {
		e.SetText("")
	}
	for id, bp := range shares {
		sf.entry(id).SetText(strings.TrimSuffix(data.FormatShare(bp), "%"))
	}
}

// read gives the shares typed for the shown villages: nil when all are empty; an empty one next
// to typed ones is 0, which the store refuses as not positive.
func (sf *shareFields) read(parse *data.ValidationError) map[int64]int {
	if len(sf.shown) < 2 {
		return nil
	}
	out := map[int64]int{}
	typed := false
	for _, id := range sf.shown {
		text := sf.entries[id].Text
		if text == "" {
			out[id] = 0
			continue
		}
		typed = true
		bp, ok := data.ParseShare(text)
		if !ok {
			parse.Add("Shares", "err.share.invalid", lang.L("分成比例请填 0 到 100 之间的百分数，最多两位小数，例如 50 或 33.33"))
			bp = 0
		}
		out[id] = bp
	}
	if !typed {
		return nil
	}
	return out
}

// entry is the share entry of a village, made on first use.
func (sf *shareFields) entry(id int64) *kit.TextField {
	e, ok := sf.entries[id]
	if !ok {
		e = kit.NewTextField()
		e.SetPlaceHolder(lang.L("平分"))
		e.OnChanged = func(string) { sf.changed() }
		if sf.readOnly {
			e.Disable()
		}
		sf.entries[id] = e
	}
	return e
}
