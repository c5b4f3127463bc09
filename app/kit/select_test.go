package kit_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"cunji/app/kit"
)

// A filter's choice is wide enough for what it shows (全部类型, not 全部…), also after new options
// come; a very long option is cut rather than widening the filter bar past a small screen.
func TestChoiceIsWideEnoughForItsOptions(t *testing.T) {
	test.NewTempApp(t)
	c := kit.NewChoice("全部类型", []string{"土地", "设施农业"}, []string{"a", "b"}, nil)
	w := test.NewWindow(c)
	t.Cleanup(w.Close)
	// A Select draws its text beside the drop-down icon, within its padding.
	fits := func(text string) bool {
		need := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding() + theme.IconInlineSize()
		return c.MinSize().Width >= need
	}
	if !fits("全部类型") {
		t.Fatalf("a choice %v wide cuts 全部类型", c.MinSize().Width)
	}
	c.SetOptions([]string{"已到期未续签"}, []string{"x"})
	if !fits("已到期未续签") {
		t.Fatalf("a choice %v wide cuts 已到期未续签", c.MinSize().Width)
	}
	c.SetOptions([]string{"柳埠集体经济连片发展项目（果品分拣中心）"}, []string{"p"})
	if fits("柳埠集体经济连片发展项目") {
		t.Fatalf("a long project name widened the choice to %v", c.MinSize().Width)
	}
}
