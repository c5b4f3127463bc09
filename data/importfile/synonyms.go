package importfile

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"cunji/data"
)

// The synonyms table: the header words offices use for each field, and the local words for
// income categories, project stages and types, sales channels and household statuses. What it
// does not know the user maps once in the preview (Options.Memory), and 村记 remembers it.

// headerWords are the headers of each field, per kind of file (docs/IMPORT.md lists them).
var headerWords = map[data.ImportKind]map[Field][]string{
	data.ImportSales: {
		FieldSeq:          {"序号", "编号", "序"},
		FieldDate:         {"日期", "销售日期", "时间", "销售时间", "交易日期", "活动日期", "售卖日期", "发生日期"},
		FieldMonth:        {"月", "月份"},
		FieldDay:          {"日"},
		FieldVillage:      {"村", "村名", "村庄", "所属村", "行政村", "村别", "所在村", "村居", "村庄名称"},
		FieldSeller:       {"姓名", "户主", "户主姓名", "农户姓名", "卖家", "卖家姓名", "农户", "户名", "卖方", "销售人", "售卖人", "销售主体", "农户名称", "供货人", "供货农户", "交售人", "名字", "销售户"},
		FieldSellerStatus: {"户类别", "农户类别", "户类型", "是否脱贫户", "人员类别", "农户类型", "户属性"},
		FieldProduct:      {"品名", "产品", "商品", "产品名称", "商品名称", "农产品", "品种", "农产品名称", "货品", "货物名称", "名称", "销售产品"},
		FieldSpec:         {"规格", "规格型号", "包装规格", "型号"},
		FieldQuantity:     {"重量", "数量", "销量", "销售数量", "斤数", "销售量", "数重量", "重量数量", "件数"},
		FieldUnit:         {"计量单位", "单位", "规格单位"},
		FieldPrice:        {"单价", "价格", "销售单价", "售价"},
		FieldAmount:       {"销售额", "金额", "销售金额", "收入", "销售收入", "总价", "总金额", "交易金额", "货款", "合计金额", "销售总额"},
		FieldChannel:      {"渠道", "销售渠道", "销售方式", "销售途径", "销售形式"},
		FieldPlace:        {"地点", "销售地点", "活动", "活动名称", "场次", "集市", "销售场所", "售卖地点", "大集名称"},
		FieldBuyer:        {"购买方", "购买单位", "采购单位", "买方", "购买人", "客户", "采购方", "购货单位"},
		FieldPayment:      {"付款方式", "支付方式", "结算方式", "收款方式"},
		FieldNote:         {"备注", "说明"},
	},
	data.ImportIncome: {
		FieldSeq:          {"序号", "编号"},
		FieldDate:         {"日期", "记账日期", "入账日期", "发生日期", "时间", "收支日期"},
		FieldMonth:        {"月", "月份"},
		FieldDay:          {"日"},
		FieldVillage:      {"村", "村名", "村庄", "所属村", "行政村"},
		FieldVoucher:      {"凭证号", "凭证编号", "凭证字号", "记账凭证号", "凭证", "凭证号数", "票据号", "凭证号码", "字号"},
		FieldSummary:      {"摘要", "事由", "内容", "收支内容", "摘要说明", "收支事项"},
		FieldCategory:     {"类别", "收入类别", "科目", "会计科目", "收支类别", "收支科目", "收入科目", "支出科目", "科目名称", "收入项目", "收入来源", "项目类别", "类型"},
		FieldSubItem:      {"明细项目", "明细", "子目", "明细科目", "二级科目"},
		FieldIncome:       {"收入金额", "收入", "借方", "借方金额", "收入额", "收款金额", "收方"},
		FieldExpense:      {"支出金额", "支出", "贷方", "贷方金额", "支出额", "付款金额", "付方"},
		FieldAmount:       {"金额", "发生额", "发生金额"},
		FieldDirection:    {"收支", "收支方向", "方向", "收或支", "收支类型"},
		FieldCounterparty: {"对方单位", "对方单位或个人", "对方户名", "交款人", "交款单位", "付款单位", "付款人", "收款单位", "收款人", "往来单位", "对方", "经手人"},
		FieldNote:         {"备注", "说明"},
	},
	data.ImportProjects: {
		FieldSeq:     {"序号", "编号"},
		FieldName:    {"项目名称", "项目", "名称", "帮扶项目", "项目名", "帮扶项目名称"},
		FieldVillage: {"建设地点", "实施地点", "项目地点", "所在村", "实施村", "村", "村名", "项目所在村", "建设地址", "地点", "实施地址", "项目实施地点"},
		FieldType:    {"项目类型", "类型", "类别", "项目类别", "项目性质"},
		FieldYear:    {"年度", "实施年度", "项目年度", "开工年度", "年份", "立项年度", "计划年度"},
		FieldTotal:   {"总投资", "投资总额", "总投资额", "项目总投资", "计划总投资", "投资规模", "项目资金", "资金总额", "资金规模", "总资金", "项目总资金"},
		FieldFundLinked: {"衔接资金", "财政衔接资金", "中央衔接资金", "省级衔接资金", "市级衔接资金", "县级衔接资金", "中央财政衔接资金",
			"省级财政衔接资金", "市级财政衔接资金", "县级财政衔接资金", "中央财政衔接推进乡村振兴补助资金", "财政专项扶贫资金", "扶贫资金",
			"中央资金", "省级资金", "市级资金", "县级资金", "区级资金", "区级衔接资金"},
		FieldFundFiscal:          {"其他财政资金", "财政资金", "行业部门资金", "其他涉农资金", "整合资金", "涉农整合资金"},
		FieldFundPartner:         {"帮扶单位资金", "帮扶资金", "单位帮扶资金", "帮扶单位投入", "派出单位资金"},
		FieldFundDonation:        {"社会捐赠", "社会资金", "捐赠资金", "社会帮扶资金", "社会捐赠资金"},
		FieldFundVillage:         {"村自筹", "村集体自筹", "自筹资金", "自筹", "村级自筹", "村集体资金", "村集体投入", "村自筹资金"},
		FieldFundOther:           {"其他资金", "其他来源"},
		FieldDisbursed:           {"拨付金额", "已拨付", "已拨付资金", "拨付资金", "累计拨付", "已拨付金额", "资金拨付", "拨付", "已支付", "已支付资金", "累计支付", "拨付情况"},
		FieldDisbursedDate:       {"拨付日期", "拨付时间", "支付日期", "资金拨付时间", "资金拨付日期"},
		FieldStatus:              {"项目状态", "进度", "项目进度", "建设进度", "实施进度", "状态", "进展情况", "项目进展", "实施情况", "建设状态", "当前进度", "建设情况"},
		FieldStatusDate:          {"完工时间", "完工日期", "竣工日期", "竣工时间", "验收日期", "验收时间"},
		FieldResponsible:         {"责任人", "项目负责人", "负责人", "项目责任人"},
		FieldImplementer:         {"实施单位", "实施主体", "建设单位", "项目实施单位", "建设主体", "项目实施主体"},
		FieldPartner:             {"帮扶单位", "帮扶单位名称", "结对帮扶单位", "帮扶企业"},
		FieldHouseholds:          {"带动农户数", "受益户数", "带动户数", "受益农户", "受益农户数", "带动农户", "受益户", "带动农户户数"},
		FieldHouseholdsPoor:      {"其中脱贫户", "带动脱贫户", "脱贫户数", "受益脱贫户", "带动脱贫户数", "其中脱贫户数"},
		FieldHouseholdsMonitored: {"其中监测户", "监测户数", "带动监测户", "带动监测户数", "其中监测户数"},
		FieldContent:             {"建设内容", "建设内容及规模", "建设规模", "项目内容", "主要建设内容", "建设任务"},
		FieldNote:                {"备注", "说明"},
	},
}

// groupWords read a second header row under a merged group header: 资金来源 over 中央/省级/…,
// 带动农户 over 总数/脱贫户/监测户.
var groupWords = []struct {
	group string // the upper header contains this
	words map[string]Field
}{
	{"资金", map[string]Field{"中央": FieldFundLinked, "省级": FieldFundLinked, "省": FieldFundLinked, "市级": FieldFundLinked,
		"市": FieldFundLinked, "县级": FieldFundLinked, "县": FieldFundLinked, "区级": FieldFundLinked, "县区": FieldFundLinked,
		"衔接": FieldFundLinked, "财政": FieldFundFiscal, "其他财政": FieldFundFiscal, "帮扶单位": FieldFundPartner,
		"单位": FieldFundPartner, "社会": FieldFundDonation, "捐赠": FieldFundDonation, "村": FieldFundVillage,
		"村集体": FieldFundVillage, "其他": FieldFundOther, "合计": FieldTotal, "小计": FieldTotal, "总计": FieldTotal}},
	{"来源", map[string]Field{"合计": FieldTotal, "小计": FieldTotal, "其他": FieldFundOther}},
	{"户", map[string]Field{"合计": FieldHouseholds, "总数": FieldHouseholds, "户数": FieldHouseholds, "总户数": FieldHouseholds,
		"脱贫户": FieldHouseholdsPoor, "监测户": FieldHouseholdsMonitored, "其中脱贫户": FieldHouseholdsPoor, "其中监测户": FieldHouseholdsMonitored}},
	{"拨付", map[string]Field{"金额": FieldDisbursed, "时间": FieldDisbursedDate, "日期": FieldDisbursedDate}},
	{"日期", map[string]Field{"月": FieldMonth, "日": FieldDay}},
	{"年", map[string]Field{"月": FieldMonth, "日": FieldDay}},
	{"金额", map[string]Field{"收入": FieldIncome, "支出": FieldExpense, "借方": FieldIncome, "贷方": FieldExpense}},
}

// normHeader is a header as matched: no spaces or line breaks, no required-marks or colons, no
// unit in brackets (headerUnit reads that), ASCII lower case.
func normHeader(s string) string {
	s = tidyText(s)
	s = stripBrackets(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '*', r == ':', r == '：', r == '"', r == '“', r == '”', r == '/':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// stripBrackets drops (…) and 【…】 parts of a header: 金额（万元） → 金额.
func stripBrackets(s string) string {
	for _, p := range [][2]string{{"(", ")"}, {"【", "】"}, {"[", "]"}, {"〔", "〕"}} {
		for {
			i := strings.Index(s, p[0])
			if i < 0 {
				break
			}
			j := strings.Index(s[i:], p[1])
			if j < 0 {
				s = s[:i]
				break
			}
			s = s[:i] + s[i+j+len(p[1]):]
		}
	}
	return s
}

// headerUnit reads the unit a header states: 金额（万元） → 万元, 重量(斤) → 斤, 单价（元/斤） → 元/斤.
func headerUnit(s string) string {
	s = tidyText(s)
	for _, p := range [][2]string{{"(", ")"}, {"【", "】"}, {"[", "]"}} {
		if i := strings.Index(s, p[0]); i >= 0 {
			if j := strings.Index(s[i:], p[1]); j > 0 {
				u := strings.TrimSpace(s[i+len(p[0]) : i+j])
				return strings.TrimPrefix(strings.TrimPrefix(u, "单位:"), "单位：")
			}
		}
	}
	if strings.HasSuffix(s, "万元") {
		return "万元"
	}
	return ""
}

// headerField maps one header (for a two-row header, its group above and its own text) to a field.
func headerField(kind data.ImportKind, group, text string, memory map[string]string) Field {
	full := normHeader(group + text)
	own := normHeader(text)
	if own == "" {
		own, group = normHeader(group), ""
	}
	for _, k := range []string{full, own} {
		if f, ok := memory[memoryKey(kind, k)]; ok {
			return Field(f)
		}
	}
	if f, ok := headerIndex[kind][full]; ok {
		return f
	}
	if g := normHeader(group); g != "" {
		for _, gw := range groupWords {
			if strings.Contains(g, gw.group) {
				if f, ok := gw.words[strings.TrimSuffix(own, "资金")]; ok && fieldOf(kind, f) {
					return f
				}
				if f, ok := gw.words[own]; ok && fieldOf(kind, f) {
					return f
				}
			}
		}
	}
	if f := lookupHeader(kind, own); f != FieldNone {
		return f
	}
	return lookupHeader(kind, full)
}

func fieldOf(kind data.ImportKind, f Field) bool {
	_, ok := headerWords[kind][f]
	return ok
}

// headerIndex maps each kind's normalised header words to their fields.
var headerIndex = func() map[data.ImportKind]map[string]Field {
	out := map[data.ImportKind]map[string]Field{}
	for kind, fields := range headerWords {
		m := map[string]Field{}
		for f, words := range fields {
			for _, w := range words {
				m[normHeader(w)] = f
			}
		}
		out[kind] = m
	}
	return out
}()

// lookupHeader finds a header exactly, else the longest known header it contains (已拨付资金（截至12月） → 已拨付).
func lookupHeader(kind data.ImportKind, h string) Field {
	idx := headerIndex[kind]
	if f, ok := idx[h]; ok || h == "" {
		return f
	}
	words := make(map[string]string, len(idx))
	for w, f := range idx {
		words[w] = string(f)
	}
	f, _ := lookupWord(words, h)
	return Field(f)
}

// memoryKey is how a remembered header choice is stored: kind|header.
func memoryKey(kind data.ImportKind, header string) string { return string(kind) + "|" + header }

// wordTables map local words to the official value of a field.
var wordTables = map[Field]map[string][]string{
	FieldChannel: {
		data.ChannelMarketDay:    {"助农大集", "大集", "集市", "赶集", "农村大集", "庙会", "展销会", "丰收节", "农民丰收节", "助农集市", "市集", "集"},
		data.ChannelStore:        {"共富超市", "超市", "便民超市", "共富店"},
		data.ChannelLivestream:   {"直播带货", "直播", "抖音", "快手", "网络直播", "带货", "视频号", "直播间"},
		data.ChannelUnitPurchase: {"单位采购", "食堂采购", "食堂", "机关食堂", "832平台", "832", "工会采购", "工会", "定向采购", "消费帮扶采购", "单位团购", "企业采购", "团购", "机关采购"},
		data.ChannelOther:        {"其他", "其它", "电商", "网店", "微信群", "零售", "散卖", "上门收购", "采摘", "直销", "线上"},
	},
	FieldStatus: {
		data.StagePlanning:     {"谋划", "谋划中", "前期", "前期准备", "储备", "筹备", "规划"},
		data.StagePublicity:    {"公示", "公示中", "已公示"},
		data.StageListed:       {"入库", "已入库", "未开工", "待开工", "计划"},
		data.StageFunded:       {"资金下达", "资金已下达", "已下达", "招标中", "已招标", "采购中", "招投标", "待实施", "招标"},
		data.StageBuilding:     {"实施", "实施中", "在建", "建设中", "正在实施", "已开工", "施工中", "进行中", "正在建设"},
		data.StageAccepted:     {"验收", "已验收", "已完工", "完工", "已竣工", "竣工", "已竣工验收", "竣工验收", "已审计", "审计中", "已完成", "完成", "已兑付", "兑付完成", "待验收"},
		data.StageHandedOver:   {"资产移交", "资产已移交", "已移交", "移交", "已确权"},
		data.StageOperating:    {"运营管护", "运营中", "已运营", "投入运营", "正常运营", "管护中", "已投产", "投产", "运营"},
		data.StageDistributing: {"收益分配", "已分红", "分红"},
		data.StageTerminated:   {"终止", "已终止", "取消", "已取消", "停建"},
	},
	FieldType: {
		"产业发展": {"产业发展", "产业发展类", "产业", "产业类", "产业项目", "生产发展", "产业扶贫", "产业发展项目"},
		"基础设施": {"基础设施", "基础设施类", "基础设施建设", "基础设施项目", "设施类", "村基础设施"},
		"公益事业": {"公益事业", "公益事业类", "公益", "公益类", "公共服务", "公益性", "公益事业项目"},
		"就业帮扶": {"就业帮扶", "就业", "就业类", "就业扶贫", "务工就业", "就业创业"},
		"其他":   {"其他", "其他类", "其它", "综合类", "综合"},
	},
	FieldSellerStatus: {
		data.StatusFormerlyPoor: {"脱贫户", "是", "脱贫人口", "建档立卡户", "贫困户", "脱贫不稳定户"},
		data.StatusMonitored:    {"监测户", "监测对象", "边缘户", "边缘易致贫户", "突发严重困难户"},
		data.StatusOrdinary:     {"一般户", "否", "一般农户", "普通户", "非贫困户", "普通农户"},
	},
}

// categoryWords map local income and expense words to the categories of 财会〔2023〕14号, by direction.
var categoryWords = map[string]map[string][]string{
	data.DirectionIncome: {
		data.IncomeOperating: {"经营收入", "发包收入", "发包及上交收入", "承包收入", "承包费", "土地流转费", "土地流转收入", "流转费", "租金", "租金收入",
			"租赁收入", "房租", "出租收入", "资产租赁收入", "服务收入", "服务费", "产品销售收入", "销售收入", "上交收入", "光伏收益", "光伏收入",
			"光伏发电收入", "发电收入", "经营性收入", "资源发包收入", "机动地发包收入", "门面租金", "厂房租金"},
		data.IncomeInvestment: {"投资收益", "入股分红", "分红", "分红收入", "股金分红", "股份分红", "投资分红", "合作社分红", "理财收益",
			"入股收益", "股息", "投资收入", "入股收入"},
		data.IncomeSubsidy: {"补助收入", "上级补助", "上级补助收入", "财政补助", "财政补助收入", "运转经费", "村级运转经费", "运转经费补助",
			"办公经费补助", "项目补助", "专项补助", "奖补资金", "补助", "补贴收入", "转移支付", "运转经费补助收入"},
		data.IncomeOther: {"其他收入", "利息收入", "利息", "存款利息", "银行利息", "捐赠收入", "捐款", "罚没收入", "其他", "其它"},
	},
	data.DirectionExpense: {
		"经营支出":  {"经营支出", "种苗农资", "农资", "用工支出", "劳务费", "经营成本", "水电费", "电费", "维修费", "经营费用"},
		"税金及附加": {"税金及附加", "税金", "税费", "增值税附加", "印花税", "房产税"},
		"管理费用":  {"管理费用", "管理费", "办公费", "差旅费", "会议费", "干部报酬", "村干部报酬", "误工补贴", "报刊费", "办公用品", "通讯费", "招待费"},
		"公益支出":  {"公益支出", "公益事业支出", "道路维护", "环境整治", "保洁费", "困难户救助", "救助", "文体活动", "卫生整治", "公益事业"},
		"其他支出":  {"其他支出", "利息支出", "其他", "其它"},
		"所得税费用": {"所得税费用", "所得税"},
	},
}

// indexWords turns official → words into normalised word → official.
func indexWords(t map[string][]string) map[string]string {
	m := map[string]string{}
	for official, words := range t {
		m[normHeader(official)] = official
		for _, w := range words {
			m[normHeader(w)] = official
		}
	}
	return m
}

var (
	wordIndex = func() map[Field]map[string]string {
		out := map[Field]map[string]string{}
		for f, t := range wordTables {
			out[f] = indexWords(t)
		}
		return out
	}()
	categoryIndex = map[string]map[string]string{
		data.DirectionIncome:  indexWords(categoryWords[data.DirectionIncome]),
		data.DirectionExpense: indexWords(categoryWords[data.DirectionExpense]),
	}
)

// lookupWord finds a local word in idx exactly, else the longest known word it contains; a word
// saying "not" (未分红) matches only exactly.
func lookupWord(idx map[string]string, word string) (string, bool) {
	w := normHeader(word)
	if w == "" {
		return "", false
	}
	if v, ok := idx[w]; ok {
		return v, true
	}
	if strings.HasPrefix(w, "未") || strings.HasPrefix(w, "不") || strings.HasPrefix(w, "没") || strings.HasPrefix(w, "无") {
		return "", false
	}
	keys := make([]string, 0, 8)
	for k := range idx {
		if utf8.RuneCountInString(k) >= 2 && strings.Contains(w, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "", false
	}
	sort.Slice(keys, func(i, j int) bool {
		if a, b := utf8.RuneCountInString(keys[i]), utf8.RuneCountInString(keys[j]); a != b {
			return a > b
		}
		return keys[i] < keys[j]
	})
	return idx[keys[0]], true
}

// wordKey is how a remembered word choice is stored: field|word (category words: category/income|word).
func wordKey(f Field, word string) string { return string(f) + "|" + normHeader(word) }

// WordChoices lists the official values a local word of this field can be mapped to
// (for FieldCategory: the income categories, then the expense ones).
func WordChoices(f Field) []string {
	switch f {
	case FieldChannel:
		return append([]string(nil), data.Channels...)
	case FieldStatus:
		return append([]string(nil), data.Stages...)
	case FieldType:
		return append([]string(nil), data.ProjectTypes...)
	case FieldSellerStatus:
		return append([]string(nil), data.PovertyStatuses...)
	case FieldCategory:
		return append(append([]string(nil), data.IncomeCategories...), data.ExpenseCategories...)
	}
	return nil
}
