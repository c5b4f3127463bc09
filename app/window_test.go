package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cunji/app/kit/kittest"
	"cunji/data"
)

// A first start opens at a size that fits a 1366×768 laptop with its taskbar, and the window may
// shrink to fit a 1024×600 netbook (less taskbar and title bar).
func TestWindowFitsSmallScreens(t *testing.T) {
	m, _ := newTestWindow(t)
	if got := m.Env.Win.Canvas().Size(); got.Width > 1280 || got.Height > 680 {
		t.Errorf("first start opens at %v: taller or wider than a 1366×768 screen less its taskbar", got)
	}
	for i := range m.Tabs.Items {
		m.View(i) // every screen counts, not only those shown so far
	}
	if min := m.Env.Win.Content().MinSize(); min.Width > 1000 || min.Height > 520 {
		t.Errorf("the window cannot get smaller than %v: too big for a 1024×600 screen", min)
	}
	// A size remembered on a big screen is cut down to the screen the window opens on.
	m.Env.Win.Resize(fyne.NewSize(1800, 1000))
	m.fitScreen(fyne.NewSize(1366, 728))
	if got := m.Env.Win.Canvas().Size(); got.Width > 1366 || got.Height > 728-30 {
		t.Errorf("on a 1366×728 work area the window is %v", got)
	}
	m.fitScreen(fyne.NewSize(1024, 560))
	if got := m.Env.Win.Canvas().Size(); got.Width > 1024 || got.Height > 560-30 {
		t.Errorf("on a 1024×560 work area the window is %v", got)
	}
	// A window that fits is left as it is.
	m.Env.Win.Resize(fyne.NewSize(1100, 600))
	m.fitScreen(fyne.NewSize(1920, 1040))
	if got := m.Env.Win.Canvas().Size(); got != fyne.NewSize(1100, 600) {
		t.Errorf("a window that fits became %v", got)
	}
}

// moneyCellsCut lists the amounts drawn under o in a cell too narrow for them.
func moneyCellsCut(o fyne.CanvasObject) (cut []string, seen int) {
	kittest.Walk(o, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok || !l.Visible() || !strings.Contains(l.Text, "¥") {
			return
		}
		seen++
		need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
		if l.Size().Width < need {
			cut = append(cut, fmt.Sprintf("%s (%.0f of %.0f)", l.Text, l.Size().Width, need))
		}
	})
	return cut, seen
}

// In the smallest window a 1024×600 screen holds, the income ledger's amounts are never cut,
// also when a later page holds a wider one; names give way instead.
func TestIncomeAmountsStayWholeInASmallWindow(t *testing.T) {
	m, st := ledgerTestWindow(t)
	vil := seedVillage(t, st, "东泉村")
	day := data.MustDate(2025, 1, 1)
	for i := range 130 {
		e := &data.CollectiveEntry{Date: day.AddDays(i), VillageID: vil.ID, Direction: data.DirectionIncome,
			Category: "经营收入", SubItem: "农产品销售收入", Amount: 123456, Counterparty: "柳埠街道果品合作社"}
		switch i {
		case 0: // the oldest: on the last page of the newest-first list
			e.Direction, e.Category, e.Amount = data.DirectionExpense, "经营支出", 147110000
		case 125:
			e.Direction, e.Category, e.Amount = data.DirectionExpense, "管理费用", 1471100
		}
		noErr(t, st.SaveEntry(e))
	}
	m.Env.Win.Resize(fyne.NewSize(1008, 552))
	v := incomeOf(t, m)
	v.year.SetSelectedIndex(0) // 全部年度
	if v.table.Rows() != 130 {
		t.Fatalf("%d rows", v.table.Rows())
	}
	cut, seen := moneyCellsCut(v.table.Table)
	if seen == 0 {
		t.Fatal("no amounts drawn")
	}
	v.table.Table.ScrollToBottom()
	more, _ := moneyCellsCut(v.table.Table)
	if cut = append(cut, more...); len(cut) > 0 {
		t.Errorf("amounts cut at 1008×552: %v", cut)
	}
	if w := v.table.Table.ColumnsWidth(); w > v.table.Table.Size().Width {
		t.Errorf("columns %v wide in a table %v wide", w, v.table.Table.Size().Width)
	}
}
