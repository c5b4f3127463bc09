//go:build windows

package data

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive, non-blocking lock on lockByte of f; errLockHeld when another holder has it.
// Windows locks are mandatory, so the byte must be one SQLite never reads or writes.
func lockFile(f *os.File) error {
	ol := &windows.Overlapped{Offset: uint32(lockByte & 0xffffffff), OffsetHigh: uint32(lockByte >> 32)}
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLockHeld
	}
	return err
}
