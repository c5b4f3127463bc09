package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// DemoOptions shape the demo ledger. Zero values take the defaults.
type DemoOptions struct {
	Sales    int   // sale lines (default 5000)
	Years    int   // years covered, ending with Today's (default 3)
	Villages int   // villages (default 1)
	Today    Date  // last day with data (default today)
	Seed     int64 // same seed, same ledger (default 1)
	// Context stops the build (Ctrl+C, a closed window); nothing is left behind. Nil never stops.
	Context context.Context
}

func (o *DemoOptions) defaults() {
	if o.Sales <= 0 {
		o.Sales = 5000
	}
	if o.Years <= 0 {
		o.Years = 3
	}
	if o.Villages <= 0 {
		o.Villages = 1
	}
	if o.Today.IsZero() {
		o.Today = Today()
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Context == nil {
		o.Context = context.Background()
	}
}

// MaxDemoVillages is how many distinct village names the demo has.
const MaxDemoVillages = 12

var demoVillageNames = []string{"东泉村", "西岭村", "南坡村", "北店村", "石门村", "杏林村", "柳河村", "桃园村",
	"上庄村", "下河村", "青龙村", "泉子峪村"}

// settingDemo marks a database made by Demo, so the window can say it holds made-up data.
const settingDemo = "demo_ledger"

// IsDemo reports whether this database is a demo ledger made by Demo.
func (s *Store) IsDemo() (bool, error) {
	v, err := s.Setting(settingDemo)
	return v != "", err
}

// ErrNotDemo is OpenDemo's refusal to use a file at the demo's path that is not a demo.
var ErrNotDemo = errors.New("这个位置已经有一个数据库文件，但它不是演示数据，村记不会改动它。请把它改名或移到别处后再载入演示数据")

// OpenDemo opens the demo database at path, making it first (see Demo) when there is none yet.
// A database there that is not a demo is left alone and refused with ErrNotDemo.
func OpenDemo(path string, opt DemoOptions) (*Store, error) {
	if err := Demo(path, opt); err != nil && !IsOpenError(err, ErrExists) {
		return nil, err
	}
	s, err := OpenExisting(path)
	if err != nil {
		return nil, err
	}
	if demo, err := s.IsDemo(); err != nil || !demo {
		s.Close()
		if err == nil {
			err = fmt.Errorf("%w：%s", ErrNotDemo, s.Path())
		}
		return nil, err
	}
	return s, nil
}

// Demo creates a new database at path (refusing an existing file) filled with a realistic
// ledger: villages with targets, partner units, projects in every stage with funding and
// disbursements, collective income and expenses in every category, sellers, products with
// seasonal prices and opt.Sales sale lines across every channel.
//
// The ledger is built in a temporary file beside path that takes path's name only once it is
// complete and synced: an interrupted, cancelled or failed build leaves no file at path, and a
// temporary file a killed build left behind is removed by the next one.
func Demo(path string, opt DemoOptions) error {
	opt.defaults()
	if opt.Villages > MaxDemoVillages {
		return fmt.Errorf("演示数据最多 %d 个村", MaxDemoVillages)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return &OpenError{Kind: ErrOther, Path: path, Err: err}
	}
	if _, err := os.Lstat(abs); err == nil {
		return &OpenError{Kind: ErrExists, Path: abs}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return &OpenError{Kind: ErrOther, Path: abs, Err: err}
	}
	removeDemoLeftovers(abs)
	tmp := demoTempName(abs, NewUUID()[:8])
	s, err := Create(tmp)
	if err != nil {
		var oe *OpenError
		if errors.As(err, &oe) {
			oe.Path = abs // the person asked for abs; the temporary name means nothing to them
		}
		return err
	}
	g := &demoGen{s: s, opt: opt, ctx: opt.Context, rnd: rand.New(rand.NewPCG(uint64(opt.Seed), 0x5eed)),
		first: YearPeriod(opt.Today.Year() - opt.Years + 1).From}
	err = g.run()
	if err == nil { // everything into the main file: the -wal is not renamed with it
		_, err = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = publishDemo(tmp, abs)
	}
	removeDemoFiles(tmp)
	return err
}

// demoTempName is the file a build writes before it becomes path: hidden, beside it, unique per build.
func demoTempName(path, token string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+token+".part")
}

// publishDemo syncs the finished temporary file and gives it the final name, never replacing a
// file that appeared there meanwhile (a hard link fails on an existing name; rename would not).
func publishDemo(tmp, path string) error {
	if err := syncFile(tmp); err != nil {
		return err
	}
	if wal, err := os.Stat(tmp + "-wal"); err == nil && wal.Size() > 0 {
		return fmt.Errorf("演示数据没有完整写入文件（%s-wal 仍在），没有生成 %s", tmp, path)
	}
	err := os.Link(tmp, path)
	if errors.Is(err, fs.ErrExist) {
		return &OpenError{Kind: ErrExists, Path: path}
	}
	if err != nil { // a file system without hard links (FAT on a USB stick)
		if _, serr := os.Lstat(path); serr == nil {
			return &OpenError{Kind: ErrExists, Path: path}
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	syncDir(filepath.Dir(path))
	return nil
}

// removeDemoFiles removes a temporary build and every file SQLite or the store made beside it.
func removeDemoFiles(tmp string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		os.Remove(tmp + suffix)
	}
}

// removeDemoLeftovers removes the temporary files of builds of path that were killed. A build
// still running holds its store's lock and is left alone.
func removeDemoLeftovers(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	leftover := regexp.MustCompile(`^` + regexp.QuoteMeta("."+filepath.Base(path)+".") + `[0-9a-f]{8}\.part`)
	seen := map[string]bool{}
	for _, e := range entries {
		m := leftover.FindString(e.Name())
		if m == "" || seen[m] {
			continue
		}
		seen[m] = true
		tmp := filepath.Join(dir, m)
		if _, err := os.Stat(tmp); err == nil {
			s, err := OpenExisting(tmp)
			if IsOpenError(err, ErrLocked) {
				continue
			}
			if err == nil {
				s.Close()
			}
		}
		removeDemoFiles(tmp)
	}
}

type demoGen struct {
	s           *Store
	opt         DemoOptions
	ctx         context.Context
	rnd         *rand.Rand
	first       Date // first day with data
	villages    []*Village
	partners    []*Partner
	earners     []demoEarner
	lets        []demoLet           // project assets let out by contract (makeSanzi writes the contracts)
	projectRuns []demoProjectRun    // the projects made, for their 四议两公开 (makeDecisions)
	sellers     map[int64][]*Seller // by village
	products    []*demoProduct
}

// demoEarner is a project whose asset earns the collective an income (not a rent) once it is run.
type demoEarner struct {
	project   *Project
	value     Money  // its asset's original value
	from      Date   // the 运营管护 stage: no income before it
	what, who string // sub-item and payer of its income
	every     int    // months between payments
}

// demoLet is a project's asset let out by contract from the day it is run.
type demoLet struct {
	asset *Asset
	kind  string // contract kind
	from  Date   // the 运营管护 stage
	who   string // the lessee
	every int    // months between payments
}

func (g *demoGen) run() error {
	steps := []func() error{g.settings, g.makeVillages, g.makePartners, g.makeProjects, g.makeEntries, g.makeSanzi,
		g.makeDecisions, g.makeSellers, g.makeProducts, g.makeSales, g.makeWorkLog, g.makePartnerWork, g.makeTasks,
		g.makePartnerVisits}
	for _, step := range steps {
		if err := g.ctx.Err(); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (g *demoGen) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

// between returns a random whole number in [lo, hi].
func (g *demoGen) between(lo, hi int) int { return lo + g.rnd.IntN(hi-lo+1) }

// dayIn returns a random date in [from, to], clamped to the demo's range.
func (g *demoGen) dayIn(from, to Date) Date {
	if from.Before(g.first) {
		from = g.first
	}
	if to.After(g.opt.Today) {
		to = g.opt.Today
	}
	n := int(to.Time().Sub(from.Time()).Hours() / 24)
	if n <= 0 {
		return from
	}
	return from.AddDays(g.rnd.IntN(n + 1))
}

func (g *demoGen) years() []int {
	var ys []int
	for y := g.first.Year(); y <= g.opt.Today.Year(); y++ {
		ys = append(ys, y)
	}
	return ys
}

func (g *demoGen) settings() error {
	if err := g.s.SetSetting(settingDemo, "这是村记生成的虚构示例台账"); err != nil {
		return err
	}
	if err := g.s.SetSetting(SettingSecretary, "王立新"); err != nil {
		return err
	}
	return g.s.SetSetting(SettingUnit, "济南市农业农村局")
}

func (g *demoGen) makeVillages() error {
	for i := 0; i < g.opt.Villages; i++ {
		v := &Village{Name: demoVillageNames[i], Town: "柳埠街道", County: "济南市历城区"}
		if err := g.s.SaveVillage(v); err != nil {
			return err
		}
		g.villages = append(g.villages, v)
		for _, y := range g.years() {
			wan := []Money{10, 20, 20, 30}[g.rnd.IntN(4)] // targets are set in 万元
			t := &VillageTarget{VillageID: v.ID, Year: y, Amount: wan * 10_000 * 100,
				Measure: []string{MeasureTotal, MeasureOperating, MeasureTotal}[(i+y)%3]}
			if err := g.s.SaveVillageTarget(t); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *demoGen) makePartners() error {
	list := []Partner{
		{Name: "济南市农业农村局", Kind: PartnerGovernment, Contact: "刘科长", Phone: "0531-86012345"},
		{Name: "齐鲁农旅发展有限公司", Kind: PartnerEnterprise, Contact: "陈经理", Phone: "13905310001"},
		{Name: "历下区甸柳新村街道第一社区", Kind: PartnerCommunity, Contact: "赵书记", Phone: "0531-88905678"},
		{Name: "泉城食品集团有限公司", Kind: PartnerEnterprise, Contact: "孙主任", Phone: "13805312222"},
		{Name: "市慈善总会", Kind: PartnerOther, Contact: "周秘书长"},
	}
	for i := range list {
		p := list[i]
		if err := g.s.SavePartner(&p); err != nil {
			return err
		}
		g.partners = append(g.partners, &p)
	}
	return nil
}

type demoProject struct {
	name, kind, asset string
	budget            int    // yuan
	let               string // an earning (经营性) asset let out: the contract's kind; "" when it earns otherwise
	what, who         string // an earning asset's income: sub-item (when not let) and payer or lessee
	every             int    // months between its payments
}

const earningAsset = AssetEarning

var demoProjects = []demoProject{
	{"大樱桃种植大棚", "产业发展", earningAsset, 1_200_000, "设施农业", "", "柳埠果品合作社", 6},
	{"村集体冷库", "产业发展", earningAsset, 800_000, "厂房", "", "柳埠果品合作社", 3},
	{"生产路硬化", "基础设施", "公益性", 600_000, "", "", "", 0},
	{"小米加工车间", "产业发展", earningAsset, 950_000, "厂房", "", "泉城食品集团有限公司", 3},
	{"村内路灯安装", "基础设施", "公益性", 180_000, "", "", "", 0},
	{"幸福院提升改造", "公益事业", "公益性", 300_000, "", "", "", 0},
	{"农村电商服务站", "就业帮扶", earningAsset, 260_000, "门面", "", "齐鲁农旅发展有限公司", 6},
	{"光伏发电项目", "产业发展", earningAsset, 1_500_000, "", "发电收入", "国网济南供电公司", 1},
	{"饮水管网改造", "基础设施", "公益性", 420_000, "", "", "", 0},
	{"到户肉牛养殖", "产业发展", "到户类", 350_000, "", "", "", 0},
	{"村史馆建设", "其他", "公益性", 150_000, "", "", "", 0},
}

// makeProjects gives each village several projects whose current stages together cover every
// stage, plus one 联建 project across all villages when there are several. Only an asset that
// earns (经营性) gets to 收益分配: a road or a household's cattle pay the collective no dividend.
func (g *demoGen) makeProjects() error {
	stageIdx := 0
	for vi, v := range g.villages {
		n := 10
		if vi > 0 {
			n = g.between(4, 7)
		}
		plan := make([]demoProject, n)
		stages := make([]string, n)
		for k := range plan {
			plan[k] = demoProjects[(vi*3+k)%len(demoProjects)]
			stages[k] = Stages[stageIdx%len(Stages)]
			stageIdx++
		}
		for k := range plan {
			if stages[k] != StageDistributing || plan[k].asset == earningAsset {
				continue
			}
			stages[k] = StageOperating // kept if no earning project can swap: a road's 运营管护 is its upkeep
			for j := range plan {
				if plan[j].asset == earningAsset && stages[j] != StageDistributing {
					stages[j], stages[k] = StageDistributing, stages[j]
					break
				}
			}
		}
		for k, dp := range plan {
			if err := g.project(dp, []int64{v.ID}, v.Name, stages[k]); err != nil {
				return err
			}
		}
	}
	if len(g.villages) > 1 {
		ids := make([]int64, len(g.villages))
		for i, v := range g.villages {
			ids[i] = v.ID
		}
		dp := demoProject{"集体经济连片发展项目（果品分拣中心）", "产业发展", earningAsset, 3_000_000, "厂房", "", "柳埠果品合作社", 6}
		return g.project(dp, ids, "柳埠", StageOperating)
	}
	return nil
}

func (g *demoGen) project(dp demoProject, villageIDs []int64, prefix, final string) error {
	if err := g.ctx.Err(); err != nil {
		return err
	}
	finalIdx := slices.Index(Stages, final)
	steps := finalIdx + 1
	if final == StageTerminated {
		steps = g.between(2, 5) + 1 // stopped after a few stages
	}
	// Stages follow each other every one to four months, ending no later than today.
	dates := make([]Date, steps)
	d := g.opt.Today.AddDays(-g.between(5, 40))
	for i := steps - 1; i >= 0; i-- {
		dates[i] = d
		d = d.AddDays(-g.between(30, 120))
	}
	if dates[0].Before(g.first) {
		shift := int(g.first.Time().Sub(dates[0].Time()).Hours()/24) + g.between(0, 20)
		for i := range dates {
			dates[i] = dates[i].AddDays(shift)
			if dates[i].After(g.opt.Today) {
				dates[i] = g.opt.Today
			}
		}
	}
	implementers := []string{"柳埠街道办事处", "山东鲁建工程有限公司"} // roads, pipes, buildings
	if dp.kind == "产业发展" || dp.kind == "就业帮扶" {
		implementers = []string{"柳埠街道办事处", prefix + "股份经济合作社", "历城区农业农村局"}
	}
	p := &Project{Name: prefix + dp.name, Type: dp.kind, VillageIDs: villageIDs, Responsible: g.personName(),
		Implementer: g.pick(implementers),
		PartnerIDs:  []int64{g.partners[g.rnd.IntN(len(g.partners))].ID}, YearStarted: dates[0].Year()}
	p.Households = g.between(20, 160)
	p.HouseholdsPoor = g.between(0, p.Households/5)
	p.HouseholdsMonitored = g.between(0, p.Households/10)
	p.Decision = g.decision(dates, final)
	if err := g.s.SaveProject(p); err != nil {
		return err
	}
	if err := g.funding(p, dp.budget); err != nil {
		return err
	}
	g.projectRuns = append(g.projectRuns, demoProjectRun{p: p, dates: dates, final: final, budget: Money(dp.budget) * 100})
	for i := 0; i < steps; i++ {
		stage := Stages[i]
		if i == steps-1 {
			stage = final
		}
		sc := &StageChange{ProjectID: p.ID, Stage: stage, Date: dates[i], Note: demoStageNote(stage)}
		if err := g.s.SaveStageChange(sc); err != nil {
			return err
		}
	}
	if err := g.disburse(p, dp.budget, final, dates); err != nil {
		return err
	}
	if err := g.notes(p, dp.asset, final, dates); err != nil {
		return err
	}
	if err := g.projectAsset(p, dp, final, dates); err != nil {
		return err
	}
	if final == StageDistributing { // the dividend is paid once the plan is adopted
		from := dates[steps-1]
		dist := &Distribution{ProjectID: p.ID, Date: g.dayIn(from, from.AddDays(5)),
			Amount: Money(g.between(20_000, 80_000)) * 100, Recipient: "脱贫户及监测户分红", Note: "按户分配，名单已公示"}
		if err := g.s.SaveDistribution(dist); err != nil {
			return err
		}
	}
	return nil
}

// projectAsset records in the register the asset a project handed over (资产移交): an earning
// asset that is run is let out by contract (makeSanzi) or earns otherwise (光伏); one handed over
// but not yet run stands idle.
func (g *demoGen) projectAsset(p *Project, dp demoProject, final string, dates []Date) error {
	handedOver, operating := slices.Index(Stages, StageHandedOver), slices.Index(Stages, StageOperating)
	reached := slices.Index(Stages, final)
	if final == StageTerminated || reached < handedOver {
		return nil
	}
	a := &Asset{Name: p.Name, VillageID: p.VillageIDs[0], Class: dp.asset, Source: AssetSourceProject, ProjectID: p.ID,
		Formed: dates[handedOver], Value: Money(dp.budget) * 100 * 95 / 100, Quantity: 1000, Unit: "处",
		Status: AssetInUse, Keeper: p.Responsible, Owner: "村集体", Note: dp.name + "，已办理资产移交和确权登记"}
	switch {
	case dp.asset == "到户类":
		a.Owner, a.Location, a.Note = "农户", "受益农户家中", "确权到户，由受益农户使用和管护"
	case dp.asset == earningAsset && reached < operating:
		a.Status, a.Note = AssetIdle, dp.name+"，已移交，尚未确定运营主体"
	case dp.asset == earningAsset && dp.let != "":
		a.Status = AssetLet
	}
	if dp.asset != "到户类" {
		a.DepreciationYears, a.ResidualBP = 20, 500
	}
	if err := g.s.SaveAsset(a); err != nil {
		return err
	}
	if dp.asset != earningAsset || reached < operating {
		return nil
	}
	if dp.let != "" {
		g.lets = append(g.lets, demoLet{asset: a, kind: dp.let, from: dates[operating], who: dp.who, every: dp.every})
	} else {
		g.earners = append(g.earners, demoEarner{project: p, value: a.Value, from: dates[operating], what: dp.what, who: dp.who, every: dp.every})
	}
	return nil
}

// decision records the 四议两公开 steps taken by today, as far as the project has come.
func (g *demoGen) decision(dates []Date, final string) string {
	out := ""
	for i, step := range []string{"党支部提议", "两委商议", "党员大会审议", "村民代表会议决议"} {
		d := dates[0].AddDays([]int{0, 3, 7, 10}[i])
		if d.After(g.opt.Today) {
			return out
		}
		out += d.Chinese() + " " + step + "；"
	}
	if slices.Index(Stages, final) >= slices.Index(Stages, StageAccepted) && final != StageTerminated {
		return out + "决议与实施结果已公开。"
	}
	return out + "决议已公开。"
}

func demoStageNote(stage string) string {
	return map[string]string{
		StagePlanning: "村两委研究提出项目设想", StagePublicity: "项目计划在村务公开栏公示7天", StageListed: "纳入区级项目库",
		StageFunded: "衔接资金指标下达", StageBuilding: "施工单位进场", StageAccepted: "区农业农村局组织验收合格",
		StageHandedOver: "资产移交村集体并确权", StageOperating: "委托合作社运营管护", StageDistributing: "年度收益按方案分配",
		StageTerminated: "因选址调整，经村民代表会议决议终止",
	}[stage]
}

func (g *demoGen) funding(p *Project, budget int) error {
	shares := []struct {
		source string
		pct    int
	}{{"财政衔接资金", 70}, {"帮扶单位资金", 15}, {"村集体自筹", 10}, {"社会捐赠", 5}}
	if g.rnd.IntN(3) == 0 {
		shares = []struct {
			source string
			pct    int
		}{{"其他财政资金", 80}, {"村集体自筹", 15}, {"其他", 5}}
	}
	for _, sh := range shares {
		f := &FundingLine{ProjectID: p.ID, Source: sh.source, Amount: Money(budget*sh.pct/100) * 100}
		switch sh.source { // 帮扶组团: the project's partner unit gives its share, the charity the donation
		case "帮扶单位资金":
			f.PartnerID = p.PartnerIDs[0]
		case "社会捐赠":
			f.PartnerID = g.partners[len(g.partners)-1].ID
		}
		if err := g.s.SaveFundingLine(f); err != nil {
			return err
		}
	}
	return nil
}

// disburse pays out after 资金下达: in full once accepted, partly while being built.
func (g *demoGen) disburse(p *Project, budget int, final string, dates []Date) error {
	funded := slices.Index(Stages, StageFunded)
	reached := len(dates) - 2 // a stopped project's last stage before 终止
	if final != StageTerminated {
		reached = slices.Index(Stages, final)
	}
	if reached < funded || funded >= len(dates) {
		return nil
	}
	pct := []int{30}
	if reached > funded {
		pct = []int{30, 40}
	}
	if reached >= slices.Index(Stages, StageAccepted) && final != StageTerminated {
		pct = []int{30, 40, 30}
	}
	for i, share := range pct {
		from := dates[min(funded+i, len(dates)-1)]
		date := g.dayIn(from, from.AddDays(25))
		note := []string{"首期拨付", "进度款", "验收后尾款"}[i]
		if err := g.s.SaveDisbursement(&Disbursement{ProjectID: p.ID, Date: date, Amount: Money(budget*share/100) * 100, Note: note}); err != nil {
			return err
		}
	}
	return nil
}

// demoNotes are what a first secretary writes down at each stage.
var demoNotes = map[string]string{
	StagePlanning: "召开村民代表会议，讨论项目选址和实施方案", StagePublicity: "公示期满，群众无异议",
	StageListed: "帮扶单位来村调研，商定资金配套", StageFunded: "召开项目推进会，确定实施单位和工期",
	StageBuilding: "施工现场检查，组织脱贫户参与务工，进度符合计划", StageAccepted: "参加项目验收，资料整理归档",
	StageHandedOver: "办理资产移交手续，登记入村集体资产台账", StageOperating: "落实管护责任人，设施运行良好",
	StageDistributing: "召开村民代表会议，通过年度收益分配方案", StageTerminated: "村民代表会议决议终止项目",
}

// notes writes one note two days after each stage the project reached, with a photo of the building work.
func (g *demoGen) notes(p *Project, asset, final string, dates []Date) error {
	for i, dt := range dates {
		stage := Stages[i]
		if i == len(dates)-1 {
			stage = final
		}
		text := demoNotes[stage]
		if stage == StageOperating && asset == earningAsset {
			text = "项目运行正常，村集体收入稳定增长"
		}
		n := &ProgressNote{ProjectID: p.ID, Date: dt.AddDays(2), Text: text}
		if n.Date.After(g.opt.Today) {
			n.Date = g.opt.Today
		}
		if err := g.s.SaveProgressNote(n); err != nil {
			return err
		}
		if stage == StageBuilding {
			a := &Attachment{NoteID: n.ID, FileName: "现场照片.png", Mime: "image/png", Data: demoPhoto(g.rnd)}
			if err := g.s.AddAttachment(a); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoPhoto draws a small landscape (sky, hills, field) as a stand-in for a site photo.
func demoPhoto(rnd *rand.Rand) []byte {
	const w, h = 160, 120
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	hill := 50 + rnd.IntN(20)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{135, 190, 235, 255}
			switch {
			case y > 80:
				c = color.RGBA{uint8(90 + (x/10%2)*20), 150, 60, 255}
			case y > hill+(x-w/2)*(x-w/2)/400:
				c = color.RGBA{70, 120, 80, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// demoEntry is one kind of collective income or expense: how often a year, how much, and who
// pays or is paid for each of its sub-items.
type demoEntry struct {
	dir, cat string
	times    int
	lo, hi   int // yuan
	by       map[string][]string
}

var demoEntries = []demoEntry{
	{DirectionIncome, IncomeOperating, 4, 8_000, 40_000, map[string][]string{ // rents come from the contracts (makeSanzi)
		"服务收入": {"柳埠果品合作社"}, "产品销售收入": {"泉城食品集团有限公司", "历下区共富超市"}}},
	{DirectionIncome, IncomeInvestment, 2, 10_000, 50_000, map[string][]string{
		"入股分红": {"柳埠街道强村公司", "泉城食品集团有限公司"}}},
	{DirectionIncome, IncomeSubsidy, 2, 20_000, 60_000, map[string][]string{
		"运转经费补助": {"柳埠街道办事处"}, "财政补助": {"历城区财政局"}, "项目补助": {"历城区农业农村局"}}},
	{DirectionIncome, IncomeOther, 2, 500, 5_000, map[string][]string{
		"利息收入": {"历城农商银行"}, "捐赠收入": {"爱心人士", "市慈善总会"}}},
	{DirectionExpense, "经营支出", 4, 3_000, 20_000, map[string][]string{
		"种苗农资": {"柳埠农资店"}, "用工支出": {"临时务工村民"}, "水电费": {"国网济南供电公司"}, "维修费": {"柳埠农机维修部"}}},
	{DirectionExpense, "税金及附加", 1, 300, 2_000, map[string][]string{
		"增值税附加": {"历城区税务局"}, "印花税": {"历城区税务局"}}},
	{DirectionExpense, "管理费用", 4, 1_000, 8_000, map[string][]string{
		"办公费": {"柳埠办公用品店"}, "会议费": {"村两委"}, "差旅费": {"村两委干部"}, "干部报酬": {"村两委干部"}}},
	{DirectionExpense, "公益支出", 3, 2_000, 15_000, map[string][]string{
		"道路维护": {"村道路养护队"}, "环境整治": {"村保洁队"}, "困难户救助": {"困难户"}, "文体活动": {"村文艺队"}}},
	{DirectionExpense, "其他支出", 1, 200, 3_000, map[string][]string{"其他": {"其他"}}},
	{DirectionExpense, "所得税费用", 1, 500, 3_000, map[string][]string{"所得税": {"历城区税务局"}}},
}

// makeEntries books each year's collective income and expenses per village, every category, and
// the income of each earning asset from the day it was run.
func (g *demoGen) makeEntries() error {
	for _, v := range g.villages {
		for _, y := range g.years() {
			if err := g.ctx.Err(); err != nil {
				return err
			}
			if err := g.entriesForYear(v, y); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *demoGen) entriesForYear(v *Village, y int) error {
	voucher := 1
	save := func(e *CollectiveEntry) error {
		e.VillageID, e.Voucher = v.ID, fmt.Sprintf("记-%d-%03d", y, voucher)
		voucher++
		return g.s.SaveEntry(e)
	}
	for _, de := range demoEntries {
		subs := make([]string, 0, len(de.by))
		for _, sub := range SubItems[de.cat] { // in a fixed order, so a seed gives one ledger
			if de.by[sub] != nil {
				subs = append(subs, sub)
			}
		}
		for i := 0; i < de.times; i++ {
			date := g.dayIn(MustDate(y, 1+i*12/de.times, 1), MustDate(y, min(12, 1+(i+1)*12/de.times), 28))
			if date.Year() != y || date.After(g.opt.Today) {
				continue
			}
			sub := g.pick(subs)
			e := &CollectiveEntry{Date: date, Direction: de.dir, Category: de.cat, SubItem: sub,
				Amount: Money(g.between(de.lo, de.hi))*100 + Money(g.rnd.IntN(100)), Counterparty: g.pick(de.by[sub])}
			if err := save(e); err != nil {
				return err
			}
		}
	}
	for _, earner := range g.earners {
		if earner.project.VillageIDs[0] != v.ID { // a 联建 project's income is booked by its first village
			continue
		}
		yearly := int(earner.value/100) * g.between(6, 9) / 100
		for m := earner.every; m <= 12; m += earner.every {
			date := MustDate(y, m, 25)
			if date.Before(earner.from) || date.After(g.opt.Today) {
				continue
			}
			e := &CollectiveEntry{Date: date, Direction: DirectionIncome, Category: IncomeOperating, SubItem: earner.what,
				Amount: Money(yearly*earner.every/12)*100 + Money(g.rnd.IntN(100)), Counterparty: earner.who,
				ProjectID: earner.project.ID, Note: earner.project.Name + "资产" + earner.what}
			if err := save(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// makeSanzi fills each village's asset register and contracts (三资): land, forest, a pond, shop
// fronts and equipment of its own, and the project assets let out by contract, with receipts for
// the rent due by today. The shop's lessee is behind with the rent, the forest is let for 30 years
// (past the Civil Code's 20), the pond's contract ends within 90 days, the equipment's ended
// without renewal, and the old school stands idle.
func (g *demoGen) makeSanzi() error {
	first, today := g.first, g.opt.Today
	for _, v := range g.villages {
		if err := g.ctx.Err(); err != nil {
			return err
		}
		coop := v.Name + "果蔬种植专业合作社"
		assets := []*Asset{
			{Name: "村委会办公楼", Class: "公益性", Source: "村集体自建", Formed: MustDate(2012, 9, 30), Value: 860_000_00,
				Quantity: 1000, Unit: "座", Location: v.Name + "村委会大院", Status: AssetInUse, DepreciationYears: 30, ResidualBP: 500},
			{Name: "村集体机动地", Class: earningAsset, Source: "其他", Quantity: 120_000, Unit: "亩", Location: v.Name + "东洼",
				Status: AssetLet, Note: "二轮延包时预留的机动地"},
			{Name: "北山荒山林地", Class: earningAsset, Source: "其他", Quantity: 500_000, Unit: "亩", Location: v.Name + "北山",
				Status: AssetLet},
			{Name: "村南鱼塘", Class: earningAsset, Source: "村集体自建", Formed: MustDate(2015, 5, 1), Value: 120_000_00,
				Quantity: 35_000, Unit: "亩", Location: v.Name + "村南", Status: AssetLet},
			{Name: "沿街门面房", Class: earningAsset, Source: "村集体自建", Formed: MustDate(first.Year()-1, 10, 15), Value: 380_000_00,
				Quantity: 2000, Unit: "间", Location: v.Name + "主街", Status: AssetLet, DepreciationYears: 30, ResidualBP: 500},
			{Name: "旧小学校舍", Class: earningAsset, Source: "上级拨付", Formed: MustDate(1998, 8, 1), Value: 420_000_00,
				Quantity: 1000, Unit: "处", Location: v.Name + "村西", Status: AssetIdle, Note: "学校撤并后空置，正在研究盘活方案"},
			{Name: "旋耕机", Class: earningAsset, Source: "上级拨付", Formed: MustDate(first.Year(), 3, 20), Value: 38_000_00,
				Quantity: 1000, Unit: "台", Location: v.Name + "村委会大院", Status: AssetInUse, DepreciationYears: 10, ResidualBP: 500},
			{Name: "旧农用运输车", Class: earningAsset, Source: "村集体自建", Formed: MustDate(2010, 4, 1), Value: 60_000_00,
				Quantity: 1000, Unit: "辆", Location: v.Name + "村委会大院", Status: AssetScrapped, DepreciationYears: 10, ResidualBP: 500},
			{Name: "旧办公桌椅", Class: "公益性", Source: "村集体自建", Formed: MustDate(2006, 6, 1), Value: 12_000_00,
				Quantity: 20_000, Unit: "套", Location: v.Name + "村委会大院", Status: AssetDisposed, DisposedOn: first.AddDays(g.between(30, 200)),
				Note: "经村民代表会议同意，按废旧物资处置"},
		}
		for _, a := range assets {
			a.VillageID, a.Keeper, a.Owner = v.ID, g.personName(), "村集体"
			if err := g.s.SaveAsset(a); err != nil {
				return err
			}
		}
		land, forest, pond, shop, tractor := assets[1], assets[2], assets[3], assets[4], assets[6]
		pondStart, lentFrom := MustDate(first.Year(), 4, 1), tractor.Formed.AddDays(30)
		if !pondStart.Before(today) {
			pondStart = first
		}
		lets := []struct {
			c      Contract
			behind int // items due by today left unpaid, the latest first
		}{
			{c: Contract{AssetID: land.ID, Kind: "土地", Subject: land.Name, Area: land.Quantity, Party: "齐鲁农旅发展有限公司", PartyKind: "企业",
				Start: first, End: addYears(first, 15).AddDays(-1), Payment: PayYearly, AnnualRent: 120 * 800_00, DueDay: 31,
				Deposit: 20_000_00, EscalationYears: 5, EscalationBP: 500, PublicTrade: true, Note: "经农村产权交易平台公开流转"}},
			{c: Contract{AssetID: forest.ID, Kind: "林地", Subject: forest.Name, Area: forest.Quantity, Party: g.personName(), PartyKind: PartyPerson,
				Start: first.AddDays(59), End: addYears(first.AddDays(59), 30).AddDays(-1), Payment: PayYearly, AnnualRent: 15_000_00,
				Note: "荒山造林承包"}},
			{c: Contract{AssetID: pond.ID, Kind: "水面", Subject: pond.Name, Area: pond.Quantity, Party: g.personName(), PartyKind: PartyPerson,
				Start: pondStart, End: today.AddDays(60), Payment: PayHalfYearly, AnnualRent: 10_500_00, DueDay: 15, Deposit: 3_000_00}},
			{c: Contract{AssetID: shop.ID, Kind: "门面", Subject: shop.Name, Quantity: shop.Quantity, Unit: shop.Unit, Party: g.personName(),
				PartyKind: PartyPerson, Start: MustDate(first.Year(), 1, 31), End: addYears(today, 1), Payment: PayQuarterly,
				AnnualRent: 36_000_00, DueDay: 31, Deposit: 6_000_00, Note: "经营便民超市"}, behind: 2},
		}
		if lentFrom.Before(today.AddDays(-60)) {
			c := Contract{AssetID: tractor.ID, Kind: "设备", Subject: tractor.Name, Quantity: tractor.Quantity, Unit: tractor.Unit, Party: coop,
				PartyKind: "合作社", Start: today.AddDays(-200), End: today.AddDays(-20), Payment: PayOnce,
				TotalPrice: 6_000_00, Note: "农忙季节租用"}
			if c.Start.Before(lentFrom) {
				c.Start = lentFrom
			}
			lets = append(lets, struct {
				c      Contract
				behind int
			}{c: c})
		}
		for _, l := range g.lets {
			if l.asset.VillageID != v.ID {
				continue
			}
			rent := Money(int(l.asset.Value/100)*g.between(6, 9)/100/100) * 100_00 // whole hundreds of yuan
			pay := map[int]string{3: PayQuarterly, 6: PayHalfYearly}[l.every]
			c := Contract{AssetID: l.asset.ID, Kind: l.kind, Subject: l.asset.Name, Quantity: l.asset.Quantity, Unit: l.asset.Unit, Party: l.who,
				PartyKind: "合作社", Start: l.from, End: addYears(l.from, 5).AddDays(-1), Payment: pay, AnnualRent: rent, DueDay: 25,
				Note: "委托运营，租金收入按收益分配方案使用"}
			if !strings.HasSuffix(l.who, "合作社") {
				c.PartyKind = "企业"
			}
			lets = append(lets, struct {
				c      Contract
				behind int
			}{c: c})
		}
		voucher := 0
		for i := range lets {
			c := &lets[i].c
			c.VillageID = v.ID
			if err := g.s.SaveContract(c); err != nil {
				return err
			}
			var due []RentItem
			for _, it := range c.Schedule() {
				if !it.Due.After(today) {
					due = append(due, it)
				}
			}
			paid := len(due) - min(lets[i].behind, len(due))
			for k, it := range due[:paid] {
				r := &Receipt{ContractID: c.ID, Period: it.Period, Date: g.dayIn(it.Due.AddDays(-3), it.Due.AddDays(15)), Amount: it.Amount}
				if r.Date.Before(c.Start) {
					r.Date = c.Start
				}
				if lets[i].behind > 0 && k == paid-1 { // the last one paid in part
					r.Amount = it.Amount / 2
				}
				voucher++
				r.Voucher = fmt.Sprintf("租-%d-%03d", r.Date.Year(), voucher)
				if err := g.s.SaveReceipt(r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

var (
	demoSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
		"何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "田", "董", "袁", "于"}
	demoGiven = []string{"建国", "秀英", "桂兰", "玉梅", "志强", "海燕", "德明", "春花", "长青", "凤英", "文华", "庆华", "永生",
		"淑珍", "红梅", "立军", "保国", "翠兰", "金凤", "振华", "玉兰", "国庆", "秀兰", "明", "强", "军", "芳", "勇", "静",
		"丽", "传福", "广田", "兆明", "延平", "新民", "春生", "爱华", "学军", "连成", "桂芝"}
)

func (g *demoGen) personName() string { return g.pick(demoSurnames) + g.pick(demoGiven) }

// demoIDNumber makes a well-formed ID number of someone born 1950–1985 in 历城区.
func (g *demoGen) demoIDNumber() string {
	birth := MustDate(g.between(1950, 1985), g.between(1, 12), g.between(1, 28))
	body := fmt.Sprintf("370112%04d%02d%02d%03d", birth.Year(), birth.Month(), birth.Day(), g.between(1, 999))
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(body[i]-'0') * idWeights[i]
	}
	return body + string(idCheckChars[sum%11])
}

func (g *demoGen) makeSellers() error {
	g.sellers = map[int64][]*Seller{}
	for _, v := range g.villages {
		n := g.between(20, 40)
		seen := map[string]bool{}
		for len(g.sellers[v.ID]) < n {
			if err := g.ctx.Err(); err != nil {
				return err
			}
			x := &Seller{Name: g.personName(), VillageID: v.ID, Kind: "农户", Status: StatusOrdinary}
			if seen[x.Name] {
				continue
			}
			seen[x.Name] = true
			switch r := g.rnd.IntN(100); {
			case r < 15:
				x.Status = StatusFormerlyPoor
			case r < 20:
				x.Status = StatusMonitored
			}
			if g.rnd.IntN(2) == 0 {
				x.Phone = fmt.Sprintf("1%d%09d", g.pick([]string{"3", "5", "8"})[0]-'0', g.rnd.IntN(1_000_000_000))
			}
			if g.rnd.IntN(3) == 0 {
				x.IDNumber = g.demoIDNumber()
			}
			if err := g.s.SaveSeller(x); err != nil {
				return err
			}
			g.sellers[v.ID] = append(g.sellers[v.ID], x)
		}
		coop := &Seller{Name: v.Name + "果蔬种植专业合作社", Kind: "合作社", VillageID: v.ID, Phone: "0531-8" + fmt.Sprintf("%07d", g.rnd.IntN(10_000_000))}
		collective := &Seller{Name: v.Name + "股份经济合作社", Kind: "村集体", VillageID: v.ID}
		for _, x := range []*Seller{coop, collective} {
			if err := g.s.SaveSeller(x); err != nil {
				return err
			}
			g.sellers[v.ID] = append(g.sellers[v.ID], x)
		}
	}
	return nil
}

// demoProduct is a product with its season (months it sells in) and price per month.
type demoProduct struct {
	Product
	months   []int // 1–12
	base     int   // fen per unit in season
	peak     int   // month of the lowest price
	qlo, qhi int   // quantity per line, in units
}

var demoCatalog = []demoProduct{
	{Product{Name: "大蒜", Unit: "斤"}, []int{5, 6, 7, 8, 9, 10, 11, 12, 1}, 350, 6, 10, 120},
	{Product{Name: "苹果", Unit: "斤"}, []int{9, 10, 11, 12, 1, 2, 3}, 400, 10, 10, 80},
	{Product{Name: "苹果", Spec: "10斤装", Unit: "箱"}, []int{9, 10, 11, 12, 1, 2}, 4800, 10, 1, 12},
	{Product{Name: "小米", Spec: "新米", Unit: "斤"}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 800, 10, 5, 40},
	{Product{Name: "花生", Unit: "斤"}, []int{9, 10, 11, 12, 1}, 650, 9, 10, 60},
	{Product{Name: "辣椒", Unit: "斤"}, []int{7, 8, 9, 10}, 450, 8, 5, 50},
	{Product{Name: "草莓", Unit: "斤"}, []int{12, 1, 2, 3, 4, 5}, 1800, 3, 2, 20},
	{Product{Name: "鸡蛋", Spec: "土鸡蛋", Unit: "斤"}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 750, 6, 3, 30},
	{Product{Name: "鸡蛋", Spec: "30枚礼盒", Unit: "盒"}, []int{1, 2, 9, 10, 12}, 4500, 1, 1, 10},
	{Product{Name: "大樱桃", Unit: "斤"}, []int{5, 6}, 2500, 6, 2, 20},
	{Product{Name: "地瓜", Unit: "斤"}, []int{10, 11, 12, 1, 2, 3}, 200, 11, 20, 150},
	{Product{Name: "核桃", Unit: "斤"}, []int{9, 10, 11, 12}, 1500, 10, 3, 20},
}

// price is the unit price in a month: cheapest at the peak of the season, up to 40% dearer
// at its edges, with a few jiao of haggling either way.
func (p *demoProduct) price(month int, rnd *rand.Rand) Money {
	dist := (month - p.peak + 12) % 12
	if dist > 6 {
		dist = 12 - dist
	}
	fen := p.base + p.base*dist*8/100 + (rnd.IntN(5)-2)*10
	return Money(max(fen/10*10, 10))
}

func (p *demoProduct) inSeason(month int) bool { return slices.Contains(p.months, month) }

func (g *demoGen) makeProducts() error {
	for i := range demoCatalog {
		dp := demoCatalog[i]
		dp.DefaultPrice = Money(dp.base)
		if err := g.s.SaveProduct(&dp.Product); err != nil {
			return err
		}
		g.products = append(g.products, &dp)
	}
	return nil
}

// demoChannel is one channel's share of the events, its places and buyers.
type demoChannel struct {
	channel string
	weight  int
	places  []string
	buyers  []string
	paired  bool // buyers[i] is the one buyer at places[i] (a unit's canteen buys for that unit)
	payment []string
	lines   [2]int // lines per event
}

var demoChannels = []demoChannel{
	{ChannelMarketDay, 40, []string{"柳埠大集", "泉城广场助农大集", "历下区甸柳社区助农大集"}, []string{"市民", "社区居民"}, false, []string{"微信", "现金", "支付宝"}, [2]int{10, 40}},
	{ChannelStore, 30, []string{"共富超市（甸柳店）", "共富超市（燕山店）", "共富超市（姚家店）"}, []string{"历下区共富超市"}, false, []string{"单位结算", "银行转账"}, [2]int{5, 25}},
	{ChannelLivestream, 10, []string{"抖音直播间", "快手直播间"}, []string{"网络订单"}, false, []string{"微信", "支付宝"}, [2]int{10, 40}},
	{ChannelUnitPurchase, 15, []string{"市农业农村局食堂", "齐鲁农旅公司工会"}, []string{"济南市农业农村局", "齐鲁农旅发展有限公司"}, true, []string{"银行转账", "单位结算"}, [2]int{3, 15}},
	{ChannelOther, 5, []string{"村口直销点", "游客采摘"}, []string{"游客"}, false, []string{"现金", "微信"}, [2]int{1, 10}},
}

func (g *demoGen) pickChannel() *demoChannel {
	r := g.rnd.IntN(100)
	for i := range demoChannels {
		if r < demoChannels[i].weight {
			return &demoChannels[i]
		}
		r -= demoChannels[i].weight
	}
	return &demoChannels[0]
}

// makeSales writes opt.Sales lines in events spread over the years, in transactions of about
// 100,000 lines, each audited as one bulk entry per table.
func (g *demoGen) makeSales() error {
	days := int(g.opt.Today.Time().Sub(g.first.Time()).Hours()/24) + 1
	const chunk = 100_000
	left := g.opt.Sales
	for left > 0 {
		n := min(chunk, left)
		if err := g.s.write(func(tx *Tx) error { return g.salesChunk(tx, n, days) }); err != nil {
			return err
		}
		left -= n
	}
	return nil
}

func (g *demoGen) salesChunk(tx *Tx, n, days int) error {
	stmt, err := tx.Prepare(`INSERT INTO sale_events(uuid, date, village_id, channel, place, buyer, payment, consumption_aid, note,
		created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	lines := make([]SaleLine, 0, n)
	events := 0
	var firstEvent, lastEvent int64
	for len(lines) < n {
		if err := g.ctx.Err(); err != nil {
			return err
		}
		ch := g.pickChannel()
		date := g.first.AddDays(g.rnd.IntN(days))
		if ch.channel == ChannelMarketDay { // 逢五排十: market days end in 5 or 0
			if md := MustDate(date.Year(), date.Month(), 5*g.between(1, 5)); !md.After(g.opt.Today) {
				date = md
			}
		}
		v := g.villages[g.rnd.IntN(len(g.villages))]
		place := g.rnd.IntN(len(ch.places))
		buyer := ch.buyers[g.rnd.IntN(len(ch.buyers))]
		if ch.paired {
			buyer = ch.buyers[place]
		}
		res, err := stmt.Exec(NewUUID(), date, v.ID, ch.channel, ch.places[place], buyer, g.pick(ch.payment),
			ch.channel != ChannelOther, "", tx.Stamp(), tx.Stamp())
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		if firstEvent == 0 {
			firstEvent = id
		}
		lastEvent = id
		events++
		k := min(g.between(ch.lines[0], ch.lines[1]), n-len(lines))
		lines = g.eventLines(lines, id, v.ID, date, k)
	}
	if err := tx.Audit("sale_events", 0, "bulk", nil, bulkNote{Source: "demo", Rows: events, FirstID: firstEvent, LastID: lastEvent}); err != nil {
		return err
	}
	return insertSaleLinesBulk(tx, lines, "demo")
}

// eventLines adds k lines of in-season produce sold by the village's sellers; a few busy
// households sell much more than the rest, and some amounts are rounded down (抹零).
func (g *demoGen) eventLines(lines []SaleLine, eventID, villageID int64, date Date, k int) []SaleLine {
	var season []*demoProduct
	for _, p := range g.products {
		if p.inSeason(date.Month()) {
			season = append(season, p)
		}
	}
	sellers := g.sellers[villageID]
	for i := 0; i < k; i++ {
		p := season[g.rnd.IntN(len(season))]
		x := sellers[min(g.rnd.IntN(len(sellers)), g.rnd.IntN(len(sellers)))] // skewed towards the first
		qty := Quantity(g.between(p.qlo, p.qhi)) * 1000
		if p.Unit == "斤" && g.rnd.IntN(3) == 0 {
			qty += 500
		}
		line := SaleLine{EventID: eventID, ProductID: p.ID, SellerID: x.ID, Quantity: qty, Unit: p.Unit, Price: p.price(date.Month(), g.rnd)}
		line.Amount = qty.Times(line.Price)
		if g.rnd.IntN(30) == 0 && line.Amount > 1000 {
			line.Amount, line.AmountTyped = line.Amount/100*100, true
		}
		lines = append(lines, line)
	}
	return lines
}
