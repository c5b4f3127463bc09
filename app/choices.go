package app

import (
	"slices"

	"fyne.io/fyne/v2/lang"

	"cunji/app/kit"
	"cunji/data"
)

// The year and village choices the dashboard and the reports share, and how their background
// loads read what the choices offer.

// recentYears is this year and the five before it, newest first: what a year choice offers
// until the first load says which years have data.
func recentYears() []int {
	var years []int
	thisYear := data.Today().Year()
	for y := thisYear; y > thisYear-6; y-- {
		years = append(years, y)
	}
	return years
}

func yearNames(years []int) []string {
	out := make([]string, len(years))
	for i, y := range years {
		out[i] = lang.X("home.year", "{{.Year}}年", map[string]any{"Year": y})
	}
	return out
}

// chosenYear is the year chosen in sel (the first when none is); list is the slice its indexes refer to.
func chosenYear(sel *kit.Select, list []int) int {
	return list[max(sel.SelectedIndex(), 0)]
}

// offeredYears are the years a year choice lists: those with data and the last few.
func offeredYears(st *data.Store) ([]int, error) {
	first, last, err := st.YearRange()
	if err != nil {
		return nil, err
	}
	return data.OfferedYears(first, last, data.Today().Year(), 5), nil
}

// setYearOptions offers years (newest first) in sel, keeping the chosen year; it reports
// whether anything changed. list is the slice the select's indexes refer to.
func setYearOptions(sel *kit.Select, list *[]int, years []int, onChanged func(string)) bool {
	if len(years) == 0 || slices.Equal(*list, years) {
		return false
	}
	chosen := chosenYear(sel, *list)
	*list = years
	idx := slices.Index(years, chosen)
	if idx < 0 {
		idx = 0
	}
	sel.OnChanged = nil
	sel.SetOptions(yearNames(years))
	sel.SetSelectedIndex(idx)
	sel.OnChanged = onChanged
	return true
}

// chosenVillage is the village chosen in sel, whose first option is 全部村 (0: all); list is
// the villages behind the other options.
func chosenVillage(sel *kit.Select, list []data.Village) int64 {
	if i := sel.SelectedIndex(); i > 0 && i-1 < len(list) {
		return list[i-1].ID
	}
	return 0
}

// setVillageOptions offers 全部村 and the villages vs in sel, choosing the village chosen (0:
// all); it reports whether anything changed. list is the slice the select's options come from.
func setVillageOptions(sel *kit.Select, list *[]data.Village, vs []data.Village, chosen int64, onChanged func(string)) bool {
	same := len(vs) == len(*list)
	for i := range vs {
		same = same && vs[i].ID == (*list)[i].ID && vs[i].Name == (*list)[i].Name
	}
	if same {
		return false
	}
	*list = vs
	names := []string{lang.L("全部村")}
	idx := 0
	for i, v := range vs {
		names = append(names, v.Name)
		if v.ID == chosen {
			idx = i + 1
		}
	}
	sel.OnChanged = nil
	sel.SetOptions(names)
	sel.SetSelectedIndex(idx)
	sel.OnChanged = onChanged
	return true
}

// loadChoices reads, off the Fyne thread, the villages and years the choices offer; a chosen
// village deleted meanwhile comes back as 0 (all).
func loadChoices(st *data.Store, villageID int64) (villages []data.Village, years []int, _ int64, err error) {
	if villages, err = st.Villages(); err != nil {
		return nil, nil, 0, err
	}
	if years, err = offeredYears(st); err != nil {
		return nil, nil, 0, err
	}
	if villageID != 0 && !hasVillage(villages, villageID) {
		villageID = 0
	}
	return villages, years, villageID, nil
}

func hasVillage(vs []data.Village, id int64) bool {
	return slices.ContainsFunc(vs, func(v data.Village) bool { return v.ID == id })
}
