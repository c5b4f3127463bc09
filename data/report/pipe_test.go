package report

import (
	"errors"
	"testing"
)

func TestPipeDeliversInOrderAndStopsOnError(t *testing.T) {
	const n = 3*pipeBatch + 7
	produce := func(each func(int) error) error {
		for i := range n {
			if err := each(i); err != nil {
				return err
			}
		}
		return nil
	}
	next := 0
	err := pipe(produce, func(i int) error {
		if i != next {
			t.Fatalf("got %d, want %d", i, next)
		}
		next++
		return nil
	})
	if err != nil || next != n {
		t.Fatalf("%d rows, %v", next, err)
	}

	boom := errors.New("disk full")
	seen := 0
	err = pipe(produce, func(i int) error {
		seen++
		if i == pipeBatch+3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || seen != pipeBatch+4 {
		t.Fatalf("consumer error: %v after %d rows", err, seen)
	}

	bad := errors.New("database locked")
	err = pipe(func(each func(int) error) error {
		for i := range pipeBatch + 1 {
			if err := each(i); err != nil {
				return err
			}
		}
		return bad
	}, func(int) error { return nil })
	if !errors.Is(err, bad) {
		t.Fatalf("producer error: %v", err)
	}
}
