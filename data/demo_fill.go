package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
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
	defer s.holdNotices()()
	g := &demoGen{s: s, opt: opt, ctx: opt.Context, rnd: rand.New(rand.NewPCG(uint64(opt.Seed), 0x5eed)),
		first: YearPeriod(opt.Today.Year() - opt.Years + 1).From}
	return g.run()
}

// holdNotices keeps change notices from subscribers until the returned func runs, which then
// sends one Change naming every table written meanwhile. The demo writes row by row; without
// this every open screen would reload after each of its thousands of writes.
func (s *Store) holdNotices() (release func()) {
	const collector = -1 // Subscribe hands out ids from 0
	var mu sync.Mutex
	changed := map[string]bool{}
	s.subMu.Lock()
	held := s.subs
	s.subs = map[int]func(Change){collector: func(c Change) {
		mu.Lock()
		defer mu.Unlock()
		for _, t := range c.Tables {
			changed[t] = true
		}
	}}
	s.subMu.Unlock()
	return func() {
		s.subMu.Lock()
		for id, fn := range s.subs { // subscribed while held
			if id != collector {
				held[id] = fn
			}
		}
		s.subs = held
		s.subMu.Unlock()
		mu.Lock()
		tables := make([]string, 0, len(changed))
		for t := range changed {
			tables = append(tables, t)
		}
		mu.Unlock()
		if len(tables) > 0 {
			sort.Strings(tables)
			s.notify(Change{Tables: tables})
		}
	}
}
