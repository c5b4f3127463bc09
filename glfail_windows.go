package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// showGLFailure shows msg in a message box: a GUI program on Windows has no console to write to.
func showGLFailure(msg string) {
	text, err := windows.UTF16PtrFromString(msg)
	if err != nil {
		os.Stderr.WriteString(msg)
		return
	}
	title, _ := windows.UTF16PtrFromString("村记")
	windows.MessageBox(0, text, title, windows.MB_OK|windows.MB_ICONERROR|windows.MB_SETFOREGROUND)
}
