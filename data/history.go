package data

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The audit log in words, for a record's 历史 and the 操作日志 screen: when, what action, and the
// values that changed, by name and in the ledger's own formats (money, dates, names of linked
// villages and projects rather than ids). Every label carries its translation key.

// Label is a name a person reads: the Chinese text and its translation key
// (data/keys_history.txt, merged into assets/translations/errors.*.json).
type Label struct {
	Key  string
	Text string
}

func (l Label) String() string { return l.Text }

// Ledgers group the audited tables the way the window's screens do, for the 操作日志 filter.
const (
	LedgerProjects = "projects" // 帮扶项目
	LedgerSales    = "sales"    // 助农销售
	LedgerIncome   = "income"   // 集体收入
	LedgerSettings = "settings" // 设置: villages and targets, partner units, settings, the audit chain
	LedgerOther    = "other"    // tables no ledger claims yet
)

// Ledgers lists the ledgers in the order the 操作日志 filter offers them.
var Ledgers = []string{LedgerProjects, LedgerSales, LedgerIncome, LedgerSettings, LedgerOther}

var ledgerTables = map[string][]string{
	LedgerProjects: {"projects", "funding_lines", "disbursements", "stage_changes", "distributions", "progress_notes", "attachments"},
	LedgerSales:    {"sellers", "products", "sale_events", "sale_lines", "sales_month"},
	LedgerIncome:   {"collective_entries"},
	LedgerSettings: {"villages", "village_targets", "partners", "partner_staff", "settings", "audit_log"},
}

// LedgerName is a ledger's name: 帮扶项目, 助农销售 …
func LedgerName(ledger string) Label { return historyLabel("hist.ledger." + ledger) }

func ledgerOf(table string) string {
	for l, tables := range ledgerTables {
		if slices.Contains(tables, table) {
			return l
		}
	}
	return LedgerOther
}

// historyMsgs holds every word the history uses, by translation key; keys_history.txt is generated
// from it (see history_test.go). Data names that already have translations (stages, categories …)
// are not here: FieldChange.Named marks them.
var historyMsgs = map[string]ledgerMsg{
	"hist.ledger.projects": {"帮扶项目", "Assistance projects"},
	"hist.ledger.sales":    {"助农销售", "Produce sales"},
	"hist.ledger.income":   {"集体收入", "Collective income"},
	"hist.ledger.settings": {"设置", "Settings"},
	"hist.ledger.other":    {"其他", "Other"},

	"hist.action.insert":      {"新增", "Added"},
	"hist.action.update":      {"修改", "Changed"},
	"hist.action.delete":      {"删除", "Deleted"},
	"hist.action.restore":     {"撤销删除", "Restored"},
	"hist.action.bulk":        {"批量录入", "Bulk entry"},
	"hist.action.purge":       {"删除个人信息", "Personal data erased"},
	"hist.action.chain_start": {"开始逐条核对操作日志", "Audit chain started"},
	"hist.action.merge":       {"汇总数据包", "Package merged"},

	"hist.table.villages":           {"村", "Village"},
	"hist.table.village_targets":    {"年度目标", "Yearly target"},
	"hist.table.partners":           {"帮扶单位", "Partner unit"},
	"hist.table.projects":           {"帮扶项目", "Project"},
	"hist.table.funding_lines":      {"项目资金", "Funding"},
	"hist.table.disbursements":      {"资金拨付", "Disbursement"},
	"hist.table.stage_changes":      {"项目进度", "Stage"},
	"hist.table.distributions":      {"收益分配", "Income distribution"},
	"hist.table.progress_notes":     {"进展记录", "Progress note"},
	"hist.table.attachments":        {"附件", "Attachment"},
	"hist.table.sellers":            {"卖家", "Seller"},
	"hist.table.products":           {"产品", "Product"},
	"hist.table.sale_events":        {"销售场次", "Sales event"},
	"hist.table.sale_lines":         {"销售明细", "Sale line"},
	"hist.table.sales_month":        {"月度销售汇总", "Monthly sales totals"},
	"hist.table.collective_entries": {"集体收支", "Income or expense"},
	"hist.table.assets":             {"资产台账", "Asset"},
	"hist.table.contracts":          {"合同", "Contract"},
	"hist.table.contract_receipts":  {"合同收款", "Contract receipt"},
	"hist.table.record_files":       {"合同与资产附件", "Contract or asset file"},
	"hist.table.decisions":          {"四议两公开", "Decision record"},
	"hist.table.decision_steps":     {"四议两公开步骤", "Decision step"},
	"hist.table.decision_files":     {"四议两公开照片", "Decision step photo"},
	"hist.table.worklog_days":       {"工作日志", "Work log"},
	"hist.table.worklog_visits":     {"走访农户", "Household visited"},
	"hist.table.worklog_issues":     {"民情日记", "Village diary"},
	"hist.table.worklog_files":      {"工作日志照片", "Work log photo"},
	"hist.table.worklog_partners":   {"帮扶单位来访", "Partner unit visit"},
	"hist.table.tasks":              {"揭榜挂帅", "Task taken on"},
	"hist.table.task_links":         {"榜单关联记录", "Task link"},
	"hist.table.task_files":         {"榜单办结材料", "Task evidence"},
	"hist.table.partner_staff":      {"帮扶单位派出人员", "People sent by a partner unit"},
	"hist.table.settings":           {"设置", "Setting"},
	"hist.table.audit_log":          {"操作日志", "Audit log"},
	"hist.table.town_packages":      {"村数据包", "Village package"},

	"hist.field.name":                 {"名称", "Name"},
	"hist.field.town":                 {"乡镇（街道）", "Town"},
	"hist.field.county":               {"县（市、区）", "County"},
	"hist.field.note":                 {"备注", "Note"},
	"hist.field.village_id":           {"村", "Village"},
	"hist.field.year":                 {"年度", "Year"},
	"hist.field.amount":               {"金额", "Amount"},
	"hist.field.measure":              {"考核口径", "Measure"},
	"hist.field.kind":                 {"类别", "Kind"},
	"hist.field.contact":              {"联系人", "Contact"},
	"hist.field.phone":                {"电话", "Phone"},
	"hist.field.type":                 {"项目类型", "Project type"},
	"hist.field.village_ids":          {"所在村", "Villages"},
	"hist.field.shares":               {"分成比例", "Shares"},
	"hist.field.responsible":          {"责任人", "Responsible person"},
	"hist.field.implementer":          {"实施单位", "Implementing unit"},
	"hist.field.partner_ids":          {"帮扶单位", "Partner units"},
	"hist.field.year_started":         {"开始年度", "Year started"},
	"hist.field.households":           {"带动农户数", "Households helped"},
	"hist.field.households_poor":      {"其中脱贫户", "Of them formerly poor"},
	"hist.field.households_monitored": {"其中监测户", "Of them monitored"},
	"hist.field.asset_kind":           {"资产类别", "Asset kind"},
	"hist.field.asset_value":          {"资产价值", "Asset value"},
	"hist.field.asset_owner":          {"所有权归属", "Asset owner"},
	"hist.field.asset_description":    {"资产说明", "Asset description"},
	"hist.field.decision":             {"“四议两公开”记录", "Decision record"},
	"hist.field.project_id":           {"项目", "Project"},
	"hist.field.source":               {"来源", "Source"},
	"hist.field.date":                 {"日期", "Date"},
	"hist.field.stage":                {"阶段", "Stage"},
	"hist.field.recipient":            {"分配对象或用途", "Recipient or purpose"},
	"hist.field.text":                 {"内容", "Text"},
	"hist.field.note_id":              {"进展记录", "Progress note"},
	"hist.field.file_name":            {"文件名", "File name"},
	"hist.field.mime":                 {"文件类型", "File type"},
	"hist.field.size":                 {"大小", "Size"},
	"hist.field.status":               {"户类别", "Household status"},
	"hist.field.id_number":            {"身份证号", "ID number"},
	"hist.field.spec":                 {"规格", "Specification"},
	"hist.field.unit":                 {"单位", "Unit"},
	"hist.field.default_price":        {"默认单价", "Default price"},
	"hist.field.channel":              {"渠道", "Channel"},
	"hist.field.place":                {"地点", "Place"},
	"hist.field.buyer":                {"购买方", "Buyer"},
	"hist.field.payment":              {"付款方式", "Payment"},
	"hist.field.consumption_aid":      {"计入消费帮扶", "Counts as consumption aid"},
	"hist.field.event_id":             {"销售场次", "Sales event"},
	"hist.field.product_id":           {"产品", "Product"},
	"hist.field.seller_id":            {"卖家", "Seller"},
	"hist.field.quantity":             {"数量", "Quantity"},
	"hist.field.price":                {"单价", "Price"},
	"hist.field.amount_typed":         {"金额手工填写", "Amount typed by hand"},
	"hist.field.direction":            {"收支", "Income or expense"},
	"hist.field.category":             {"科目", "Category"},
	"hist.field.sub_item":             {"明细项目", "Sub-item"},
	"hist.field.counterparty":         {"对方单位或个人", "Counterparty"},
	"hist.field.voucher":              {"凭证号", "Voucher"},
	"hist.field.rows":                 {"行数", "Rows"},
	"hist.field.ids":                  {"编号", "IDs"},

	"hist.field.villages.name":             {"村名", "Village name"},
	"hist.field.partners.name":             {"单位名称", "Unit name"},
	"hist.field.partners.kind":             {"单位类别", "Unit kind"},
	"hist.field.projects.name":             {"项目名称", "Project name"},
	"hist.field.funding_lines.source":      {"资金来源", "Funding source"},
	"hist.field.funding_lines.amount":      {"资金金额", "Amount"},
	"hist.field.disbursements.date":        {"拨付日期", "Date paid"},
	"hist.field.disbursements.amount":      {"拨付金额", "Amount paid"},
	"hist.field.distributions.date":        {"分配日期", "Date"},
	"hist.field.distributions.amount":      {"分配金额", "Amount"},
	"hist.field.sellers.name":              {"姓名或名称", "Name"},
	"hist.field.sellers.kind":              {"卖家类别", "Seller kind"},
	"hist.field.products.name":             {"产品名称", "Product name"},
	"hist.field.village_targets.year":      {"目标年度", "Target year"},
	"hist.field.village_targets.amount":    {"目标金额", "Target"},
	"hist.field.sale_events.channel":       {"销售渠道", "Sales channel"},
	"hist.field.stage_changes.date":        {"进入日期", "Date reached"},
	"hist.field.progress_notes.text":       {"进展", "Progress"},
	"hist.field.sales_month.source":        {"原因", "Reason"},
	"hist.field.collective_entries.date":   {"收支日期", "Date"},
	"hist.field.decisions.kind":            {"事项类别", "Kind of matter"},
	"hist.field.decisions.source":          {"动议来源", "Motion from"},
	"hist.field.decisions.amount":          {"涉及金额", "Amount"},
	"hist.field.decision_steps.place":      {"地点或公开位置", "Place or where posted"},
	"hist.field.decision_steps.households": {"全村户数", "Households of the village"},
	"hist.field.matter":                    {"事项", "Matter"},
	"hist.field.contract_id":               {"合同", "Contract"},
	"hist.field.asset_id":                  {"资产", "Asset"},
	"hist.field.merged":                    {"提议与商议合并（一肩挑）", "Proposal and discussion merged"},
	"hist.field.decision_id":               {"四议两公开", "Decision record"},
	"hist.field.step":                      {"步骤", "Step"},
	"hist.field.step_id":                   {"步骤", "Step"},
	"hist.field.presence":                  {"在村或外出", "In the village or away"},
	"hist.field.reason":                    {"外出原因", "Reason away"},
	"hist.field.work":                      {"工作内容", "Work done"},
	"hist.field.day_id":                    {"工作日志", "Work log"},
	"hist.field.worklog_visits.seller_id":  {"走访户", "Household"},
	"hist.field.worklog_visits.name":       {"走访户", "Household"},
	"hist.field.problem":                   {"问题", "Problem"},
	"hist.field.solved":                    {"已解决", "Solved"},
	"hist.field.how":                       {"解决情况", "How solved"},
	"hist.field.form":                      {"形式", "Form"},
	"hist.field.expected":                  {"应到", "Expected"},
	"hist.field.present":                   {"实到", "Present"},
	"hist.field.households_present":        {"到会户数", "Households present"},
	"hist.field.for":                       {"同意", "For"},
	"hist.field.against":                   {"反对", "Against"},
	"hist.field.abstain":                   {"弃权", "Abstaining"},
	"hist.field.content":                   {"内容", "Content"},
	"hist.field.days":                      {"公开天数", "Days posted"},
	"hist.field.feedback":                  {"反馈意见", "Feedback"},
	"hist.field.partner_id":                {"帮扶单位", "Partner unit"},
	"hist.field.sale_events.partner_id":    {"购买单位（帮扶单位）", "Buying partner unit"},
	"hist.field.title":                     {"事项名称", "Title"},
	"hist.field.poster":                    {"发榜单位", "Posted by"},
	"hist.field.poster_partner_id":         {"发榜的帮扶单位", "Posting partner unit"},
	"hist.field.goal":                      {"目标", "Goal"},
	"hist.field.target_kind":               {"考核指标", "Measure"},
	"hist.field.target_value":              {"目标数值", "Target value"},
	"hist.field.target_stage":              {"目标阶段", "Stage to reach"},
	"hist.field.taken_on":                  {"揭榜日期", "Taken on"},
	"hist.field.deadline":                  {"完成时限", "Deadline"},
	"hist.field.tasks.responsible":         {"挂帅责任人", "Person answering"},
	"hist.field.tasks.status":              {"状态", "Status"},
	"hist.field.progress":                  {"完成进度（%）", "Progress (%)"},
	"hist.field.closed_on":                 {"办结日期", "Date closed"},
	"hist.field.closing_note":              {"办结说明", "Closing note"},
	"hist.field.task_id":                   {"榜单事项", "Task"},
	"hist.field.date_from":                 {"开始日期", "From"},
	"hist.field.date_to":                   {"结束日期", "To"},
	"hist.field.people":                    {"派出人数", "People"},
	"hist.field.names":                     {"姓名", "Names"},

	"hist.setting.secretary_name":       {"第一书记姓名", "First secretary"},
	"hist.setting.sending_unit":         {"派出单位", "Sending unit"},
	"hist.setting.language":             {"界面语言", "Language"},
	"hist.setting.second_backup_dir":    {"第二备份位置", "Second backup place"},
	"hist.setting.second_backup_last":   {"最近一次复制到第二备份位置", "Last copy to the second backup place"},
	"hist.setting.second_backup_missed": {"第二备份位置不在的时间", "Second backup place last absent"},
	"hist.setting.income_bands":         {"经营性收入分档（万元）", "Operating income bands (¥10,000)"},

	"hist.value.empty":   {"（空）", "(empty)"},
	"hist.value.demo":    {"演示数据", "demo data"},
	"hist.value.merge":   {"村数据包", "a village package"},
	"hist.value.rebuild": {"重新计算", "recalculated"},
	"是":                  {"是", "Yes"},
	"否":                  {"否", "No"},
}

func historyLabel(key string) Label {
	if m, ok := historyMsgs[key]; ok {
		return Label{Key: key, Text: m.zh}
	}
	return Label{Text: key[strings.LastIndexByte(key, '.')+1:]}
}

// HistoryEntry is one audit entry in words.
type HistoryEntry struct {
	ID      int64
	At      time.Time // when (UTC; show it in local time)
	Table   string
	RowID   int64  // the record's id; 0 for a bulk entry
	Action  string // insert, update, delete, restore, bulk, chain_start
	Ledger  string // one of Ledgers
	What    Label  // the kind of record: 集体收支, 销售明细 …
	Verb    Label  // the action: 新增, 修改, 删除, 撤销删除, 批量录入 …
	Record  string // the record in a few values: "2025-03-01 经营收入 ¥1,300.00"
	Changes []FieldChange
}

// FieldChange is one value in an entry: for an insert the value entered, for an update a field
// that changed, for a delete the value it had, for a bulk entry its rows and source.
type FieldChange struct {
	Field string // the field's Go name as the audit log keeps it (a setting's key for settings)
	Label Label  // 金额, 日期 …
	Old   string // before, as a person reads it ("" for an insert)
	New   string // after ("" for a delete)
	// Named: Old and New are names from data's fixed lists (stages, categories, channels, 是/否 …)
	// that the window translates with lang.L.
	Named bool
}

// String is the change in Chinese: 金额：¥1,200.00 → ¥1,300.00 (金额：¥1,200.00 when one side is absent).
func (c FieldChange) String() string {
	switch {
	case c.Old == "":
		return c.Label.Text + "：" + c.New
	case c.New == "":
		return c.Label.Text + "：" + c.Old
	}
	return c.Label.Text + "：" + c.Old + " → " + c.New
}

// AuditFilter narrows the 操作日志; zero fields do not filter.
type AuditFilter struct {
	Ledger   string // one of Ledgers
	From, To Date   // the local days the changes were made, inclusive
	Action   string // insert, update, delete, restore or bulk
}

func (f AuditFilter) where() (string, []any) {
	var c conds
	c.add("TRUE")
	switch tables := ledgerTables[f.Ledger]; {
	case f.Ledger == LedgerOther:
		var all []any
		for _, l := range Ledgers {
			for _, t := range ledgerTables[l] {
				all = append(all, t)
			}
		}
		c.add("tbl NOT IN ("+marks(len(all))+")", all...)
	case f.Ledger != "":
		args := make([]any, len(tables))
		for i, t := range tables {
			args[i] = t
		}
		c.add("tbl IN ("+marks(len(args))+")", args...)
	}
	if !f.From.IsZero() {
		c.add("at >= ?", localMidnight(f.From))
	}
	if !f.To.IsZero() {
		c.add("at < ?", localMidnight(f.To.AddDays(1)))
	}
	if f.Action != "" {
		c.add("action = ?", f.Action)
	}
	return c.sql()
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// localMidnight is the start of day d here, as audit_log.at stores times (RFC3339 UTC).
func localMidnight(d Date) string {
	return time.Date(d.Year(), time.Month(d.Month()), d.Day(), 0, 0, 0, 0, time.Local).UTC().Format(time.RFC3339)
}

// ListHistory reads one page of the 操作日志, newest first.
func (s *Store) ListHistory(f AuditFilter, offset, limit int) ([]HistoryEntry, error) {
	where, args := f.where()
	limit, offset = pageArgs(offset, limit)
	entries, err := queryRows(s.db, auditSelect+" WHERE "+where+" ORDER BY id DESC LIMIT ? OFFSET ?", append(args, limit, offset), scanAudit)
	if err != nil {
		return nil, err
	}
	return s.describeAll(entries)
}

// CountHistory counts the entries ListHistory pages through.
func (s *Store) CountHistory(f AuditFilter) (int, error) {
	where, args := f.where()
	return queryCount(s.db, "SELECT count(*) FROM audit_log WHERE "+where, args...)
}

// historyChildren are the tables whose entries a record's history includes, by the field that links them.
var historyChildren = map[string]struct {
	field  string
	tables []string
}{
	"projects":       {"ProjectID", []string{"funding_lines", "disbursements", "stage_changes", "distributions", "progress_notes"}},
	"sale_events":    {"EventID", []string{"sale_lines"}},
	"villages":       {"VillageID", []string{"village_targets"}},
	"progress_notes": {"NoteID", []string{"attachments"}},
	"decisions":      {"DecisionID", []string{"decision_steps"}},
	"decision_steps": {"StepID", []string{"decision_files"}},
	"worklog_days":   {"DayID", []string{"worklog_visits", "worklog_issues", "worklog_files", "worklog_partners"}},
	"tasks":          {"TaskID", []string{"task_links", "task_files"}},
}

// RecordHistory is the history of one record, newest first: its own entries, the bulk entry that
// added it, and the entries of what hangs on it (a project's funding, disbursements, stages,
// distributions and notes; a sales event's lines; a village's targets; a note's photos).
func (s *Store) RecordHistory(table string, id int64) ([]HistoryEntry, error) {
	q := auditSelect + ` WHERE (tbl = ?1 AND row_id = ?2)
		OR (tbl = ?1 AND action = 'bulk' AND json_valid(new_json)
			AND json_extract(new_json, '$.first_id') <= ?2 AND json_extract(new_json, '$.last_id') >= ?2)`
	args := []any{table, id}
	if c, ok := historyChildren[table]; ok {
		path := "'$." + c.field + "'"
		q += ` OR (tbl IN (` + marks(len(c.tables)) + `) AND ?2 IN (
			CASE WHEN json_valid(new_json) THEN json_extract(new_json, ` + path + `) END,
			CASE WHEN json_valid(old_json) THEN json_extract(old_json, ` + path + `) END))`
		for _, t := range c.tables {
			args = append(args, t)
		}
	}
	entries, err := queryRows(s.db, q+" ORDER BY id DESC", args, scanAudit)
	if err != nil {
		return nil, err
	}
	return s.describeAll(entries)
}

// DescribeAudit puts one audit entry into words.
func (s *Store) DescribeAudit(e AuditEntry) (HistoryEntry, error) {
	return newDescriber(s.db).describe(e)
}

func (s *Store) describeAll(entries []AuditEntry) ([]HistoryEntry, error) {
	d := newDescriber(s.db)
	out := make([]HistoryEntry, 0, len(entries))
	for _, e := range entries {
		h, err := d.describe(e)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

// describer turns entries into words, remembering the names it looked up.
type describer struct {
	q     querier
	names map[string]string // "field id" → name
}

func newDescriber(q querier) *describer { return &describer{q: q, names: map[string]string{}} }

// field is one top-level field of an audit entry's JSON, in the order it was written.
type field struct {
	name string
	raw  json.RawMessage
}

// jsonFields reads a JSON object's fields in order; nothing for "" or anything but an object.
func jsonFields(s string) []field {
	dec := json.NewDecoder(strings.NewReader(s))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []field
	for dec.More() {
		t, err := dec.Token()
		name, ok := t.(string)
		var raw json.RawMessage
		if err != nil || !ok || dec.Decode(&raw) != nil {
			return out
		}
		out = append(out, field{name, raw})
	}
	return out
}

func (d *describer) describe(e AuditEntry) (HistoryEntry, error) {
	h := HistoryEntry{ID: e.ID, Table: e.Table, RowID: e.RowID, Action: e.Action, Ledger: ledgerOf(e.Table),
		What: historyLabel("hist.table." + e.Table), Verb: historyLabel("hist.action." + e.Action)}
	h.At, _ = time.Parse(time.RFC3339, e.At)
	oldF, newF := jsonFields(e.OldJSON), jsonFields(e.NewJSON)
	switch {
	case e.Action == "bulk":
		return d.describeBulk(h, e.NewJSON), nil
	case e.Table == "settings":
		return d.describeSetting(h, oldF, newF), nil
	case e.Action == "delete" && fieldRaw(newF, "Purged") != nil:
		h.Verb = historyLabel("hist.action.purge")
		oldF, newF = newF, nil // the entry keeps the erased name only
	}
	shown := newF
	if shown == nil {
		shown = oldF
	}
	var err error
	if h.Record, err = d.record(e.Table, e.RowID, shown); err != nil {
		return h, err
	}
	switch e.Action {
	case "insert":
		h.Changes, err = d.changes(e.Table, nil, newF, false)
	case "update":
		h.Changes, err = d.changes(e.Table, oldF, newF, true)
	}
	return h, err
}

// changes lists the fields to show: all values of new (an insert), or those that differ (an update).
func (d *describer) changes(table string, oldF, newF []field, onlyChanged bool) ([]FieldChange, error) {
	var names []string
	for _, fs := range [][]field{newF, oldF} {
		for _, f := range fs {
			if !slices.Contains(names, f.name) && !hiddenFields[f.name] {
				names = append(names, f.name)
			}
		}
	}
	var out []FieldChange
	for _, name := range names {
		o, n := fieldRaw(oldF, name), fieldRaw(newF, name)
		if onlyChanged && bytes.Equal(o, n) {
			continue
		}
		c := FieldChange{Field: name, Label: fieldLabel(table, name), Named: namedFields[name]}
		var err error
		if c.Old, err = d.value(name, o); err != nil {
			return nil, err
		}
		if c.New, err = d.value(name, n); err != nil {
			return nil, err
		}
		if !onlyChanged && zeroJSON[string(n)] {
			continue // an insert lists what was filled in
		}
		if onlyChanged {
			c.Old, c.New = orEmpty(c.Old), orEmpty(c.New)
		}
		out = append(out, c)
	}
	return out, nil
}

func orEmpty(v string) string {
	if v == "" {
		return historyMsgs["hist.value.empty"].zh
	}
	return v
}

func fieldRaw(fs []field, name string) json.RawMessage {
	for _, f := range fs {
		if f.name == name {
			return f.raw
		}
	}
	return nil
}

// zeroJSON are the values an insert leaves out: nothing was filled in.
var zeroJSON = map[string]bool{"": true, "null": true, `""`: true, "0": true, "false": true, "[]": true}

// hiddenFields are kept in the audit but say nothing to a person.
var hiddenFields = map[string]bool{"ID": true, "UUID": true, "Attachments": true, "NewProduct": true, "NewSeller": true, "Purged": true}

// namedFields hold names from data's fixed lists, which the window translates.
var namedFields = map[string]bool{"Type": true, "Stage": true, "Source": true, "Category": true, "Channel": true, "Kind": true,
	"Status": true, "AssetKind": true, "AssetOwner": true, "Payment": true, "Unit": true, "Measure": true, "Direction": true,
	"ConsumptionAid": true, "AmountTyped": true, "Presence": true, "Reason": true, "Solved": true,
	"Poster": true, "TargetKind": true, "TargetStage": true}

var moneyFields = map[string]bool{"Amount": true, "Price": true, "DefaultPrice": true, "AssetValue": true}

// links name the table and the words that stand for a linked id.
var links = map[string]string{
	"VillageID": "SELECT name FROM villages WHERE id = ?", "VillageIDs": "SELECT name FROM villages WHERE id = ?",
	"PartnerIDs": "SELECT name FROM partners WHERE id = ?", "ProjectID": "SELECT name FROM projects WHERE id = ?",
	"SellerID":   "SELECT name FROM sellers WHERE id = ?",
	"ProductID":  "SELECT trim(name || ' ' || spec) FROM products WHERE id = ?",
	"EventID":    "SELECT date || ' ' || channel || CASE WHEN place = '' THEN '' ELSE ' ' || place END FROM sale_events WHERE id = ?",
	"NoteID":     "SELECT date FROM progress_notes WHERE id = ?",
	"DecisionID": "SELECT matter FROM decisions WHERE id = ?",
	"StepID":     "SELECT step || ' ' || date FROM decision_steps WHERE id = ?",
	"DayID":      "SELECT date FROM worklog_days WHERE id = ?",
	"PartnerID":  "SELECT name FROM partners WHERE id = ?", "PosterPartnerID": "SELECT name FROM partners WHERE id = ?",
	"TaskID": "SELECT title FROM tasks WHERE id = ?",
}

// fieldLabel is a field's name, the table's own word for it when it has one.
func fieldLabel(table, name string) Label {
	if l := historyLabel("hist.field." + table + "." + snake(name)); l.Key != "" {
		return l
	}
	return historyLabel("hist.field." + snake(name))
}

// value is one field's JSON value as a person reads it; "" for nothing.
func (d *describer) value(name string, raw json.RawMessage) (string, error) {
	if raw == nil || string(raw) == "null" {
		return "", nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw), nil
	}
	switch x := v.(type) {
	case string:
		switch name {
		case "Direction":
			return DirectionName(x), nil
		case "Measure":
			return MeasureName(x), nil
		}
		return shorten(x), nil
	case bool:
		return map[bool]string{true: "是", false: "否"}[x], nil
	case map[string]any: // Project.Shares: village id → basis points
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(x)) {
			id, _ := strconv.ParseInt(k, 10, 64)
			v, err := d.linked("VillageID", id)
			if err != nil {
				return "", err
			}
			bp, _ := x[k].(float64)
			parts = append(parts, v+" "+FormatShare(int(bp)))
		}
		return strings.Join(parts, "、"), nil
	case []any:
		names := make([]string, 0, len(x))
		for _, item := range x {
			n, err := d.value(name, mustJSON(item))
			if err != nil {
				return "", err
			}
			names = append(names, n)
		}
		return strings.Join(names, "、"), nil
	case float64:
		n := int64(x)
		switch {
		case moneyFields[name]:
			return Money(n).String(), nil
		case name == "Quantity":
			return Quantity(n).String(), nil
		case name == "Size":
			return strconv.FormatInt((n+1023)>>10, 10) + " KB", nil
		case links[name] != "":
			return d.linked(name, n)
		}
		return strconv.FormatInt(n, 10), nil
	}
	return string(raw), nil
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// shorten keeps a long text (a note, a decision record) to one readable line.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 100 {
		return s
	}
	return string([]rune(s)[:100]) + "…"
}

// linked is the name of the row a link field points at; 0 is no link.
func (d *describer) linked(name string, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	key := name + " " + strconv.FormatInt(id, 10)
	if n, ok := d.names[key]; ok {
		return n, nil
	}
	var n string
	err := d.q.QueryRow(links[name], id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		n, err = "#"+strconv.FormatInt(id, 10), nil
	}
	if err != nil {
		return "", err
	}
	d.names[key] = n
	return n, nil
}

// recordFields are the fields that name a record in a few words, per table.
var recordFields = map[string][]string{
	"villages": {"Name"}, "village_targets": {"VillageID", "Year", "Amount"}, "partners": {"Name"}, "projects": {"Name"},
	"funding_lines": {"ProjectID", "Source", "Amount"}, "disbursements": {"ProjectID", "Date", "Amount"},
	"stage_changes": {"ProjectID", "Stage", "Date"}, "distributions": {"ProjectID", "Date", "Recipient", "Amount"},
	"progress_notes": {"ProjectID", "Date"}, "attachments": {"FileName"}, "sellers": {"Name"}, "products": {"Name", "Spec"},
	"sale_events": {"Date", "Channel", "Place"}, "sale_lines": {"ProductID", "SellerID", "Quantity", "Amount"},
	"collective_entries": {"Date", "Category", "Amount"},
	"tasks":              {"Title"}, "task_links": {"TaskID"}, "task_files": {"FileName"}, "partner_staff": {"PartnerID", "DateFrom", "People"},
	"worklog_partners": {"DayID", "PartnerID"},
}

// record names the record in a few values; a table not listed shows its name, date and amount.
func (d *describer) record(table string, rowID int64, fs []field) (string, error) {
	names, ok := recordFields[table]
	if !ok {
		names = []string{"Name", "Date", "Amount"}
	}
	var parts []string
	for _, name := range names {
		v, err := d.value(name, fieldRaw(fs, name))
		if err != nil {
			return "", err
		}
		if v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 && rowID != 0 {
		return "#" + strconv.FormatInt(rowID, 10), nil
	}
	return strings.Join(parts, " "), nil
}

// describeBulk: how many rows, from where, with which ids.
func (d *describer) describeBulk(h HistoryEntry, newJSON string) HistoryEntry {
	var note bulkNote
	json.Unmarshal([]byte(newJSON), &note)
	src := note.Source
	if m, ok := historyMsgs["hist.value."+src]; ok {
		src = m.zh // demo, rebuild
	}
	if src != "" {
		h.Changes = append(h.Changes, FieldChange{Field: "source", Label: fieldLabel(h.Table, "Source"), New: src})
	}
	if note.Rows > 0 {
		h.Record = strconv.Itoa(note.Rows)
		h.Changes = append(h.Changes, FieldChange{Field: "rows", Label: historyLabel("hist.field.rows"), New: h.Record})
	}
	if note.FirstID > 0 {
		h.Changes = append(h.Changes, FieldChange{Field: "ids", Label: historyLabel("hist.field.ids"),
			New: fmt.Sprintf("%d–%d", note.FirstID, note.LastID)})
	}
	return h
}

// describeSetting: the setting by its name, its old and new value.
func (d *describer) describeSetting(h HistoryEntry, oldF, newF []field) HistoryEntry {
	var key, oldV, newV string
	for _, f := range oldF {
		switch f.name {
		case "Key":
			json.Unmarshal(f.raw, &key)
		case "Value":
			json.Unmarshal(f.raw, &oldV)
		}
	}
	for _, f := range newF {
		switch f.name {
		case "Key":
			json.Unmarshal(f.raw, &key)
		case "Value":
			json.Unmarshal(f.raw, &newV)
		}
	}
	label := historyLabel("hist.setting." + key)
	h.Record = label.Text
	c := FieldChange{Field: key, Label: label, Old: oldV, New: newV}
	if h.Action == "update" {
		c.Old, c.New = orEmpty(oldV), orEmpty(newV)
	}
	h.Changes = []FieldChange{c}
	return h
}
