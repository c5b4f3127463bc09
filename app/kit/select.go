package kit

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/data"
)

// Select is the Select every form and filter uses. It shows a Chinese placeholder instead of
// Fyne's "(Select one)", and typing while it has the focus chooses an option: a letter, digit or
// character jumps to the next option whose text or pinyin initials start with it (d → 东泉村),
// and further keys narrow the choice (2, 0, 2, 4 → 2024年).
type Select struct {
	widget.Select
	typed string // what was typed since the focus came or another key moved the choice
}

// NewSelect makes a Select; an empty placeholder says 请选择.
func NewSelect(options []string, placeholder string, changed func(string)) *Select {
	if placeholder == "" {
		placeholder = lang.L("请选择")
	}
	s := &Select{}
	s.Options, s.PlaceHolder, s.OnChanged = options, placeholder, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *Select) FocusGained() { s.typed = ""; s.Select.FocusGained() }

func (s *Select) FocusLost() { s.typed = ""; s.Select.FocusLost() }

func (s *Select) TypedKey(ev *fyne.KeyEvent) { s.typed = ""; s.Select.TypedKey(ev) }

// TypedRune chooses by what was typed: the current option stays while it still fits the longer
// prefix; otherwise the key starts afresh from the option after the current one, so pressing the
// same letter again steps through the options it starts.
func (s *Select) TypedRune(r rune) {
	k := strings.ToLower(data.Halfwidth(string(r)))
	if s.Disabled() || strings.TrimSpace(k) == "" {
		return
	}
	cur := s.SelectedIndex()
	if s.typed != "" {
		if i := s.find(s.typed+k, max(cur, 0)); i >= 0 {
			s.typed += k
			s.SetSelectedIndex(i)
			return
		}
	}
	s.typed = k
	if i := s.find(k, cur+1); i >= 0 {
		s.SetSelectedIndex(i)
	}
}

// find is the first option from index from on (wrapping round) whose text or pinyin initials
// start with prefix, or -1.
func (s *Select) find(prefix string, from int) int {
	n := len(s.Options)
	for j := range n {
		i := (from + j) % n
		o := s.Options[i]
		if strings.HasPrefix(strings.ToLower(data.Halfwidth(o)), prefix) || strings.HasPrefix(data.PinyinInitials(o), prefix) {
			return i
		}
	}
	return -1
}

// Choice is a Select that offers "全部" (or another first option meaning no filter) before its values.
// It is a widget that shows its Select rather than a struct embedding *widget.Select: an embedding
// struct placed in a layout is a second widget whose renderer the Select's own Refresh never reaches,
// so the shown text would go stale.
type Choice struct {
	widget.BaseWidget
	Sel    *Select
	values []string // parallel to Sel.Options after the first
	all    string
}

func NewChoice(all string, labels, values []string, changed func(value string)) *Choice {
	c := &Choice{all: all, values: values}
	c.Sel = NewSelect(append([]string{all}, labels...), "", nil)
	c.Sel.PlaceHolder = widestOption(c.Sel.Options)
	c.Sel.SetSelectedIndex(0)
	c.Sel.OnChanged = func(string) {
		if changed != nil {
			changed(c.Value())
		}
	}
	c.ExtendBaseWidget(c)
	return c
}

func (c *Choice) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.Sel) }

// Value is the chosen value, "" for the first option.
func (c *Choice) Value() string {
	i := c.Sel.SelectedIndex()
	if i <= 0 || i-1 >= len(c.values) {
		return ""
	}
	return c.values[i-1]
}

// Values are the values offered after the first option.
func (c *Choice) Values() []string { return c.values }

// SetSelected chooses the option with this label, as a tap would (OnChanged runs).
func (c *Choice) SetSelected(label string) { c.Sel.SetSelected(label) }

// SetSelectedIndex chooses option i (0 is the "all" option), as a tap would.
func (c *Choice) SetSelectedIndex(i int) { c.Sel.SetSelectedIndex(i) }

// SelectedIndex is the chosen option's index (0 is the "all" option).
func (c *Choice) SelectedIndex() int { return c.Sel.SelectedIndex() }

// SetOptions replaces the values and keeps the current choice when it is still offered.
func (c *Choice) SetOptions(labels, values []string) {
	cur := c.Value()
	c.values = values
	c.Sel.Options = append([]string{c.all}, uniqueLabels(labels)...)
	c.Sel.PlaceHolder = widestOption(c.Sel.Options)
	c.SetValue(cur)
}

// choiceWidthRunes caps how many characters a Choice is made wide enough for: a long project
// name is cut (…) rather than widening a filter bar past a small screen.
const choiceWidthRunes = 6

// widestOption is the option a Choice is sized for. A Select is as wide as its placeholder, which
// a Choice never shows (its first option is always chosen), so the placeholder sizes it instead:
// 全部类型 shows whole rather than 全部….
func widestOption(options []string) string {
	widest, w := "", float32(0)
	for _, o := range options {
		if r := []rune(o); len(r) > choiceWidthRunes {
			o = string(r[:choiceWidthRunes])
		}
		if ow := fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width; ow > w {
			widest, w = o, ow
		}
	}
	return widest
}

// SetValue selects the option holding v ("" selects the first option) without telling OnChanged.
func (c *Choice) SetValue(v string) {
	cb := c.Sel.OnChanged
	c.Sel.OnChanged = nil
	c.Sel.SetSelectedIndex(0)
	for i, x := range c.values {
		if x == v {
			c.Sel.SetSelectedIndex(i + 1)
		}
	}
	c.Sel.OnChanged = cb
}

// uniqueLabels numbers repeated labels (两个“大棚”项目 → 大棚, 大棚 (2)): a Select tells options apart by text.
func uniqueLabels(labels []string) []string {
	seen := map[string]int{}
	out := make([]string, len(labels))
	for i, l := range labels {
		seen[l]++
		out[i] = l
		if n := seen[l]; n > 1 {
			out[i] = fmt.Sprintf("%s (%d)", l, n)
		}
	}
	return out
}

// Translated looks every name up in the translations (the data layer's names are Chinese keys).
func Translated(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = Word(n)
	}
	return out
}

// Word is a stored word (a category, stage, kind…) as shown: looked up in the translations, and
// "" (nothing chosen yet) left as it is rather than looked up and logged as missing.
func Word(word string) string {
	if word == "" {
		return ""
	}
	return lang.L(word)
}
