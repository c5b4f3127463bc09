package main

import (
	_ "embed"
	"regexp"
)

// fyneAppTOML is the one place the version lives; embedding it gives a plain `go build` the real version.
//
//go:embed FyneApp.toml
var fyneAppTOML string

var tomlVersion = regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]+)"`)

// versionFrom reads [Details] Version from FyneApp.toml's text; "dev" when it has none.
func versionFrom(toml string) string {
	if m := tomlVersion.FindStringSubmatch(toml); m != nil {
		return m[1]
	}
	return "dev"
}
