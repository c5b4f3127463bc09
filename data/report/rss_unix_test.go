//go:build linux || darwin || freebsd

package report

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSS is the peak resident set size of a finished process, in bytes.
func maxRSS(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	if runtime.GOOS == "darwin" {
		return ru.Maxrss, true // bytes on macOS
	}
	return ru.Maxrss * 1024, true // kilobytes elsewhere
}
