package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// demoProjectRun is a project the demo made, with its stage dates, for its 四议两公开 record.
type demoProjectRun struct {
	p      *Project
	dates  []Date // the stages' dates, in order
	final  string
	budget Money
}

// demoMeetings are a village's bodies: how many sit on the branch committee, the two committees,
// the Party members' meeting and the villager representatives' meeting.
type demoMeetings struct{ branch, committees, members, representatives int }

// makeDecisions records the 四议两公开 of each village's projects (立项) and contracts (发包), and
// last year's use of the collective income, taking the steps due by today. The 一肩挑 villages
// (every second one) merge 提议 and 商议. One 党员大会 (the last village's shop front) falls short of
// two thirds, as happens; the pond's letting has no decision, so its contract is flagged. Its own
// random source keeps the rest of the demo as it was.
func (g *demoGen) makeDecisions() error {
	rnd := rand.New(rand.NewPCG(uint64(g.opt.Seed), 0x14))
	for vi, v := range g.villages {
		if err := g.ctx.Err(); err != nil {
			return err
		}
		m := demoMeetings{branch: 5 + rnd.IntN(3), committees: 7 + rnd.IntN(3), members: 26 + rnd.IntN(22), representatives: 35 + rnd.IntN(20)}
		merged := vi%2 == 1
		for _, run := range g.projectRuns {
			if run.p.VillageIDs[0] != v.ID {
				continue
			}
			d := &Decision{VillageID: v.ID, Matter: run.p.Name + "立项", Kind: "项目立项", ProjectID: run.p.ID,
				Source: DecisionSources[rnd.IntN(len(DecisionSources))], Amount: run.budget, Merged: merged}
			var result Date
			if i := slices.Index(Stages, StageAccepted); i < len(run.dates) && run.final != StageTerminated {
				result = run.dates[i].AddDays(3)
			}
			if err := g.decide(rnd, d, m, run.dates[0].AddDays(3), result, false, "项目验收结果及资金使用情况"); err != nil {
				return err
			}
		}
		contracts, err := g.s.ListContracts(ContractFilter{VillageID: v.ID, Sort: "start"}, 0, 100)
		if err != nil {
			return err
		}
		for _, c := range contracts {
			if c.Subject == "村南鱼塘" || c.Payment == PayOnce { // let without a meeting: the register flags it
				continue
			}
			d := &Decision{VillageID: v.ID, Matter: c.Subject + "发包", Kind: "合同发包/租赁", ContractID: c.ID, AssetID: c.AssetID,
				Source: "村干部提议", Amount: c.AnnualRent, Merged: merged}
			short := vi == len(g.villages)-1 && c.Subject == "沿街门面房" // the 党员大会 that fell short
			if err := g.decide(rnd, d, m, c.Start.AddDays(-40), c.Start.AddDays(10), short, "合同签订情况及承包方"); err != nil {
				return err
			}
		}
		year := g.opt.Today.Year() - 1
		if start := MustDate(year+1, 1, 8); year >= g.first.Year() && start.Before(g.opt.Today) {
			d := &Decision{VillageID: v.ID, Matter: fmt.Sprintf("%d年度集体经营收益使用方案", year), Kind: "集体收益使用",
				Source: "村干部提议", Amount: Money(50_000+rnd.IntN(100_000)) * 100, Merged: merged}
			if err := g.decide(rnd, d, m, start, MustDate(year+1, 3, 1), false, "收益使用明细"); err != nil {
				return err
			}
		}
	}
	return nil
}

// decide saves decision d and its steps from the 提议 on day from, each a few days after the other,
// and the 实施结果公开 on day result (zero: none yet); steps after today are not taken yet. With
// short the 党员大会 has fewer than two thirds of the members present.
func (g *demoGen) decide(rnd *rand.Rand, d *Decision, m demoMeetings, from, result Date, short bool, what string) error {
	if from.After(g.opt.Today) {
		return nil
	}
	if err := g.s.SaveDecision(d); err != nil {
		return err
	}
	meeting := func(step string, days, expected int, content string) DecisionStep {
		present := expected - rnd.IntN(max(expected/8, 1)+1)
		against := rnd.IntN(max(present/15, 1) + 1)
		abstain := rnd.IntN(2)
		return DecisionStep{Step: step, Date: from.AddDays(days), Form: "会议", Place: "村党群服务中心", Expected: expected, Present: present,
			For: present - against - abstain, Against: against, Abstain: abstain, Content: content}
	}
	propose := "提议" + d.Matter
	if d.Merged {
		propose += "（书记、主任一肩挑，提议与商议合并进行）"
	}
	steps := []DecisionStep{meeting(StepPropose, 0, m.branch, propose)}
	if !d.Merged {
		steps = append(steps, meeting(StepDiscuss, 3, m.committees, "两委会商议形成初步方案"))
	}
	review := meeting(StepReview, 7, m.members, "党员大会审议方案")
	if short {
		review.Present = m.members*2/3 - 3
		review.For, review.Against, review.Abstain = review.Present-1, 1, 0
		review.Content = "党员大会审议方案（外出务工党员较多）"
	}
	steps = append(steps, review, meeting(StepResolve, 11, m.representatives, "村民代表会议表决"))
	feedback := "无异议"
	if rnd.IntN(4) == 0 {
		feedback = "群众建议加强施工安全和质量监督，已采纳"
	}
	steps = append(steps, DecisionStep{Step: StepPublishResolve, Date: from.AddDays(12), Form: "公开栏", Place: "村务公开栏",
		Days: 7, Content: "决议内容及表决结果", Feedback: feedback})
	if !result.IsZero() && result.After(from.AddDays(12)) {
		steps = append(steps, DecisionStep{Step: StepPublishResult, Date: result, Form: "公开栏、微信群", Place: "村务公开栏、村民微信群",
			Days: 7, Content: what, Feedback: "无异议"})
	}
	for _, st := range steps {
		if st.Date.After(g.opt.Today) {
			return nil
		}
		st.DecisionID = d.ID
		if err := g.s.SaveDecisionStep(&st); err != nil {
			return err
		}
	}
	return nil
}
