package data

import "golang.org/x/sys/unix"

// An open-file-description lock belongs to our descriptor alone: SQLite closing its own descriptors
// of the file cannot drop it, as it would drop a classic POSIX lock of the process.
const setLockCmd = unix.F_OFD_SETLK
