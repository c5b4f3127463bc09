package main

import (
	"os"
	"testing"
)

func TestVersionFromEmbeddedFyneAppTOML(t *testing.T) {
	raw, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := versionFrom(string(raw))
	if want == "dev" {
		t.Fatalf("FyneApp.toml has no Version line")
	}
	// The test binary is a plain `go build` without -X: the version must still be the real one.
	if version != want {
		t.Fatalf("version %q, FyneApp.toml says %q", version, want)
	}
	if got := versionFrom("[Details]\nName = \"x\"\n"); got != "dev" {
		t.Fatalf("no Version line gives %q, want dev", got)
	}
}
