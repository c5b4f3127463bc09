//go:build !windows

package main

import "os"

// showGLFailure writes msg to stderr, where a program started from a terminal or a desktop's log shows it.
func showGLFailure(msg string) { os.Stderr.WriteString(msg) }
