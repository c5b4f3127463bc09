package data

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// keys_backup.txt and keys_history.txt (key<TAB>中文<TAB>English) are what the translations copy
// (go run ./assets/translations/gen); they must match backupMsgs and historyMsgs.
func TestKeysFilesOfBackupAndHistory(t *testing.T) {
	for file, msgs := range map[string]map[string]ledgerMsg{"keys_backup.txt": backupMsgs, "keys_history.txt": historyMsgs} {
		keys := make([]string, 0, len(msgs))
		for k := range msgs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			m := msgs[k]
			if m.zh == "" || m.en == "" || strings.ContainsAny(k+m.zh+m.en, "\t\n") {
				t.Errorf("%s %s: both texts are needed, without tabs or newlines", file, k)
			}
			b.WriteString(k + "\t" + m.zh + "\t" + m.en + "\n")
		}
		if *updateKeys {
			noErr(t, os.WriteFile(file, []byte(b.String()), 0o644))
		}
		got, err := os.ReadFile(file)
		noErr(t, err)
		if string(got) != b.String() {
			t.Errorf("%s is stale: run go test ./data -run TestKeysFiles -update-keys, then go run ./assets/translations/gen", file)
		}
	}
}

// historyFixture writes, through the Store, at least one entry of every audited table and of
// every action, on days the test can filter by.
func historyFixture(t *testing.T) (*ledgerFixture, map[string]int64) {
	t.Helper()
	f, _ := auditedFixture(t)
	s := f.s
	s.now = func() time.Time { return time.Date(2025, 7, 1, 10, 0, 0, 0, time.Local) }
	ids := map[string]int64{}
	noErr(t, s.SaveVillageTarget(&VillageTarget{VillageID: f.village.ID, Year: 2025, Amount: 10000000, Measure: MeasureOperating}))
	partner := &Partner{Name: "济南市农业农村局", Kind: PartnerGovernment}
	noErr(t, s.SavePartner(partner))
	p := &Project{Name: "蔬菜大棚", Type: ProjectTypes[0], VillageIDs: []int64{f.village.ID, f.village2.ID}, PartnerIDs: []int64{partner.ID},
		YearStarted: 2025, Households: 30}
	noErr(t, s.SaveProject(p))
	ids["project"] = p.ID
	noErr(t, s.SaveStageChange(&StageChange{ProjectID: p.ID, Stage: Stages[0], Date: day("2025-06-01")}))
	noErr(t, s.SaveDistribution(&Distribution{ProjectID: p.ID, Date: day("2025-06-20"), Amount: 50000, Recipient: "脱贫户分红"}))
	note := &ProgressNote{ProjectID: p.ID, Date: day("2025-06-21"), Text: "大棚主体完工"}
	noErr(t, s.SaveProgressNote(note))
	noErr(t, s.AddAttachment(&Attachment{NoteID: note.ID, FileName: "大棚.jpg", Mime: "image/jpeg", Data: []byte("jpeg")}))

	s.now = func() time.Time { return time.Date(2025, 7, 2, 10, 0, 0, 0, time.Local) }
	x := &CollectiveEntry{Date: day("2025-07-02"), VillageID: f.village.ID, Direction: DirectionIncome, Category: IncomeOperating,
		Amount: 120000, ProjectID: p.ID}
	noErr(t, s.SaveEntry(x))
	ids["entry"] = x.ID
	x.Amount = 130000
	x.Note = "土地流转费"
	noErr(t, s.SaveEntry(x))
	noErr(t, s.DeleteEntry(x.ID))
	noErr(t, s.RestoreEntry(x.ID))
	noErr(t, s.SetSetting(SettingSecretary, "王志强"))
	noErr(t, s.SetSetting(SettingSecretary, "李明"))
	return f, ids
}

func findEntry(t *testing.T, list []HistoryEntry, table, action string) HistoryEntry {
	t.Helper()
	for _, h := range list {
		if h.Table == table && h.Action == action {
			return h
		}
	}
	t.Fatalf("no %s %s in the history", action, table)
	return HistoryEntry{}
}

func changeTexts(h HistoryEntry) []string {
	var out []string
	for _, c := range h.Changes {
		out = append(out, c.String())
	}
	return out
}

// Each entry in words: field names, money, dates, and the names of linked records; every word
// has its translation key.
func TestHistoryInWords(t *testing.T) {
	f, _ := historyFixture(t)
	n, err := f.s.CountHistory(AuditFilter{})
	noErr(t, err)
	all, err := f.s.ListHistory(AuditFilter{}, 0, n)
	noErr(t, err)
	if len(all) != n || n < 30 {
		t.Fatalf("%d entries listed of %d", len(all), n)
	}

	update := findEntry(t, all, "collective_entries", "update")
	if got := changeTexts(update); !slices.Equal(got, []string{"金额：¥1,200.00 → ¥1,300.00", "备注：（空） → 土地流转费"}) {
		t.Fatalf("update of an entry: %q", got)
	}
	if update.Verb.Text != "修改" || update.What.Text != "集体收支" || update.Record != "2025-07-02 经营收入 ¥1,300.00" || update.Ledger != LedgerIncome {
		t.Fatalf("update: %+v", update)
	}
	insert := findEntry(t, all, "collective_entries", "insert")
	want := []string{"收支日期：2025-07-02", "村：东泉村", "收支：收入", "科目：经营收入", "金额：¥1,200.00", "项目：蔬菜大棚"}
	if got := changeTexts(insert); !slices.Equal(got, want) {
		t.Fatalf("insert of an entry: %q, want %q", got, want)
	}
	if c := insert.Changes[3]; !c.Named || c.Label.Key != "hist.field.category" {
		t.Fatalf("category: %+v", c)
	}
	if h := findEntry(t, all, "collective_entries", "delete"); h.Verb.Text != "删除" || h.Record != "2025-07-02 经营收入 ¥1,300.00" || len(h.Changes) != 0 {
		t.Fatalf("delete: %+v", h)
	}
	if h := findEntry(t, all, "collective_entries", "restore"); h.Verb.Text != "撤销删除" {
		t.Fatalf("restore: %+v", h)
	}
	project := findEntry(t, all, "projects", "insert")
	if got := changeTexts(project); !slices.Contains(got, "所在村：东泉村、西岭村") || !slices.Contains(got, "帮扶单位：济南市农业农村局") ||
		!slices.Contains(got, "带动农户数：30") || project.Record != "蔬菜大棚" {
		t.Fatalf("project: %q %q", got, project.Record)
	}
	line := findEntry(t, all, "sale_lines", "insert")
	if got := changeTexts(line); !slices.Contains(got, "产品：大蒜") || !slices.Contains(got, "卖家：张建国") ||
		!slices.Contains(got, "数量：10") || !slices.Contains(got, "单价：¥3.00") {
		t.Fatalf("sale line: %q", got)
	}
	if h := findEntry(t, all, "disbursements", "delete"); h.Record != "大棚 2025-04-01 ¥1,000.00" {
		t.Fatalf("deleted disbursement: %+v", h)
	}
	bulk := findEntry(t, all, "sale_lines", "bulk")
	if got := changeTexts(bulk); bulk.Verb.Text != "批量录入" || !slices.Contains(got, "来源：test") || !slices.Contains(got, "行数：20") {
		t.Fatalf("bulk: %q", got)
	}
	setting := findEntry(t, all, "settings", "update")
	if got := changeTexts(setting); !slices.Equal(got, []string{"第一书记姓名：王志强 → 李明"}) || setting.Ledger != LedgerSettings {
		t.Fatalf("setting: %q", got)
	}

	// Every word comes with a key the translations have; every audited table has its name.
	for _, h := range all {
		labels := []Label{h.What, h.Verb, LedgerName(h.Ledger)}
		for _, c := range h.Changes {
			labels = append(labels, c.Label)
		}
		for _, l := range labels {
			if _, ok := historyMsgs[l.Key]; !ok || l.Text == "" {
				t.Errorf("entry %d (%s %s): label %+v has no translation key", h.ID, h.Action, h.Table, l)
			}
		}
	}
	for table := range auditedTables {
		if _, ok := historyMsgs["hist.table."+table]; !ok {
			t.Errorf("table %s has no name", table)
		}
	}
}

// Erasing a seller's personal data reads as such, with the masked name only.
func TestHistoryOfAPurgedSeller(t *testing.T) {
	f, _ := historyFixture(t)
	noErr(t, f.s.PurgeSeller(f.seller2.ID))
	list, err := f.s.RecordHistory("sellers", f.seller2.ID)
	noErr(t, err)
	if len(list) != 2 || list[0].Verb.Text != "删除个人信息" || strings.Contains(list[0].Record+list[1].Record, "李秀英") {
		t.Fatalf("purged seller's history: %+v", list)
	}
}

// The 操作日志 filters by ledger, local day and action, and pages newest first.
func TestListHistoryFilters(t *testing.T) {
	f, _ := historyFixture(t)
	s := f.s
	count := func(filter AuditFilter) int {
		t.Helper()
		n, err := s.CountHistory(filter)
		noErr(t, err)
		list, err := s.ListHistory(filter, 0, 1000)
		noErr(t, err)
		if len(list) != n {
			t.Fatalf("%+v: %d listed, %d counted", filter, len(list), n)
		}
		return n
	}
	all := count(AuditFilter{})
	byLedger := 0
	for _, l := range Ledgers {
		byLedger += count(AuditFilter{Ledger: l})
	}
	if byLedger != all || count(AuditFilter{Ledger: LedgerOther}) != 0 {
		t.Fatalf("the ledgers hold %d of %d entries", byLedger, all)
	}
	if n := count(AuditFilter{Ledger: LedgerIncome}); n != 6 { // two entries of the fixture, insert update delete restore of one more
		t.Fatalf("income entries %d", n)
	}
	if n := count(AuditFilter{Ledger: LedgerIncome, From: day("2025-07-02"), To: day("2025-07-02")}); n != 4 {
		t.Fatalf("income entries on 2025-07-02: %d", n)
	}
	// a target, a partner unit, a project, its stage, distribution, note and photo
	if n := count(AuditFilter{From: day("2025-07-01"), To: day("2025-07-01")}); n != 7 {
		t.Fatalf("entries on 2025-07-01: %d", n)
	}
	if n := count(AuditFilter{Action: "delete"}); n != 2 {
		t.Fatalf("deletes: %d", n)
	}
	page, err := s.ListHistory(AuditFilter{}, 2, 3)
	noErr(t, err)
	if len(page) != 3 || page[0].ID != int64(all)-2 || page[0].ID <= page[2].ID {
		t.Fatalf("page 2..4 of %d: %d entries from %d", all, len(page), page[0].ID)
	}
}

// A record's history: its own entries newest first, the bulk entry that added it, and what hangs on it.
func TestRecordHistory(t *testing.T) {
	f, ids := historyFixture(t)
	entry, err := f.s.RecordHistory("collective_entries", ids["entry"])
	noErr(t, err)
	var actions []string
	for _, h := range entry {
		actions = append(actions, h.Action)
	}
	if !slices.Equal(actions, []string{"restore", "delete", "update", "insert"}) {
		t.Fatalf("entry history: %v", actions)
	}

	project, err := f.s.RecordHistory("projects", ids["project"])
	noErr(t, err)
	var tables []string
	for _, h := range project {
		tables = append(tables, h.Table)
	}
	if !slices.Equal(tables, []string{"progress_notes", "distributions", "stage_changes", "projects"}) {
		t.Fatalf("project history: %v", tables)
	}

	// A bulk line changed later through 村记 (auditedFixture's line 4 of the bulk).
	var lineID int64
	noErr(t, f.s.db.QueryRow("SELECT row_id FROM audit_log WHERE tbl = 'sale_lines' AND action = 'update'").Scan(&lineID))
	line, err := f.s.RecordHistory("sale_lines", lineID)
	noErr(t, err)
	if len(line) != 2 || line[0].Action != "update" || line[1].Action != "bulk" {
		t.Fatalf("bulk line history: %+v", line)
	}
	if got := changeTexts(line[0]); !slices.Equal(got, []string{"单价：¥40.03 → ¥45.00"}) {
		t.Fatalf("the line's change: %q", got)
	}
}
