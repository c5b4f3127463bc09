package kit_test

import (
	"testing"

	"cunji/app/kit"
	"cunji/app/kit/kittest"
)

// A load asked for while one runs drops the running one's result and reads again once it ends.
func TestLoaderReadsOnceMoreForTheLatestChoice(t *testing.T) {
	run := &kittest.Runner{}
	var shown []int
	l := kit.NewLoader(run, func(v int, err error) { shown = append(shown, v) })
	run.Hold()
	l.Load(func() (int, error) { return 1, nil })
	l.Load(func() (int, error) { return 2, nil })
	l.Load(func() (int, error) { return 3, nil })
	if run.Waiting() != 1 {
		t.Fatalf("%d reads started at once", run.Waiting())
	}
	run.Release()
	if len(shown) != 1 || shown[0] != 3 {
		t.Fatalf("shown %v, want the latest choice only", shown)
	}
	l.Load(func() (int, error) { return 4, nil })
	if len(shown) != 2 || shown[1] != 4 {
		t.Fatalf("shown %v", shown)
	}
}
