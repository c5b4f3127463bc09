package importfile

import (
	"cunji/data"
)

// Field is what a column holds, as the ledgers know it. A column mapped to FieldNone is not read.
type Field string

// The fields of the three kinds of file. Several columns may map to one funding field; they add up.
const (
	FieldNone    Field = ""
	FieldSeq     Field = "seq" // 序号: read only to tell rows holding nothing else
	FieldDate    Field = "date"
	FieldMonth   Field = "month" // 月 in its own column (merged, or written once per month)
	FieldDay     Field = "day"
	FieldVillage Field = "village"
	FieldNote    Field = "note"

	FieldSeller       Field = "seller"
	FieldSellerStatus Field = "seller_status"
	FieldProduct      Field = "product"
	FieldSpec         Field = "spec"
	FieldQuantity     Field = "quantity"
	FieldUnit         Field = "unit"
	FieldPrice        Field = "price"
	FieldAmount       Field = "amount"
	FieldChannel      Field = "channel"
	FieldPlace        Field = "place"
	FieldBuyer        Field = "buyer"
	FieldPayment      Field = "payment"

	FieldVoucher      Field = "voucher"
	FieldSummary      Field = "summary" // 摘要
	FieldCategory     Field = "category"
	FieldSubItem      Field = "sub_item"
	FieldIncome       Field = "income"
	FieldExpense      Field = "expense"
	FieldDirection    Field = "direction" // 收/支 in its own column, with one amount column
	FieldCounterparty Field = "counterparty"

	FieldName                Field = "name"
	FieldType                Field = "type"
	FieldTotal               Field = "total" // 总投资
	FieldFundLinked          Field = "fund_linked"
	FieldFundFiscal          Field = "fund_fiscal"
	FieldFundPartner         Field = "fund_partner"
	FieldFundDonation        Field = "fund_donation"
	FieldFundVillage         Field = "fund_village"
	FieldFundOther           Field = "fund_other"
	FieldDisbursed           Field = "disbursed"
	FieldDisbursedDate       Field = "disbursed_date"
	FieldStatus              Field = "status"
	FieldStatusDate          Field = "status_date"
	FieldResponsible         Field = "responsible"
	FieldImplementer         Field = "implementer"
	FieldPartner             Field = "partner"
	FieldYear                Field = "year"
	FieldHouseholds          Field = "households"
	FieldHouseholdsPoor      Field = "households_poor"
	FieldHouseholdsMonitored Field = "households_monitored"
	FieldContent             Field = "content" // 建设内容
)

// fieldInfo describes a field: its Chinese label, and whether it holds money.
type fieldInfo struct {
	label string
	money bool
}

var fieldInfos = map[Field]fieldInfo{
	FieldNone: {label: "不导入"}, FieldSeq: {label: "序号"}, FieldDate: {label: "日期"}, FieldMonth: {label: "月"},
	FieldDay: {label: "日"}, FieldVillage: {label: "村"}, FieldNote: {label: "备注"},
	FieldSeller: {label: "卖家（姓名）"}, FieldSellerStatus: {label: "户类别"}, FieldProduct: {label: "产品"},
	FieldSpec: {label: "规格"}, FieldQuantity: {label: "数量"}, FieldUnit: {label: "计量单位"},
	FieldPrice: {label: "单价", money: true}, FieldAmount: {label: "金额", money: true}, FieldChannel: {label: "销售渠道"},
	FieldPlace: {label: "地点/活动"}, FieldBuyer: {label: "购买方"}, FieldPayment: {label: "付款方式"},
	FieldVoucher: {label: "凭证号"}, FieldSummary: {label: "摘要"}, FieldCategory: {label: "类别（科目）"},
	FieldSubItem: {label: "明细项目"}, FieldIncome: {label: "收入金额", money: true}, FieldExpense: {label: "支出金额", money: true},
	FieldDirection: {label: "收支方向"}, FieldCounterparty: {label: "对方单位或个人"},
	FieldName: {label: "项目名称"}, FieldType: {label: "项目类型"}, FieldTotal: {label: "总投资", money: true},
	FieldFundLinked: {label: "财政衔接资金", money: true}, FieldFundFiscal: {label: "其他财政资金", money: true},
	FieldFundPartner: {label: "帮扶单位资金", money: true}, FieldFundDonation: {label: "社会捐赠", money: true},
	FieldFundVillage: {label: "村集体自筹", money: true}, FieldFundOther: {label: "其他资金", money: true},
	FieldDisbursed: {label: "已拨付", money: true}, FieldDisbursedDate: {label: "拨付日期"}, FieldStatus: {label: "项目状态"},
	FieldStatusDate: {label: "状态日期（完工、验收）"}, FieldResponsible: {label: "责任人"}, FieldImplementer: {label: "实施单位"},
	FieldPartner: {label: "帮扶单位"}, FieldYear: {label: "年度"}, FieldHouseholds: {label: "带动农户数"},
	FieldHouseholdsPoor: {label: "其中脱贫户"}, FieldHouseholdsMonitored: {label: "其中监测户"}, FieldContent: {label: "建设内容"},
}

// Label is the field's name as the mapping select shows it.
func (f Field) Label() string {
	if i, ok := fieldInfos[f]; ok {
		return i.label
	}
	return string(f)
}

// Money reports whether the field holds an amount (read in 元 or 万元).
func (f Field) Money() bool { return fieldInfos[f].money }

// fundingSource is the funding source (data.FundingSources) a funding field fills.
var fundingSource = map[Field]string{
	FieldFundLinked: "财政衔接资金", FieldFundFiscal: "其他财政资金", FieldFundPartner: "帮扶单位资金",
	FieldFundDonation: "社会捐赠", FieldFundVillage: "村集体自筹", FieldFundOther: "其他",
}

// fundingFields in the order of data.FundingSources.
var fundingFields = []Field{FieldFundLinked, FieldFundFiscal, FieldFundPartner, FieldFundDonation, FieldFundVillage, FieldFundOther}

// kindFields lists each kind's fields in the order a mapping select offers them.
var kindFields = map[data.ImportKind][]Field{
	data.ImportSales: {FieldDate, FieldMonth, FieldDay, FieldVillage, FieldSeller, FieldSellerStatus, FieldProduct, FieldSpec,
		FieldQuantity, FieldUnit, FieldPrice, FieldAmount, FieldChannel, FieldPlace, FieldBuyer, FieldPayment, FieldNote, FieldSeq},
	data.ImportIncome: {FieldDate, FieldMonth, FieldDay, FieldVillage, FieldVoucher, FieldSummary, FieldCategory, FieldSubItem,
		FieldIncome, FieldExpense, FieldAmount, FieldDirection, FieldCounterparty, FieldNote, FieldSeq},
	data.ImportProjects: {FieldName, FieldVillage, FieldType, FieldYear, FieldTotal, FieldFundLinked, FieldFundFiscal,
		FieldFundPartner, FieldFundDonation, FieldFundVillage, FieldFundOther, FieldDisbursed, FieldDisbursedDate, FieldStatus,
		FieldStatusDate, FieldResponsible, FieldImplementer, FieldPartner, FieldHouseholds, FieldHouseholdsPoor,
		FieldHouseholdsMonitored, FieldContent, FieldNote, FieldSeq},
}

// Fields lists what a column of this kind of file can be mapped to (FieldNone not included).
func Fields(kind data.ImportKind) []Field { return append([]Field(nil), kindFields[kind]...) }

// dataFieldName is the Go field of the store's row a parser field fills, so a problem the store
// finds names the column it came from.
var dataFieldName = map[Field]string{
	FieldDate: "Date", FieldVillage: "Village", FieldSeller: "Seller", FieldProduct: "Product", FieldSpec: "Spec",
	FieldQuantity: "Quantity", FieldUnit: "Unit", FieldPrice: "Price", FieldAmount: "Amount", FieldChannel: "Channel",
	FieldPlace: "Place", FieldBuyer: "Buyer", FieldPayment: "Payment", FieldNote: "Note", FieldVoucher: "Voucher",
	FieldCategory: "Category", FieldSubItem: "SubItem", FieldCounterparty: "Counterparty", FieldName: "Name",
	FieldType: "Type", FieldTotal: "Funding", FieldDisbursed: "Disbursed", FieldDisbursedDate: "DisbursedDate",
	FieldStatus: "Stage", FieldResponsible: "Responsible", FieldImplementer: "Implementer", FieldPartner: "Partners",
	FieldYear: "YearStarted", FieldHouseholds: "Households", FieldHouseholdsPoor: "HouseholdsPoor",
	FieldHouseholdsMonitored: "HouseholdsMonitored", FieldSellerStatus: "SellerStatus",
}
