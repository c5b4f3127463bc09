package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit"
	"cunji/data"
)

// A record's 历史 and the entries of 操作日志 in words: when (local time), what was done, and each
// value old → new, as data.DescribeAudit puts them, in the window's language.

// historyShown is how many entries a record's history lists; a sales event of thousands of lines
// has as many, and the 操作日志 pages through them all.
const historyShown = 200

// newHistoryButton is the 历史 button of a record's form or page. record says which record is
// shown now: its table, its id (0 while it is new: the button then says so) and its name.
func newHistoryButton(env *Env, record func() (table string, id int64, name string)) *widget.Button {
	return widget.NewButtonWithIcon(lang.L("历史"), theme.HistoryIcon(), func() {
		table, id, name := record()
		showHistory(env, table, id, name)
	})
}

// showHistory reads one record's history in the background and shows it, newest first.
func showHistory(env *Env, table string, id int64, name string) {
	if id == 0 {
		env.Dialogs.ShowInformation(lang.L("修改历史"), lang.L("这条记录还没有保存，保存后才有修改历史。"))
		return
	}
	env.Run.Go(func() {
		entries, err := env.Store.RecordHistory(table, id)
		env.Run.Do(func() {
			if err != nil {
				env.Dialogs.ShowStoreError(err)
				return
			}
			historyDialog(env.Dialogs, name, entries)
		})
	})
}

// historyDialog lists the entries, each with its changes.
func historyDialog(ds *kit.Dialogs, name string, entries []data.HistoryEntry) {
	box := container.NewVBox()
	for i, h := range entries {
		if i == historyShown {
			more := widget.NewLabel(lang.X("history.more", "还有 {{.N}} 条更早的记录，可以在“操作日志”里查看。",
				map[string]any{"N": len(entries) - historyShown}))
			kit.SecondaryText(more)
			box.Add(more)
			break
		}
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(historyEntryView(h))
	}
	if len(entries) == 0 {
		box.Add(widget.NewLabel(lang.L("还没有修改记录。")))
	}
	title := lang.L("修改历史")
	if name != "" {
		title = lang.X("history.title", "修改历史：{{.Name}}", map[string]any{"Name": name})
	}
	d := dialog.NewCustom(title, lang.L("关闭"), container.NewVScroll(box), ds.Win())
	d.Resize(fyne.NewSize(660, 480))
	ds.Show(d, d.Hide)
}

// historyEntryView is one entry: when and what in bold, the record, then each change on a line.
func historyEntryView(h data.HistoryEntry) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(historyHead(h), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	var lines []string
	if h.Record != "" {
		lines = append(lines, h.Record)
	}
	for _, c := range h.Changes {
		lines = append(lines, changeText(c))
	}
	if len(lines) == 0 {
		return head
	}
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = fyne.TextWrapWord
	return container.NewVBox(head, body)
}

// historyHead is 2025-06-26 14:03:12　修改　集体收支.
func historyHead(h data.HistoryEntry) string {
	return historyTime(h) + "　" + labelText(h.Verb) + "　" + labelText(h.What)
}

// historyLine is an entry on one line: when, what, the record and its changes.
func historyLine(h data.HistoryEntry) string {
	parts := []string{historyHead(h)}
	if h.Record != "" {
		parts = append(parts, h.Record)
	}
	if c := changesText(h.Changes); c != "" {
		parts = append(parts, c)
	}
	return strings.Join(parts, "　")
}

// changesText is every change on one line, separated by semicolons.
func changesText(cs []data.FieldChange) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = changeText(c)
	}
	return strings.Join(parts, lang.L("；"))
}

func historyTime(h data.HistoryEntry) string { return h.At.Local().Format("2006-01-02 15:04:05") }

// labelText is a data label in the window's language.
func labelText(l data.Label) string {
	if l.Key == "" {
		return l.Text
	}
	return lang.X(l.Key, l.Text)
}

// changeText is one change: 金额：¥1,200.00 → ¥1,300.00, or 金额：¥1,200.00 when one side is absent.
func changeText(c data.FieldChange) string {
	field, was, now := labelText(c.Label), historyValue(c, c.Old), historyValue(c, c.New)
	switch {
	case c.Old == "":
		return lang.X("history.value", "{{.Field}}：{{.Value}}", map[string]any{"Field": field, "Value": now})
	case c.New == "":
		return lang.X("history.value", "{{.Field}}：{{.Value}}", map[string]any{"Field": field, "Value": was})
	}
	return lang.X("history.change", "{{.Field}}：{{.Old}} → {{.New}}", map[string]any{"Field": field, "Old": was, "New": now})
}

// historyWords are the words data writes into values, by their translation keys.
var historyWords = map[string]string{"（空）": "hist.value.empty", "演示数据": "hist.value.demo", "重新计算": "hist.value.rebuild"}

// historyValue is a value in the window's language: names from data's fixed lists and data's own
// words are translated; amounts, dates and typed text stay as they are.
func historyValue(c data.FieldChange, v string) string {
	if key, ok := historyWords[v]; ok {
		return lang.X(key, v)
	}
	if c.Named && v != "" {
		return lang.L(v)
	}
	return v
}
