package data

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text limits, in characters (runes), for what people type into the ledgers.
const (
	nameLen = 60   // names, places, short codes
	noteLen = 2000 // notes and descriptions
)

// ledgerMsg is one validation message: Chinese for the screen, English for translations.
type ledgerMsg struct{ zh, en string }

// ledgerMsgs holds every validation message the ledgers use, by translation key
// (err.<entity>.<field>.<rule>). keys_ledgers.txt is generated from it (see validate_test.go).
var ledgerMsgs = map[string]ledgerMsg{
	// villages and targets
	"err.village.name.required":      {"请填写村名，例如“东泉村”", "Enter the village name, e.g. Dongquan Village"},
	"err.village.name.long":          {"村名太长（最多60个字），请缩短", "The village name is too long (60 characters at most)"},
	"err.village.name.duplicate":     {"已经有一个同名的村，请换一个名字或修改原来的村", "A village with this name already exists; use another name or edit the existing one"},
	"err.village.town.long":          {"乡镇名太长（最多60个字），请缩短", "The town name is too long (60 characters at most)"},
	"err.village.county.long":        {"县（市、区）名太长（最多60个字），请缩短", "The county name is too long (60 characters at most)"},
	"err.village.note.long":          {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.village.inuse":              {"这个村还有项目、销售、收支记录、合同或资产，不能删除；请先删除或改动这些记录", "This village still has projects, sales, income entries, contracts or assets; delete or move them first"},
	"err.village.restore.duplicate":  {"已经有一个同名的村，不能恢复；请先改掉那个村的名字", "A village with the same name exists; rename it before restoring"},
	"err.target.village_id.required": {"请选择目标所属的村", "Choose the village the target belongs to"},
	"err.target.village_id.missing":  {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.target.year.range":          {"年度不对，请填写1950到2100之间的四位年份，例如 2025", "The year is not valid; enter a year from 1950 to 2100, e.g. 2025"},
	"err.target.amount.negative":     {"目标金额不能是负数，请填写例如 100000", "The target cannot be negative; enter e.g. 100000"},
	"err.target.amount.large":        {"目标金额太大（最多100亿元），请检查是否多输了数字", "The target is too large (¥10 billion at most); check for extra digits"},
	"err.target.year.duplicate":      {"这一年已经有目标，请直接修改那一年的目标", "That year already has a target; edit it instead"},
	"err.target.measure.invalid":     {"请选择考核口径：总收入、经营性收入或净收入", "Choose the measure: total, operating or net income"},
	"err.target.restore.duplicate":   {"这一年已经有目标，不能恢复；请直接修改现有目标", "This year already has a target; edit it instead of restoring"},

	// partner units
	"err.partner.name.required":     {"请填写帮扶单位名称", "Enter the partner unit's name"},
	"err.partner.name.long":         {"单位名称太长（最多60个字），请缩短", "The unit name is too long (60 characters at most)"},
	"err.partner.name.duplicate":    {"已经有同名的帮扶单位，请修改原来的单位", "A partner unit with this name already exists; edit that one"},
	"err.partner.kind.invalid":      {"请选择单位类别：政府单位、企业、城市社区或其他", "Choose the kind: government unit, enterprise, city community or other"},
	"err.partner.contact.long":      {"联系人太长（最多60个字），请缩短", "The contact is too long (60 characters at most)"},
	"err.partner.phone.invalid":     {"电话号码不对，只能填数字、空格和“-”，例如 0531-12345678 或 13812345678", "The phone number is not valid; use digits, spaces and '-', e.g. 0531-12345678"},
	"err.partner.note.long":         {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.partner.restore.duplicate": {"已经有同名的帮扶单位，不能恢复；请先改掉那个单位的名字", "A partner unit with the same name exists; rename it before restoring"},

	// projects
	"err.project.name.required":                 {"请填写项目名称", "Enter the project's name"},
	"err.project.name.long":                     {"项目名称太长（最多60个字），请缩短", "The project name is too long (60 characters at most)"},
	"err.project.type.invalid":                  {"请选择项目类型：产业发展、基础设施、公益事业、就业帮扶或其他", "Choose the project type"},
	"err.project.village_ids.required":          {"请至少选择一个项目所在的村", "Choose at least one village for the project"},
	"err.project.village_ids.missing":           {"所选的村中有的已不存在，请重新选择", "One of the chosen villages no longer exists; choose again"},
	"err.project.shares.positive":               {"每个村的分成比例都要大于0（例如 50%）；不设比例请全部留空，按村平分", "Each village's share must be above 0 (e.g. 50%); leave them all empty for equal shares"},
	"err.project.shares.sum":                    {"各村分成比例加起来应为 100%：请调整比例，或全部留空按村平分", "The villages' shares must add up to 100%; adjust them, or leave them all empty for equal shares"},
	"err.bands.invalid":                         {"分档界限请填大于0、从小到大排列的万元数，用逗号隔开，例如 5,10,30,50,100", "Enter the band bounds in units of ¥10,000, above 0 and rising, separated by commas, e.g. 5,10,30,50,100"},
	"err.project.partner_ids.missing":           {"所选的帮扶单位中有的已不存在，请重新选择", "One of the chosen partner units no longer exists; choose again"},
	"err.project.responsible.long":              {"责任人太长（最多60个字），请缩短", "The responsible person is too long (60 characters at most)"},
	"err.project.implementer.long":              {"实施单位太长（最多60个字），请缩短", "The implementing unit is too long (60 characters at most)"},
	"err.project.year_started.range":            {"开始年度不对，请填写1950到2100之间的四位年份，例如 2025", "The starting year is not valid; enter a year from 1950 to 2100, e.g. 2025"},
	"err.project.households.negative":           {"带动农户数不能是负数", "Households helped cannot be negative"},
	"err.project.households_poor.negative":      {"脱贫户数不能是负数", "Formerly-poor households cannot be negative"},
	"err.project.households_monitored.negative": {"监测户数不能是负数", "Monitored households cannot be negative"},
	"err.project.households_poor.exceeds":       {"脱贫户和监测户加起来不能多于带动农户总数，请核对户数", "Formerly-poor plus monitored households cannot exceed the households helped"},
	"err.project.asset_kind.moved":              {"项目的资产已移到资产台账，请在资产台账里登记或修改这项资产", "The project's asset has moved to the asset register; record or change it there"},
	"err.project.asset_value.moved":             {"项目的资产已移到资产台账，请在资产台账里修改资产原值", "The project's asset has moved to the asset register; change its value there"},
	"err.project.asset_owner.moved":             {"项目的资产已移到资产台账，请在资产台账里修改所有权归属", "The project's asset has moved to the asset register; change its owner there"},
	"err.project.asset_description.moved":       {"项目的资产已移到资产台账，请在资产台账里修改资产说明", "The project's asset has moved to the asset register; change its description there"},
	"err.project.decision.long":                 {"“四议两公开”记录太长（最多2000个字），请缩短", "The decision record is too long (2000 characters at most)"},
	"err.project.note.long":                     {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},

	"err.funding.project_id.missing": {"项目不存在或已被删除，请刷新后再试", "The project no longer exists; refresh and try again"},
	"err.funding.source.invalid":     {"请选择资金来源：财政衔接资金、其他财政资金、帮扶单位资金、社会捐赠、村集体自筹或其他", "Choose the funding source"},
	"err.funding.amount.positive":    {"资金金额要大于0，例如 50000", "The amount must be more than 0, e.g. 50000"},
	"err.funding.amount.large":       {"资金金额太大（一笔最多100亿元），请检查是否多输了数字", "The amount is too large (¥10 billion at most per line); check for extra digits"},
	"err.funding.note.long":          {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.funding.partner_id.missing": {"所选的帮扶单位不存在或已被删除，请重新选择", "The chosen partner unit no longer exists; choose again"},

	"err.disbursement.project_id.missing": {"项目不存在或已被删除，请刷新后再试", "The project no longer exists; refresh and try again"},
	"err.disbursement.date.required":      {"请填写拨付日期，例如 2025-06-26", "Enter the disbursement date, e.g. 2025-06-26"},
	"err.disbursement.date.range":         {"拨付日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The disbursement date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.disbursement.amount.positive":    {"拨付金额要大于0，例如 20000", "The amount must be more than 0, e.g. 20000"},
	"err.disbursement.amount.large":       {"拨付金额太大（一笔最多100亿元），请检查是否多输了数字", "The amount is too large (¥10 billion at most per disbursement); check for extra digits"},
	"err.disbursement.note.long":          {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},

	"err.stage.project_id.missing": {"项目不存在或已被删除，请刷新后再试", "The project no longer exists; refresh and try again"},
	"err.stage.stage.invalid":      {"请选择项目阶段，例如“实施”", "Choose the project stage, e.g. implementation"},
	"err.stage.date.required":      {"请填写进入这个阶段的日期，例如 2025-06-26", "Enter the date the stage began, e.g. 2025-06-26"},
	"err.stage.date.range":         {"进入阶段的日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The stage date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.stage.date.before":        {"这个阶段的日期早于已登记的前一阶段，阶段日期不能倒退：请填前一阶段当天或以后的日期", "This stage is dated before an earlier stage; stage dates never go backwards: use the earlier stage's date or later"},
	"err.stage.date.after":         {"这个阶段的日期晚于已登记的后一阶段，阶段日期不能倒退：请填后一阶段当天或以前的日期", "This stage is dated after a later stage; stage dates never go backwards: use the later stage's date or earlier"},
	"err.stage.note.long":          {"说明太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},

	"err.distribution.project_id.missing": {"项目不存在或已被删除，请刷新后再试", "The project no longer exists; refresh and try again"},
	"err.distribution.date.required":      {"请填写分配日期，例如 2025-12-20", "Enter the distribution date, e.g. 2025-12-20"},
	"err.distribution.date.range":         {"分配日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The distribution date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.distribution.amount.positive":    {"分配金额要大于0", "The amount must be more than 0"},
	"err.distribution.amount.large":       {"分配金额太大（一笔最多100亿元），请检查是否多输了数字", "The amount is too large (¥10 billion at most per distribution); check for extra digits"},
	"err.distribution.recipient.required": {"请填写分配给谁或用途，例如“脱贫户分红”", "Enter the recipient or purpose, e.g. dividends to formerly-poor households"},
	"err.distribution.recipient.long":     {"分配对象太长（最多60个字），请缩短", "The recipient is too long (60 characters at most)"},
	"err.distribution.note.long":          {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},

	"err.note.project_id.missing": {"项目不存在或已被删除，请刷新后再试", "The project no longer exists; refresh and try again"},
	"err.note.date.required":      {"请填写记录日期，例如 2025-06-26", "Enter the date, e.g. 2025-06-26"},
	"err.note.date.range":         {"记录日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.note.text.required":      {"请填写进展内容", "Write what happened"},
	"err.note.text.long":          {"进展内容太长（最多2000个字），请分成几条记录", "The note is too long (2000 characters at most); split it"},

	"err.attachment.note_id.missing":    {"进展记录不存在或已被删除，请刷新后再试", "The progress note no longer exists; refresh and try again"},
	"err.attachment.file_name.required": {"附件缺少文件名", "The attachment has no file name"},
	"err.attachment.file_name.long":     {"文件名太长（最多60个字），请改短后再添加", "The file name is too long (60 characters at most); rename the file"},
	"err.attachment.data.empty":         {"文件是空的，请选择一张照片或一个文件", "The file is empty; choose a photo or file"},
	"err.attachment.data.large":         {"文件太大（最多20MB），请先压缩照片再添加", "The file is too large (20 MB at most); shrink the photo first"},

	"err.record_file.owner":                {"请先保存合同或资产，再添加扫描件或照片", "Save the contract or asset first, then add scans or photos"},
	"err.record_file.contract_id.missing":  {"合同不存在或已被删除，请刷新后再试", "The contract no longer exists; refresh and try again"},
	"err.record_file.asset_id.missing":     {"资产不存在或已被删除，请刷新后再试", "The asset no longer exists; refresh and try again"},
	"err.record_file.file_name.required":   {"附件缺少文件名", "The attachment has no file name"},
	"err.record_file.file_name.long":       {"文件名太长（最多60个字），请改短后再添加", "The file name is too long (60 characters at most); rename the file"},
	"err.record_file.data.empty":           {"文件是空的，请选择一张照片或扫描件", "The file is empty; choose a photo or scan"},
	"err.record_file.data.large":           {"文件太大（最多20MB），请先压缩照片再添加", "The file is too large (20 MB at most); shrink the photo first"},
	"err.decision_file.step_id.required":   {"请先保存这一步，再添加照片或扫描件", "Save the step first, then add photos or scans"},
	"err.decision_file.step_id.missing":    {"这一步不存在或已被删除，请刷新后再试", "The step no longer exists; refresh and try again"},
	"err.decision_file.file_name.required": {"附件缺少文件名", "The attachment has no file name"},
	"err.decision_file.file_name.long":     {"文件名太长（最多60个字），请改短后再添加", "The file name is too long (60 characters at most); rename the file"},
	"err.decision_file.data.empty":         {"文件是空的，请选择一张照片或扫描件", "The file is empty; choose a photo or scan"},
	"err.decision_file.data.large":         {"文件太大（最多20MB），请先压缩照片再添加", "The file is too large (20 MB at most); shrink the photo first"},

	// sales
	"err.seller.name.required":       {"请填写卖家姓名或合作社名称", "Enter the seller's name"},
	"err.seller.name.long":           {"卖家名称太长（最多60个字），请缩短", "The seller name is too long (60 characters at most)"},
	"err.seller.kind.invalid":        {"请选择卖家类别：农户、合作社或村集体", "Choose the seller kind: household, cooperative or village collective"},
	"err.seller.village_id.required": {"请选择卖家所在的村", "Choose the seller's village"},
	"err.seller.village_id.missing":  {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.seller.status.invalid":      {"请选择户类别：脱贫户、监测户或一般户", "Choose the household status: formerly poor, monitored or ordinary"},
	"err.seller.phone.invalid":       {"电话号码不对，手机号为11位数字，例如 13812345678，固定电话如 0531-12345678；不知道可以留空", "The phone number is not valid (e.g. 13812345678 or 0531-12345678); leave it empty if unknown"},
	"err.seller.id_number.invalid":   {"身份证号不对（应为18位，最后一位可以是X，校验码要正确）；不知道可以留空", "The ID number is not valid (18 characters with a correct check digit); leave it empty if unknown"},
	"err.seller.note.long":           {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.seller.purged":              {"这个人的信息已按要求删除，不能再修改", "This person's data has been erased and cannot be edited"},

	"err.product.name.required":          {"请填写产品名称，例如“大蒜”", "Enter the product name, e.g. garlic"},
	"err.product.name.long":              {"产品名称太长（最多60个字），请缩短", "The product name is too long (60 characters at most)"},
	"err.product.name.duplicate":         {"已经有同名同规格的产品，请直接选用它，或填写不同的规格", "A product with this name and specification exists; use it or give another specification"},
	"err.product.spec.long":              {"规格太长（最多60个字），请缩短", "The specification is too long (60 characters at most)"},
	"err.product.unit.required":          {"请选择或填写计量单位，例如“斤”", "Choose or enter the unit, e.g. jin"},
	"err.product.unit.long":              {"计量单位太长（最多8个字）", "The unit is too long (8 characters at most)"},
	"err.product.default_price.negative": {"默认单价不能是负数", "The default price cannot be negative"},
	"err.product.default_price.large":    {"默认单价太大（最多100亿元），请检查是否多输了数字", "The default price is too large (¥10 billion at most); check for extra digits"},
	"err.product.note.long":              {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.product.restore.duplicate":      {"已经有同名同规格的产品，不能恢复", "A product with the same name and specification exists; it cannot be restored"},

	"err.sale_event.date.required":       {"请填写销售日期，例如 2025-06-26", "Enter the sale date, e.g. 2025-06-26"},
	"err.sale_event.date.range":          {"销售日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The sale date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.sale_event.village_id.required": {"请选择村", "Choose the village"},
	"err.sale_event.village_id.missing":  {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.sale_event.channel.invalid":     {"请选择销售渠道：助农大集、共富超市、直播带货、单位采购或其他", "Choose the sales channel"},
	"err.sale_event.place.long":          {"地点太长（最多60个字），请缩短", "The place is too long (60 characters at most)"},
	"err.sale_event.buyer.long":          {"购买方太长（最多60个字），请缩短", "The buyer is too long (60 characters at most)"},
	"err.sale_event.payment.long":        {"付款方式太长（最多60个字），请缩短", "The payment method is too long (60 characters at most)"},
	"err.sale_event.note.long":           {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.sale_event.partner_id.missing":  {"所选的购买单位（帮扶单位）不存在或已被删除，请重新选择", "The chosen buying partner unit no longer exists; choose again"},
	"err.sale_event.total.large":         {"这样保存后，这个月的销售合计会超过1000亿元，超出了可以记录的范围；请检查各行金额是否多输了数字", "Saving this would take the month's sales over ¥100 billion, more than can be recorded; check the lines for extra digits"},

	"err.sale_line.event_id.missing":    {"销售记录不存在或已被删除，请刷新后再试", "The sales event no longer exists; refresh and try again"},
	"err.sale_line.product_id.required": {"请选择产品，没有的可以直接输入新名称", "Choose a product, or type a new name"},
	"err.sale_line.product_id.missing":  {"所选的产品不存在或已被删除，请重新选择", "The chosen product no longer exists; choose again"},
	"err.sale_line.seller_id.required":  {"请选择卖家，没有的可以直接输入新名字", "Choose the seller, or type a new name"},
	"err.sale_line.seller_id.missing":   {"所选的卖家不存在或已被删除，请重新选择", "The chosen seller no longer exists; choose again"},
	"err.sale_line.quantity.positive":   {"数量要大于0，例如 12.5", "The quantity must be more than 0, e.g. 12.5"},
	"err.sale_line.unit.required":       {"请填写计量单位，例如“斤”", "Enter the unit, e.g. jin"},
	"err.sale_line.unit.long":           {"计量单位太长（最多8个字）", "The unit is too long (8 characters at most)"},
	"err.sale_line.price.negative":      {"单价不能是负数", "The unit price cannot be negative"},
	"err.sale_line.price.large":         {"单价太大（最多100亿元），请检查是否多输了数字", "The unit price is too large (¥10 billion at most); check for extra digits"},
	"err.sale_line.amount.negative":     {"金额不能是负数；退货请删除原来的行", "The amount cannot be negative; delete the line for a return"},
	"err.sale_line.amount.large":        {"金额太大（一行最多100亿元），请检查是否多输了数字", "The amount is too large (¥10 billion at most per line); check for extra digits"},
	"err.sale_line.amount.overflow":     {"数量乘单价超过100亿元，请检查数量和单价", "Quantity times price is over ¥10 billion; check both"},

	// collective income and expenses
	"err.entry.date.required":       {"请填写日期，例如 2025-06-26", "Enter the date, e.g. 2025-06-26"},
	"err.entry.date.range":          {"日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.entry.village_id.required": {"请选择村", "Choose the village"},
	"err.entry.village_id.missing":  {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.entry.direction.invalid":   {"请选择收入还是支出", "Choose income or expense"},
	"err.entry.category.invalid":    {"请选择科目：收入为经营收入、投资收益、补助收入、其他收入；支出为经营支出、税金及附加、管理费用、公益支出、其他支出、所得税费用", "Choose a category from the official list for income or expense"},
	"err.entry.sub_item.long":       {"明细项目太长（最多60个字），请缩短", "The sub-item is too long (60 characters at most)"},
	"err.entry.amount.positive":     {"金额要大于0，例如 1234.50", "The amount must be more than 0, e.g. 1234.50"},
	"err.entry.amount.large":        {"金额太大（一笔最多100亿元），请检查是否多输了数字", "The amount is too large (¥10 billion at most per entry); check for extra digits"},
	"err.entry.counterparty.long":   {"对方单位或个人太长（最多60个字），请缩短", "The counterparty is too long (60 characters at most)"},
	"err.entry.voucher.long":        {"凭证号太长（最多60个字），请缩短", "The voucher number is too long (60 characters at most)"},
	"err.entry.project_id.missing":  {"关联的项目不存在或已被删除，请重新选择或不关联", "The linked project no longer exists; choose again or leave it unlinked"},
	"err.entry.note.long":           {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.entry.receipt":             {"这笔收入是合同收款时自动记的账，请到合同的收款记录里修改、删除或恢复", "This income was booked by a contract receipt; change, delete or restore it from the contract's receipts"},

	// 三资: assets, contracts and their receipts
	"err.asset.code.long":                    {"资产编号太长（最多60个字），请缩短", "The asset number is too long (60 characters at most)"},
	"err.asset.code.duplicate":               {"本村已经有这个资产编号，请换一个编号，或留空自动编号", "The village already has an asset with this number; use another or leave it empty to number it automatically"},
	"err.asset.name.required":                {"请填写资产名称，例如“村集体冷库”", "Enter the asset's name, e.g. the collective cold store"},
	"err.asset.name.long":                    {"资产名称太长（最多60个字），请缩短", "The asset name is too long (60 characters at most)"},
	"err.asset.village_id.required":          {"请选择资产所属的村", "Choose the village the asset belongs to"},
	"err.asset.village_id.missing":           {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.asset.class.invalid":                {"请选择资产类别：经营性、公益性或到户类", "Choose the asset class: operating, public-welfare or household"},
	"err.asset.source.invalid":               {"请选择资产来源：衔接资金形成、村集体自建、上级拨付、捐赠或其他", "Choose where the asset came from"},
	"err.asset.project_id.required":          {"衔接资金形成的资产请选择形成它的帮扶项目", "An asset formed by assistance funds needs the project that formed it"},
	"err.asset.project_id.missing":           {"所选的项目不存在或已被删除，请重新选择", "The chosen project no longer exists; choose again"},
	"err.asset.project_id.source":            {"只有来源为“衔接资金形成”的资产才关联帮扶项目；请改来源，或取消关联的项目", "Only an asset formed by assistance funds links to a project; change the source or remove the project"},
	"err.asset.formed.range":                 {"形成日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The date formed must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.asset.formed.required":              {"计提折旧需要形成日期，请填写，例如 2023-10-15", "Depreciation needs the date the asset was formed, e.g. 2023-10-15"},
	"err.asset.value.negative":               {"资产原值不能是负数", "The original value cannot be negative"},
	"err.asset.value.large":                  {"资产原值太大（最多100亿元），请检查是否多输了数字", "The original value is too large (¥10 billion at most); check for extra digits"},
	"err.asset.quantity.negative":            {"数量或面积不能是负数，请填正数，例如 12.5", "The quantity or area cannot be negative; enter e.g. 12.5"},
	"err.asset.unit.long":                    {"计量单位太长（最多8个字）", "The unit is too long (8 characters at most)"},
	"err.asset.location.long":                {"存放地点太长（最多60个字），请缩短", "The location is too long (60 characters at most)"},
	"err.asset.status.invalid":               {"请选择使用状态：村自用、出租、闲置、报废或已处置", "Choose the status: in use, let, idle, scrapped or disposed of"},
	"err.asset.disposed_on.required":         {"已处置的资产请填写处置日期，例如 2025-06-26", "A disposed asset needs the date it was disposed of, e.g. 2025-06-26"},
	"err.asset.disposed_on.range":            {"处置日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The disposal date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.asset.disposed_on.before":           {"处置日期早于形成日期，请检查两个日期", "The disposal date is before the date formed; check both"},
	"err.asset.keeper.long":                  {"管护责任人太长（最多60个字），请缩短", "The keeper is too long (60 characters at most)"},
	"err.asset.owner.long":                   {"所有权归属太长（最多60个字），请缩短", "The owner is too long (60 characters at most)"},
	"err.asset.depreciation_years.range":     {"折旧年限应在0到100年之间（0表示不计提折旧）", "The depreciation term must be 0 to 100 years (0: not depreciated)"},
	"err.asset.residual_bp.range":            {"残值率应在0%到100%之间，例如 5%", "The residual rate must be between 0% and 100%, e.g. 5%"},
	"err.asset.note.long":                    {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.asset.inuse":                        {"还有合同出租这项资产，不能删除；请先删除或改动这些合同", "A contract still lets this asset; delete or change the contract first"},
	"err.asset.restore.duplicate":            {"本村已经有相同编号的资产，不能恢复；请先改掉那项资产的编号", "An asset with the same number exists; renumber it before restoring"},
	"err.contract.code.long":                 {"合同编号太长（最多60个字），请缩短", "The contract number is too long (60 characters at most)"},
	"err.contract.code.duplicate":            {"本村已经有这个合同编号，请换一个编号，或留空自动编号", "The village already has a contract with this number; use another or leave it empty to number it automatically"},
	"err.contract.village_id.required":       {"请选择合同所属的村", "Choose the village the contract belongs to"},
	"err.contract.village_id.missing":        {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.contract.kind.invalid":              {"请选择合同类型：土地、林地、水面、设施农业、厂房、门面、设备或其他", "Choose the contract type"},
	"err.contract.subject.required":          {"请填写标的，例如“东山坡机动地”", "Enter what is let, e.g. the east hillside plots"},
	"err.contract.subject.long":              {"标的太长（最多60个字），请缩短", "The subject is too long (60 characters at most)"},
	"err.contract.area.negative":             {"面积不能是负数，请填写亩数，例如 12.5", "The area cannot be negative; enter mu, e.g. 12.5"},
	"err.contract.quantity.negative":         {"数量不能是负数，请填正数，例如 2", "The quantity cannot be negative; enter e.g. 2"},
	"err.contract.unit.long":                 {"计量单位太长（最多8个字）", "The unit is too long (8 characters at most)"},
	"err.contract.party.required":            {"请填写承包方（个人姓名或单位名称）", "Enter the lessee (a person's or a company's name)"},
	"err.contract.party.long":                {"承包方名称太长（最多60个字），请缩短", "The lessee's name is too long (60 characters at most)"},
	"err.contract.party_kind.invalid":        {"请选择承包方类别：个人、企业、合作社或其他组织", "Choose the lessee's kind: person, company, cooperative or other organisation"},
	"err.contract.start.required":            {"请填写合同开始日期，例如 2025-01-01", "Enter the start date, e.g. 2025-01-01"},
	"err.contract.start.range":               {"开始日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The start date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.contract.end.required":              {"请填写合同结束日期，例如 2029-12-31", "Enter the end date, e.g. 2029-12-31"},
	"err.contract.end.range":                 {"结束日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The end date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.contract.end.before":                {"结束日期早于开始日期，请检查两个日期", "The end date is before the start date; check both"},
	"err.contract.payment.invalid":           {"请选择付款方式：年付、半年付、季付或一次性", "Choose the payment term: yearly, half-yearly, quarterly or once"},
	"err.contract.annual_rent.positive":      {"请填写年租金，例如 36000", "Enter the annual rent, e.g. 36000"},
	"err.contract.annual_rent.negative":      {"年租金不能是负数", "The annual rent cannot be negative"},
	"err.contract.annual_rent.large":         {"年租金太大（最多100亿元），请检查是否多输了数字", "The annual rent is too large (¥10 billion at most); check for extra digits"},
	"err.contract.annual_rent.total":         {"按递增条款算下来，租金总额超过了1000亿元，请检查年租金和递增条款", "With the escalation the rent would pass ¥100 billion; check the rent and the escalation"},
	"err.contract.total_price.positive":      {"一次性付款的合同请填写总价款，例如 50000", "A contract paid at once needs its total price, e.g. 50000"},
	"err.contract.total_price.negative":      {"总价款不能是负数", "The total price cannot be negative"},
	"err.contract.total_price.large":         {"总价款太大（最多100亿元），请检查是否多输了数字", "The total price is too large (¥10 billion at most); check for extra digits"},
	"err.contract.due_day.range":             {"缴费日应在1到31之间（大于当月天数的按月末），不填表示每期第一天", "The due day must be 1 to 31 (past a month's end: its last day); empty means each period's first day"},
	"err.contract.deposit.negative":          {"保证金不能是负数", "The deposit cannot be negative"},
	"err.contract.deposit.large":             {"保证金太大（最多100亿元），请检查是否多输了数字", "The deposit is too large (¥10 billion at most); check for extra digits"},
	"err.contract.escalation_years.range":    {"递增间隔应在1到50年之间，不递增就留空", "Escalate every 1 to 50 years, or leave it empty"},
	"err.contract.escalation_years.required": {"填了递增比例，请同时填写每几年递增一次", "A rise needs how many years between rises"},
	"err.contract.escalation_years.once":     {"一次性付款的合同没有递增条款，请清空递增设置", "A contract paid at once has no escalation; clear it"},
	"err.contract.escalation_bp.range":       {"递增比例应在0%到100%之间，例如 5%", "The rise must be between 0% and 100%, e.g. 5%"},
	"err.contract.escalation_bp.required":    {"填了递增间隔，请同时填写每次递增的百分比，例如 5%", "An escalation interval needs the rise in percent, e.g. 5%"},
	"err.contract.asset_id.missing":          {"所选的资产不存在或已被删除，请重新选择或不关联", "The chosen asset no longer exists; choose again or leave it unlinked"},
	"err.contract.asset_id.village":          {"所选的资产属于另一个村，请选择本村的资产", "The chosen asset belongs to another village; choose one of this village's"},
	"err.contract.asset_id.overlap":          {"这项资产在重叠的期间已经出租给了别的合同，请调整起止日期", "The asset is already let by another contract over overlapping dates; adjust the dates"},
	"err.contract.renews_id.missing":         {"所续签的原合同不存在或已被删除，请重新选择或留空", "The contract renewed no longer exists; choose again or leave it empty"},
	"err.contract.renews_id.self":            {"合同不能续签它自己，请选择原来的那份合同", "A contract cannot renew itself; choose the earlier contract"},
	"err.contract.note.long":                 {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.contract.receipts":                  {"已登记的收款超出了修改后的租金计划，请先修改或删除那些收款记录", "Recorded receipts exceed the changed rent schedule; change or delete those receipts first"},
	"err.contract.inuse":                     {"这份合同已有收款记录，不能删除；请先删除它的收款记录（对应的收入会一并删除）", "This contract has receipts; delete them first (their income entries go with them)"},
	"err.contract.restore.duplicate":         {"本村已经有相同编号的合同，不能恢复；请先改掉那份合同的编号", "A contract with the same number exists; renumber it before restoring"},
	"err.receipt.contract_id.missing":        {"合同不存在或已被删除，请刷新后再试", "The contract no longer exists; refresh and try again"},
	"err.receipt.period.invalid":             {"请选择这笔钱交的是租金计划的哪一期", "Choose which item of the rent schedule this pays"},
	"err.receipt.date.required":              {"请填写收款日期，例如 2025-06-26", "Enter the date received, e.g. 2025-06-26"},
	"err.receipt.date.range":                 {"收款日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.receipt.amount.positive":            {"收款金额要大于0，例如 18000", "The amount must be more than 0, e.g. 18000"},
	"err.receipt.amount.large":               {"收款金额太大（一笔最多100亿元），请检查是否多输了数字", "The amount is too large (¥10 billion at most); check for extra digits"},
	"err.receipt.amount.exceeds":             {"收款金额超过了这一期还没收的租金，请检查金额", "The amount is more than is still due on this item; check it"},
	"err.receipt.voucher.long":               {"凭证号太长（最多60个字），请缩短", "The voucher number is too long (60 characters at most)"},
	"err.receipt.note.long":                  {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},

	"err.decision.village_id.required":             {"请选择决策事项所属的村", "Choose the village the decision belongs to"},
	"err.decision.village_id.missing":              {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.decision.matter.required":                 {"请填写决策事项，例如“村集体冷库建设项目立项”", "Enter the matter decided, e.g. approving the cold-store project"},
	"err.decision.matter.long":                     {"决策事项太长（最多60个字），请缩短，详细内容写在备注里", "The matter is too long (60 characters at most); put details in the note"},
	"err.decision.kind.invalid":                    {"请选择事项类别：项目立项、合同发包/租赁、资产处置、集体收益使用、借贷/担保或其他", "Choose the kind of matter"},
	"err.decision.project_id.missing":              {"所选的项目不存在或已被删除，请重新选择或不关联", "The chosen project no longer exists; choose again or leave it unlinked"},
	"err.decision.contract_id.missing":             {"所选的合同不存在或已被删除，请重新选择或不关联", "The chosen contract no longer exists; choose again or leave it unlinked"},
	"err.decision.asset_id.missing":                {"所选的资产不存在或已被删除，请重新选择或不关联", "The chosen asset no longer exists; choose again or leave it unlinked"},
	"err.decision.source.invalid":                  {"请选择动议来源：党员群众建议、村干部提议或上级安排", "Choose where the motion came from: members' and villagers' suggestion, village cadres, or higher level"},
	"err.decision.amount.negative":                 {"涉及金额不能是负数", "The amount cannot be negative"},
	"err.decision.amount.large":                    {"涉及金额太大（最多100亿元），请检查是否多输了数字", "The amount is too large (¥10 billion at most); check for extra digits"},
	"err.decision.note.long":                       {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.decision.merged.steps":                    {"这项决策已经登记了“两委会商议”，不能再设为提议和商议合并；请先删除那一步", "This decision already has a 两委会 step; delete it before merging proposal and discussion"},
	"err.decision_step.decision_id.required":       {"请先保存决策事项，再登记步骤", "Save the decision first, then record its steps"},
	"err.decision_step.decision_id.missing":        {"决策事项不存在或已被删除，请刷新后再试", "The decision no longer exists; refresh and try again"},
	"err.decision_step.step.invalid":               {"请选择步骤，例如“党支部会提议”", "Choose the step, e.g. the Party branch proposal"},
	"err.decision_step.step.merged":                {"这项决策的提议和商议已合并（一肩挑），不再单独登记“两委会商议”", "Proposal and discussion are merged for this decision; there is no separate 两委会 step"},
	"err.decision_step.step.duplicate":             {"这一步已经登记过了，每个步骤只登记一次：请修改那一条", "This step is already recorded; edit that entry instead"},
	"err.decision_step.step.order":                 {"请先登记前一个步骤，四议两公开的步骤按顺序进行", "Record the step before it first; the steps follow in order"},
	"err.decision_step.date.required":              {"请填写这一步的日期，例如 2025-06-26", "Enter the step's date, e.g. 2025-06-26"},
	"err.decision_step.date.range":                 {"步骤日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.decision_step.date.before":                {"这一步的日期早于前一步，步骤日期不能倒退：请填前一步当天或以后的日期", "This step is dated before the step before it; dates never go backwards"},
	"err.decision_step.date.after":                 {"这一步的日期晚于后一步，步骤日期不能倒退：请填后一步当天或以前的日期", "This step is dated after the step after it; dates never go backwards"},
	"err.decision_step.form.long":                  {"形式太长（最多60个字），请缩短", "The form is too long (60 characters at most)"},
	"err.decision_step.place.long":                 {"地点太长（最多60个字），请缩短", "The place is too long (60 characters at most)"},
	"err.decision_step.expected.range":             {"应到人数不能是负数，也不能超过一百万", "The number expected must be 0 to 1,000,000"},
	"err.decision_step.present.range":              {"实到人数不能是负数，也不能超过一百万", "The number present must be 0 to 1,000,000"},
	"err.decision_step.present.exceeds":            {"实到人数多于应到人数，请核对", "More are present than expected; check the numbers"},
	"err.decision_step.households.range":           {"户数不能是负数，也不能超过一百万", "The households must be 0 to 1,000,000"},
	"err.decision_step.households_present.range":   {"到会户数不能是负数，也不能超过一百万", "The households present must be 0 to 1,000,000"},
	"err.decision_step.households_present.exceeds": {"到会户数多于全村户数，请核对", "More households present than the village has; check the numbers"},
	"err.decision_step.for.range":                  {"同意票数不能是负数，也不能超过一百万", "The votes for must be 0 to 1,000,000"},
	"err.decision_step.for.exceeds":                {"同意、反对、弃权加起来多于实到人数，请核对票数", "Votes for, against and abstaining add up to more than are present; check them"},
	"err.decision_step.against.range":              {"反对票数不能是负数，也不能超过一百万", "The votes against must be 0 to 1,000,000"},
	"err.decision_step.abstain.range":              {"弃权票数不能是负数，也不能超过一百万", "The abstentions must be 0 to 1,000,000"},
	"err.decision_step.days.range":                 {"公开天数不能是负数，也不能超过一百万", "The days posted must be 0 to 1,000,000"},
	"err.decision_step.content.long":               {"内容太长（最多2000个字），请缩短", "The content is too long (2000 characters at most)"},
	"err.decision_step.feedback.long":              {"反馈意见太长（最多2000个字），请缩短", "The feedback is too long (2000 characters at most)"},
	"err.decision_step.inuse":                      {"后面还登记了步骤，请先删除后面的步骤", "Later steps are recorded; delete them first"},

	"err.setting.key.required":           {"设置项名称不能为空", "The setting needs a name"},
	"err.setting.value.long":             {"设置内容太长（最多2000个字），请缩短", "The setting is too long (2000 characters at most)"},
	"err.setting.work_days_target.range": {"每月在村天数目标应是1到31之间的整数，例如 20", "The monthly days-in-village target must be a whole number from 1 to 31, e.g. 20"},

	// 驻村工作日志
	"err.workday.partner_ids.missing": {"所选的帮扶单位中有的已不存在，请重新选择", "One of the chosen partner units no longer exists; choose again"},
	"err.workday.partner_ids.many":    {"一天最多登记200个来访的帮扶单位", "At most 200 partner units a day"},
	"err.workday.village_id.required": {"请选择工作日志所属的村", "Choose the village the log entry belongs to"},
	"err.workday.village_id.missing":  {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.workday.date.required":       {"请填写日期，例如 2025-06-26", "Enter the date, e.g. 2025-06-26"},
	"err.workday.date.range":          {"日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.workday.date.duplicate":      {"这一天已经记了工作日志，每天只记一条：请在日历上点这一天修改原来的日志", "This day already has a log entry (one a day); click the day on the calendar to edit it"},
	"err.workday.presence.invalid":    {"请选择在村还是外出", "Choose in the village or away"},
	"err.workday.reason.invalid":      {"外出请选择原因：开会、培训、出差、请假或其他", "Choose why you were away: meeting, training, business trip, leave or other"},
	"err.workday.work.long":           {"工作内容太长（最多2000个字），请缩短", "The work done is too long (2000 characters at most)"},
	"err.workday.visits.many":         {"一天最多登记200户走访，请分几天登记", "At most 200 households visited a day"},
	"err.workday.seller_id.missing":   {"所选的农户不存在或已被删除，请重新选择或直接输入姓名", "The chosen household no longer exists; choose again or type the name"},
	"err.workday.name.long":           {"走访户姓名太长（最多60个字），请缩短", "The name is too long (60 characters at most)"},
	"err.workday.issues.many":         {"一天最多登记200条民情日记，请分几天登记", "At most 200 diary lines a day"},
	"err.workday.problem.required":    {"请填写群众反映的问题，不需要这一行就把它清空", "Write the problem raised, or clear the line"},
	"err.workday.problem.long":        {"问题太长（最多2000个字），请缩短", "The problem is too long (2000 characters at most)"},
	"err.workday.how.long":            {"解决情况太长（最多2000个字），请缩短", "How it was solved is too long (2000 characters at most)"},
	"err.workday.restore.duplicate":   {"这一天又记了一条工作日志，不能恢复；请修改那一条", "The day has been logged again; edit that entry instead of restoring"},
	"err.workfile.day_id.required":    {"请先保存这一天的工作日志，再添加照片", "Save the day's log first, then add photos"},
	"err.workfile.day_id.missing":     {"工作日志不存在或已被删除，请刷新后再试", "The log entry no longer exists; refresh and try again"},
	"err.workfile.file_name.required": {"照片缺少文件名", "The photo has no file name"},
	"err.workfile.file_name.long":     {"文件名太长（最多60个字），请改短后再添加", "The file name is too long (60 characters at most); rename the file"},
	"err.workfile.data.empty":         {"文件是空的，请选择一张照片", "The file is empty; choose a photo"},
	"err.workfile.data.large":         {"文件太大（最多20MB），请先压缩照片再添加", "The file is too large (20 MB at most); shrink the photo first"},

	// 揭榜挂帅 and 帮扶组团
	"err.task.village_id.required":        {"请选择榜单事项所属的村", "Choose the village the task belongs to"},
	"err.task.village_id.missing":         {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.task.title.required":             {"请填写榜单事项名称，例如“村集体经营性收入突破20万元”", "Enter the task's title, e.g. raise the collective's operating income above ¥200,000"},
	"err.task.title.long":                 {"事项名称太长（最多60个字），请缩短，详细内容写在目标里", "The title is too long (60 characters at most); put details in the goal"},
	"err.task.poster.invalid":             {"请选择发榜单位：市、区（县）、镇（街道）或帮扶单位", "Choose who posted it: city, district, town or a partner unit"},
	"err.task.poster_partner_id.required": {"发榜单位是帮扶单位时，请选择是哪个单位", "Choose which partner unit posted it"},
	"err.task.poster_partner_id.missing":  {"所选的帮扶单位不存在或已被删除，请重新选择", "The chosen partner unit no longer exists; choose again"},
	"err.task.poster_partner_id.poster":   {"只有发榜单位选“帮扶单位”时才选择具体单位；请改发榜单位，或清空所选单位", "Choose a partner unit only when a partner unit posted it"},
	"err.task.goal.long":                  {"目标说明太长（最多2000个字），请缩短", "The goal is too long (2000 characters at most)"},
	"err.task.target_kind.invalid":        {"请选择考核指标：无（文字目标）、集体经营性收入、销售额、带动户数或项目阶段", "Choose the measure: none, collective operating income, sales, households or project stage"},
	"err.task.target_value.positive":      {"请填写目标数值，要大于0，例如 200000", "Enter the target, more than 0, e.g. 200000"},
	"err.task.target_value.large":         {"目标数值太大，请检查是否多输了数字", "The target is too large; check for extra digits"},
	"err.task.target_value.none":          {"没有选择考核指标时不填目标数值；请选择指标，或清空数值", "Without a measure there is no target value; choose a measure or clear the value"},
	"err.task.target_stage.invalid":       {"请选择要达到的项目阶段，例如“竣工验收”", "Choose the project stage to reach"},
	"err.task.taken_on.required":          {"请填写揭榜日期，例如 2026-03-01", "Enter the date the task was taken on, e.g. 2026-03-01"},
	"err.task.taken_on.range":             {"揭榜日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The date taken on must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.task.deadline.required":          {"请填写完成时限，例如 2026-12-31", "Enter the deadline, e.g. 2026-12-31"},
	"err.task.deadline.range":             {"完成时限应在1950年1月1日到2100年12月31日之间，请检查年份", "The deadline must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.task.deadline.before":            {"完成时限早于揭榜日期，请检查两个日期", "The deadline is before the date taken on; check both"},
	"err.task.responsible.long":           {"责任人太长（最多60个字），请缩短", "The person answering is too long (60 characters at most)"},
	"err.task.status.invalid":             {"请选择状态：进行中、已完成或已撤销（逾期由完成时限自动判断）", "Choose the status: open, done or withdrawn (overdue follows from the deadline)"},
	"err.task.progress.range":             {"完成进度应在0到100之间（百分比）", "The progress must be 0 to 100 (percent)"},
	"err.task.closed_on.required":         {"已完成或已撤销的事项请填写办结日期，例如 2026-11-30", "A finished or withdrawn task needs the date it was closed, e.g. 2026-11-30"},
	"err.task.closed_on.range":            {"办结日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The closing date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.task.closed_on.before":           {"办结日期早于揭榜日期，请检查两个日期", "The closing date is before the date taken on; check both"},
	"err.task.closed_on.open":             {"进行中的事项还没有办结日期；请清空办结日期，或把状态改为已完成或已撤销", "An open task has no closing date; clear it or change the status"},
	"err.task.closing_note.long":          {"办结说明太长（最多2000个字），请缩短", "The closing note is too long (2000 characters at most)"},
	"err.task.note.long":                  {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.task_link.task_id.missing":       {"榜单事项不存在或已被删除，请刷新后再试", "The task no longer exists; refresh and try again"},
	"err.task_link.owner":                 {"请选择一个项目、合同或销售场次", "Choose one project, contract or sales event"},
	"err.task_link.project_id.missing":    {"所选的项目不存在或已被删除，请重新选择", "The chosen project no longer exists; choose again"},
	"err.task_link.contract_id.missing":   {"所选的合同不存在或已被删除，请重新选择", "The chosen contract no longer exists; choose again"},
	"err.task_link.event_id.missing":      {"所选的销售场次不存在或已被删除，请重新选择", "The chosen sales event no longer exists; choose again"},
	"err.task_link.duplicate":             {"这条记录已经关联到这个榜单事项了", "This record is already linked to the task"},
	"err.task_file.task_id.missing":       {"请先保存榜单事项，再添加照片或文件", "Save the task first, then add photos or files"},
	"err.task_file.file_name.required":    {"附件缺少文件名", "The attachment has no file name"},
	"err.task_file.file_name.long":        {"文件名太长（最多60个字），请改短后再添加", "The file name is too long (60 characters at most); rename the file"},
	"err.task_file.data.empty":            {"文件是空的，请选择一张照片或一个文件", "The file is empty; choose a photo or file"},
	"err.task_file.data.large":            {"文件太大（最多20MB），请先压缩照片再添加", "The file is too large (20 MB at most); shrink the photo first"},
	"err.staff.partner_id.required":       {"请选择派出人员的帮扶单位", "Choose the partner unit that sent the people"},
	"err.staff.partner_id.missing":        {"所选的帮扶单位不存在或已被删除，请重新选择", "The chosen partner unit no longer exists; choose again"},
	"err.staff.village_id.required":       {"请选择派驻的村", "Choose the village"},
	"err.staff.village_id.missing":        {"所选的村不存在或已被删除，请重新选择", "The chosen village no longer exists; choose again"},
	"err.staff.date_from.required":        {"请填写派驻开始日期，例如 2026-03-01", "Enter the date they started, e.g. 2026-03-01"},
	"err.staff.date_from.range":           {"开始日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The start date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.staff.date_to.range":             {"结束日期应在1950年1月1日到2100年12月31日之间，请检查年份", "The end date must be between 1950-01-01 and 2100-12-31; check the year"},
	"err.staff.date_to.before":            {"结束日期早于开始日期，请检查两个日期", "The end date is before the start date; check both"},
	"err.staff.people.range":              {"派出人数应在1到10000之间", "The number of people must be 1 to 10,000"},
	"err.staff.names.long":                {"姓名太长（最多2000个字），请缩短", "The names are too long (2000 characters at most)"},
	"err.staff.note.long":                 {"备注太长（最多2000个字），请缩短", "The note is too long (2000 characters at most)"},
	"err.partner_link.partner_id.missing": {"所选的帮扶单位不存在或已被删除，请刷新后再试", "The chosen partner unit no longer exists; refresh and try again"},
	"err.partner_link.none":               {"没有可以关联的销售场次：请刷新预览后再试", "There are no sales events to link; refresh the preview and try again"},
}

// check gathers the problems of one entity's input, with keys err.<entity>.<field>.<rule>.
type check struct {
	ValidationError
	entity string
	prefix string // field prefix for rows of a grid, e.g. "Lines[2]."
}

func newCheck(entity string) *check { return &check{entity: entity} }

// fail records a rule broken by field; the message comes from ledgerMsgs.
func (c *check) fail(field, rule string) {
	key := "err." + c.entity + "." + snake(field) + "." + rule
	if field == "" {
		key = "err." + c.entity + "." + rule
	}
	m, ok := ledgerMsgs[key]
	if !ok {
		panic("validation message missing for " + key)
	}
	c.Add(c.prefix+field, key, m.zh)
}

// failed reports whether field already has a problem (so one field shows one message).
func (c *check) failed(field string) bool { return c.For(c.prefix+field) != nil }

func (c *check) required(field, value string) {
	if value == "" {
		c.fail(field, "required")
	}
}

func (c *check) maxLen(field, value string, n int) {
	if utf8.RuneCountInString(value) > n {
		c.fail(field, "long")
	}
}

func (c *check) oneOf(field, value string, list []string) {
	if !slices.Contains(list, value) {
		c.fail(field, "invalid")
	}
}

func (c *check) date(field string, d Date) {
	switch {
	case d.IsZero():
		c.fail(field, "required")
	case !d.InRange():
		c.fail(field, "range")
	}
}

// positive checks an amount that must be above 0 and at most MaxAmount.
func (c *check) positive(field string, m Money) {
	if m <= 0 {
		c.fail(field, "positive")
	}
	c.notLarge(field, m)
}

// amount checks an amount that may be 0 but neither negative nor above MaxAmount.
func (c *check) amount(field string, m Money) {
	c.notNegative(field, int64(m))
	c.notLarge(field, m)
}

func (c *check) notLarge(field string, m Money) {
	if m > MaxAmount && !c.failed(field) {
		c.fail(field, "large")
	}
}

func (c *check) notNegative(field string, v int64) {
	if v < 0 {
		c.fail(field, "negative")
	}
}

// optionalDate checks a date that may be left empty.
func (c *check) optionalDate(field string, d Date) {
	if !d.IsZero() && !d.InRange() {
		c.fail(field, "range")
	}
}

// between checks a whole number against its inclusive bounds.
func (c *check) between(field string, v, lo, hi int) {
	if v < lo || v > hi {
		c.fail(field, "range")
	}
}

// file checks an attachment's name and bytes.
func (c *check) file(name string, data []byte) {
	c.required("FileName", name)
	c.maxLen("FileName", name, nameLen)
	if len(data) == 0 {
		c.fail("Data", "empty")
	} else if len(data) > MaxAttachmentSize {
		c.fail("Data", "large")
	}
}

func (c *check) year(field string, y int) {
	if y < MinYear || y > MaxYear {
		c.fail(field, "range")
	}
}

// ref checks a required link to a live row: 0 is "required", a dead id "missing".
func (c *check) ref(q querier, field, table string, id int64, required bool) error {
	if id == 0 {
		if required {
			c.fail(field, "required")
		}
		return nil
	}
	ok, err := liveExists(q, table, id)
	if err != nil {
		return err
	}
	if !ok {
		c.fail(field, "missing")
	}
	return nil
}

// unique fails field as "duplicate" when a live row of table other than id matches cond (a
// condition with args, e.g. "name = ?"). It checks nothing once field has already failed.
func (c *check) unique(q querier, field, table string, id int64, cond string, args ...any) error {
	if c.failed(field) {
		return nil
	}
	var other int64
	err := q.QueryRow("SELECT id FROM "+table+" WHERE "+cond+" AND id <> ? AND deleted_at IS NULL", append(args, id)...).Scan(&other)
	if err == nil {
		c.fail(field, "duplicate")
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

func (c *check) err() error { return c.Err() }

// clean trims what people type: surrounding spaces, and full-width spaces.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' })
}

// snake turns a Go field name into the key form: VillageIDs → village_ids, EscalationBP → escalation_bp.
func snake(field string) string {
	field = strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(field, "IDs", "Ids"), "ID", "Id"), "BP", "Bp")
	var b strings.Builder
	for i, r := range field {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// restoreDuplicate explains why a row cannot come back: a live row took its name meanwhile.
func restoreDuplicate(table string) error {
	entity := map[string]string{"villages": "village", "partners": "partner", "products": "product", "village_targets": "target",
		"assets": "asset", "contracts": "contract", "worklog_days": "workday"}[table]
	c := newCheck(entity)
	if _, ok := ledgerMsgs["err."+entity+".restore.duplicate"]; !ok {
		return fmt.Errorf("恢复失败：已经有相同的记录（%s）", table)
	}
	c.fail("", "restore.duplicate")
	return c.err()
}
