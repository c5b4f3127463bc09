// Command cunji is 村记, a ledger for village first secretaries. Without a verb it opens the window;
// verbs (demo, summary, export, disclose) work on a database from the command line.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"sort"
	"strings"

	fyneapp "fyne.io/fyne/v2/app"

	"cunji/app"
	_ "cunji/app/locale" // must initialize before Fyne reads the locale
	"cunji/data"
)

// version comes from the embedded FyneApp.toml (packaging may also stamp it with -X main.version=…).
var version = versionFrom(fyneAppTOML)

// appID names the preferences store (window size, language) and must match FyneApp.toml.
const appID = "cn.cunji.app"

// verbs are the command-line sub-commands; each returns the process exit code.
var verbs = map[string]func(args []string) int{}

func main() {
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		verb, ok := verbs[os.Args[1]]
		if !ok {
			fmt.Fprintf(os.Stderr, "未知的命令 %q。可用的命令：%s\n", os.Args[1], verbNames())
			os.Exit(2)
		}
		os.Exit(verb(os.Args[2:]))
	}
	os.Exit(runWindow(os.Args[1:]))
}

func verbNames() string {
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func runWindow(args []string) int {
	fs := flag.NewFlagSet("cunji", flag.ContinueOnError)
	dbPath := fs.String("db", data.DefaultPath(), "数据库文件路径")
	showVersion := fs.Bool("version", false, "显示版本号")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *showVersion {
		fmt.Println("cunji", version)
		return 0
	}
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		glFailed(noDisplay, "DISPLAY and WAYLAND_DISPLAY are not set", *dbPath)
	}
	// a window Fyne cannot create (no display, no OpenGL 2.1) shows up in its log first
	log.SetOutput(&glWatch{out: os.Stderr, dbPath: *dbPath})
	a := fyneapp.NewWithID(appID)
	if err := app.SetupLanguage(a.Preferences().StringWithFallback(app.PrefLanguage, app.LangChinese)); err != nil {
		log.Println("translations:", err)
	}
	var shown *data.Store // the store open when the window closes: st, the demo, or a restored ledger
	st, err := data.Open(*dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		if shown = app.RunStartupError(a, err, version); shown == nil {
			return 1
		}
	} else {
		shown = app.Run(a, st, version)
	}
	if err := shown.Close(); err != nil {
		log.Println(err)
	}
	return 0
}
