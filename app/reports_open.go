package app

import (
	"net/url"
	"path/filepath"
	"strings"
)

// fileURL is the file:// address of a local path, as the system viewer wants it
// (C:\Users\x.pdf becomes file:///C:/Users/x.pdf).
func fileURL(path string) *url.URL {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
