//go:build !windows && !linux

package data

import "golang.org/x/sys/unix"

// Without open-file-description locks the classic lock is the best there is; these systems are not shipped.
const setLockCmd = unix.F_SETLK
