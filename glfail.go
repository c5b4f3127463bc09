package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// glLogName is the file beside the database where a failed window start is recorded.
const glLogName = "cunji-gl-error.log"

// glProblem says why no window could be made: no desktop to show it on, or no usable OpenGL 2.1.
type glProblem int

const (
	noDisplay glProblem = iota
	noOpenGL
)

// Fyne reports these only through the standard log, and then panics (GLFW not initialised), hangs
// (window not created) or crashes in C (OpenGL functions missing): the log is the one place to catch them.
var fyneGLFailures = map[string]glProblem{
	"failed to initialise GLFW":   noDisplay,
	"window creation error":       noOpenGL,
	"failed to initialise OpenGL": noOpenGL,
}

// glWatch passes the log through to out and ends the program with a plain explanation as soon as
// Fyne logs one of fyneGLFailures (LogError writes the reason, "  Cause: …", then "  At: …").
type glWatch struct {
	out    io.Writer
	dbPath string

	mu      sync.Mutex
	pending string // a failure reason whose Cause/At lines are still to come
	cause   string
}

func (g *glWatch) Write(p []byte) (int, error) {
	n, err := g.out.Write(p)
	g.mu.Lock()
	defer g.mu.Unlock()
	line := strings.TrimRight(string(p), "\n")
	if _, reason, ok := strings.Cut(line, "Fyne error:  "); ok {
		if _, known := fyneGLFailures[reason]; known {
			g.pending, g.cause = reason, ""
		}
		return n, err
	}
	if g.pending == "" {
		return n, err
	}
	if _, cause, ok := strings.Cut(line, "  Cause: "); ok {
		g.cause = cause
	} else if strings.Contains(line, "  At: ") {
		detail := g.pending
		if g.cause != "" {
			detail += ": " + g.cause
		}
		glFailed(fyneGLFailures[g.pending], detail, g.dbPath)
	}
	return n, err
}

// glFailed records detail in cunji-gl-error.log beside the database, tells the person what to do
// (stderr on Linux, a message box on Windows) and ends the program.
func glFailed(why glProblem, detail, dbPath string) {
	logPath := filepath.Join(filepath.Dir(dbPath), glLogName)
	if err := writeGLLog(logPath, detail); err != nil {
		logPath = ""
	}
	showGLFailure(glMessage(why, detail, logPath))
	os.Exit(1)
}

func writeGLLog(path, detail string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%s 村记 %s (%s/%s): %s (DISPLAY=%q WAYLAND_DISPLAY=%q XDG_SESSION_TYPE=%q SESSIONNAME=%q)\n",
		time.Now().Format(time.RFC3339), version, runtime.GOOS, runtime.GOARCH, detail,
		os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY"), os.Getenv("XDG_SESSION_TYPE"), os.Getenv("SESSIONNAME"))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// glMessage is what the person reads: what happened and what to do, in Chinese, then in English.
func glMessage(why glProblem, detail, logPath string) string {
	var b strings.Builder
	switch why {
	case noDisplay:
		b.WriteString("村记无法打开窗口：没有找到可以显示窗口的图形桌面。\n" +
			"请在电脑的桌面上双击“村记”图标打开它；如果是通过远程连接（远程桌面、SSH 等）使用这台电脑，请在这台电脑本机上打开村记。\n")
		fmt.Fprintf(&b, "命令行功能不需要窗口：cunji %s。\n", strings.ReplaceAll(verbNames(), ", ", " / "))
	default:
		b.WriteString("村记无法打开窗口：这台电脑的显卡驱动不支持 OpenGL 2.1，村记需要它来显示窗口。\n" +
			"请更新显卡驱动（从电脑或显卡厂商的网站下载最新驱动，或请单位的电脑维护人员安装），然后重新打开村记。\n" +
			"如果是通过远程桌面使用这台电脑：远程桌面往往不提供 OpenGL，请在这台电脑本机上打开村记。\n")
	}
	if logPath != "" {
		fmt.Fprintf(&b, "错误详情已记录在：%s\n", logPath)
	}
	fmt.Fprintf(&b, "（错误：%s）\n\n", detail)
	switch why {
	case noDisplay:
		b.WriteString("Cunji cannot open its window: no graphical desktop was found. Open it from the desktop of this PC; " +
			"over a remote connection, run it on the PC itself. The command-line verbs need no window.\n")
	default:
		b.WriteString("Cunji cannot open its window: this PC's graphics driver does not provide OpenGL 2.1. " +
			"Update the graphics driver and open Cunji again; over a remote desktop, run it on the PC itself.\n")
	}
	if logPath != "" {
		fmt.Fprintf(&b, "Details: %s\n", logPath)
	}
	return b.String()
}
