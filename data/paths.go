package data

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is where the database lives unless -db says otherwise:
// %AppData%\Cunji\cunji.db on Windows, $XDG_DATA_HOME/cunji/cunji.db (~/.local/share/cunji) elsewhere.
func DefaultPath() string {
	if runtime.GOOS == "windows" {
		if dir := os.Getenv("APPDATA"); dir != "" {
			return filepath.Join(dir, "Cunji", "cunji.db")
		}
	}
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "cunji", "cunji.db")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "cunji.db"
	}
	return filepath.Join(home, ".local", "share", "cunji", "cunji.db")
}
