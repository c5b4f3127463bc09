package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// freeDisplay returns an X display number that no server uses.
func freeDisplay() int {
	d := 120
	for ; ; d++ {
		_, e1 := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", d))
		_, e2 := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", d))
		if errors.Is(e1, os.ErrNotExist) && errors.Is(e2, os.ErrNotExist) {
			return d
		}
	}
}

// startXvfb starts an X server on a free display with extra arguments and returns its DISPLAY.
func startXvfb(t *testing.T, args ...string) string {
	t.Helper()
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Fatal("this test needs Xvfb (`make test` installs the xvfb package):", err)
	}
	d := freeDisplay()
	cmd := exec.Command(xvfb, append([]string{fmt.Sprintf(":%d", d), "-screen", "0", "1024x768x24", "-nolisten", "tcp"}, args...)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", d)); err == nil {
			return fmt.Sprintf(":%d", d)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("Xvfb did not start")
	return ""
}

// runWindowChild runs this test binary as `cunji -db DB` with env; it is stopped if it hangs.
func runWindowChild(t *testing.T, env ...string) (db string, stderr string, err error) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "cunji.db")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-db", db)
	cmd.Env = append([]string{"CUNJI_CLI_CHILD=1", "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	var buf bytes.Buffer
	cmd.Stderr = &buf
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("cunji did not end by itself with no usable window (it hung); it wrote:\n%s", buf.String())
	}
	return db, buf.String(), err
}

// checkGLFailure checks the exit code, the message and the log file beside the database.
func checkGLFailure(t *testing.T, db, stderr string, err error, wantMsg []string, wantLog string) {
	t.Helper()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("exit: %v, want exit status 1", err)
	}
	if strings.Contains(stderr, "panic:") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("cunji crashed instead of explaining:\n%s", stderr)
	}
	logPath := filepath.Join(filepath.Dir(db), glLogName)
	for _, want := range append(wantMsg, logPath) {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	b, rerr := os.ReadFile(logPath)
	if rerr != nil {
		t.Fatalf("no %s beside the database: %v", glLogName, rerr)
	}
	if !strings.Contains(string(b), wantLog) {
		t.Errorf("%s lacks %q:\n%s", glLogName, wantLog, b)
	}
}

func TestNoOpenGLSaysWhatToDoAndLogsTheError(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses Xvfb")
	}
	display := startXvfb(t, "-extension", "GLX") // an X server without OpenGL, like a bare remote desktop
	db, stderr, err := runWindowChild(t, "DISPLAY="+display)
	checkGLFailure(t, db, stderr, err,
		[]string{"村记无法打开窗口", "不支持 OpenGL 2.1", "请更新显卡驱动", "请在这台电脑本机上打开村记"},
		"window creation error: APIUnavailable: GLX: GLX extension not found")
}

func TestOpenGLOlderThan21SaysWhatToDoAndLogsTheError(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses Xvfb and Mesa")
	}
	display := startXvfb(t)
	// Mesa's software renderer posing as an OpenGL 1.4 driver, like an old PC's
	db, stderr, err := runWindowChild(t, "DISPLAY="+display, "LIBGL_ALWAYS_SOFTWARE=1", "MESA_GL_VERSION_OVERRIDE=1.4")
	checkGLFailure(t, db, stderr, err,
		[]string{"村记无法打开窗口", "不支持 OpenGL 2.1", "请更新显卡驱动", "请在这台电脑本机上打开村记"},
		"window creation error: VersionUnavailable")
}

func TestUnreachableDisplaySaysWhatToDoAndLogsTheError(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses X11")
	}
	db, stderr, err := runWindowChild(t, fmt.Sprintf("DISPLAY=:%d", freeDisplay()))
	checkGLFailure(t, db, stderr, err,
		[]string{"村记无法打开窗口", "没有找到可以显示窗口的图形桌面", "请在这台电脑本机上打开村记"},
		"failed to initialise GLFW")
}

func TestNoDisplaySetSaysWhatToDoAndLogsIt(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("DISPLAY is an X11 matter")
	}
	db, stderr, err := runWindowChild(t) // neither DISPLAY nor WAYLAND_DISPLAY
	checkGLFailure(t, db, stderr, err,
		[]string{"村记无法打开窗口", "没有找到可以显示窗口的图形桌面", "cunji " + strings.ReplaceAll(verbNames(), ", ", " / ")},
		"DISPLAY and WAYLAND_DISPLAY are not set")
}
