//go:build !(linux || darwin || freebsd)

package report

import "os"

// maxRSS is not measured on this platform.
func maxRSS(*os.ProcessState) (int64, bool) { return 0, false }
