package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// ErrNotEmpty is FillDemo's refusal to mix the demo ledger into real records.
var ErrNotEmpty = errors.New("数据库里已经有村庄，不能再载入演示数据")

// FillDemo fills this open store, which must hold no village yet, with the same demo ledger
// Demo writes into a new file (the welcome's “载入演示数据”, so a newcomer sees a living app
// without restarting). Villages, partner units, projects, collective entries and sales all go
// through the usual store methods and notify subscribers.
func (s *Store) FillDemo(opt DemoOptions) error {
	opt.defaults()
	if opt.Villages > MaxDemoVillages {
		return fmt.Errorf("演示数据最多 %d 个村", MaxDemoVillages)
	}
	empty, err := s.IsEmpty()
	if err != nil {
		return err
	}
	if !empty {
		return ErrNotEmpty
	}
	g := &demoGen{s: s, opt: opt, rnd: rand.New(rand.NewPCG(uint64(opt.Seed), 0x5eed)),
		first: YearPeriod(opt.Today.Year() - opt.Years + 1).From}
	return g.run()
}
