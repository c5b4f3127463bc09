package app

import (
	"strconv"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"cunji/app/kit"
	"cunji/data"
)

// salesView is the 助农销售 screen: the sales events (list and event page), the seller and
// product catalogs, and the 共富账单 (what each household sold and earned in a period).
type salesView struct {
	env      *Env
	st       *data.Store
	tabs     *container.AppTabs
	events   *saleEventsView
	sellers  *sellerCatalog
	products *productCatalog
	bill     *sellerBillView
}

// Inner tabs of the sales screen, in order.
const (
	salesTabEvents = iota
	salesTabSellers
	salesTabProducts
	salesTabBill
)

func salesScreen(env *Env) *ScreenView {
	v := &salesView{env: env, st: env.Store}
	v.events = newSaleEventsView(v)
	v.sellers = newSellerCatalog(v)
	v.products = newProductCatalog(v)
	v.bill = newSellerBillView(v)
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("销售记录"), theme.ListIcon(), v.events.content),
		container.NewTabItemWithIcon(lang.L("卖家"), theme.AccountIcon(), v.sellers.content),
		container.NewTabItemWithIcon(lang.L("产品"), theme.StorageIcon(), v.products.content),
		container.NewTabItemWithIcon(lang.L("共富账单"), theme.DocumentIcon(), v.bill.content),
	)
	v.tabs.OnSelected = func(*container.TabItem) { v.shown() }
	env.OnChange(v.storeChanged, "sale_events", "sale_lines", "sellers", "products", "villages")
	return &ScreenView{
		Content:  kit.NewHolder(v, v.tabs),
		OnAction: v.action,
		OnShow:   v.shown,
		CanLeave: v.canLeave,
	}
}

// shown refreshes the visible part (villages may have changed in 设置).
func (v *salesView) shown() {
	switch v.tabs.SelectedIndex() {
	case salesTabEvents:
		v.events.shown()
	case salesTabSellers:
		v.sellers.reload()
	case salesTabProducts:
		v.products.reload()
	case salesTabBill:
		v.bill.reload()
	}
}

// canLeave asks about unsaved work in the event page and the catalog forms, one after another.
func (v *salesView) canLeave(proceed func()) {
	v.events.canLeave(func() {
		v.sellers.form.Guard(func() {
			v.products.form.Guard(proceed)
		})
	})
}

func (v *salesView) storeChanged() {
	v.events.reload()
	v.sellers.reload()
	v.products.reload()
	v.bill.reload()
}

func (v *salesView) action(a kit.Action) {
	switch v.tabs.SelectedIndex() {
	case salesTabEvents:
		v.events.action(a)
	case salesTabSellers:
		v.sellers.action(a)
	case salesTabProducts:
		v.products.action(a)
	case salesTabBill:
		v.bill.action(a)
	}
}

// showEventsOf switches to the event list filtered to one seller's sales in a period.
func (v *salesView) showEventsOf(sellerID int64, sellerLabel string, p data.Period) {
	v.tabs.SelectIndex(salesTabEvents)
	v.events.filterBySeller(sellerID, sellerLabel, p)
}

// villageChoices is the villages as a Select shows them, with their IDs alongside.
func villageChoices(st *data.Store) (names []string, ids []int64, err error) {
	vs, err := st.Villages()
	names, ids = villageNames(vs)
	return names, ids, err
}

func villageNames(vs []data.Village) (names []string, ids []int64) {
	for _, x := range vs {
		names = append(names, x.Name)
		ids = append(ids, x.ID)
	}
	return names, ids
}

// idValues are ids as a choice's values.
func idValues(ids []int64) []string {
	values := make([]string, len(ids))
	for i, id := range ids {
		values[i] = strconv.FormatInt(id, 10)
	}
	return values
}

// idOf reads an ID kept as a choice's value ("" is 0: no choice).
func idOf(s string) int64 {
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}
