package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"cunji/data"
	"cunji/data/report"
)

// What the verbs share: their flag set, opening the database, the -village choice and the
// -out file that is never overwritten without -force.

// newFlags is a verb's flag set; errors and usage (the line given, then the flags) go to stderr.
func newFlags(name, usage string) *flag.FlagSet {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(os.Stderr)
	flags.Usage = func() {
		fmt.Fprintln(os.Stderr, usage)
		flags.PrintDefaults()
	}
	return flags
}

// parseFlags parses args and refuses arguments left over; it returns the exit code (0 when fine).
func parseFlags(flags *flag.FlagSet, args []string) int {
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "多余的参数：%s\n", strings.Join(flags.Args(), " "))
		return 2
	}
	return 0
}

// openStore opens an existing database, printing the problem and returning exit code 1 when it cannot.
func openStore(path string) (*data.Store, int) {
	st, err := data.OpenExisting(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return nil, 1
	}
	return st, 0
}

// chooseVillage finds the named village, or the only one when no name is given.
func chooseVillage(st *data.Store, name string) (*data.Village, int) {
	villages, err := st.Villages()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return nil, 1
	}
	names := make([]string, len(villages))
	for i, v := range villages {
		names[i] = v.Name
	}
	if strings.TrimSpace(name) != "" {
		v, err := st.VillageByName(name)
		if errors.Is(err, data.ErrNotFound) {
			fmt.Fprintf(os.Stderr, "数据库里没有名为“%s”的村。已有的村：%s\n", name, strings.Join(names, "、"))
			return nil, 2
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return nil, 1
		}
		return v, 0
	}
	switch len(villages) {
	case 0:
		fmt.Fprintln(os.Stderr, "数据库里还没有村，请先在“设置”里添加村，再记账。")
		return nil, 1
	case 1:
		return &villages[0], 0
	}
	fmt.Fprintf(os.Stderr, "数据库里有 %d 个村（%s），请用 -village 指定是哪个村，例如 -village %s\n",
		len(villages), strings.Join(names, "、"), names[0])
	return nil, 2
}

// checkYear reads the four digits of a -year flag (s as typed is what a complaint quotes).
func checkYear(digits, s string) (int, error) {
	y, err := strconv.Atoi(digits)
	if err != nil || len(digits) != 4 {
		return 0, fmt.Errorf("年份“%s”不对，请写四位数的年份，例如 -year 2025", s)
	}
	if y < data.MinYear || y > data.MaxYear {
		return 0, fmt.Errorf("年份%d不在%d到%d之间，请检查年份", y, data.MinYear, data.MaxYear)
	}
	return y, nil
}

// notOverwritten is the refusal to replace an existing -out file.
func notOverwritten(path string) string {
	return fmt.Sprintf("文件“%s”已经存在，没有覆盖。要覆盖它请加 -force，或换一个文件名。", path)
}

// checkOut validates the -out flag: given, with the right extension, and not an existing
// file unless -force. It prints the problem and returns the exit code (0 when fine).
func checkOut(out, ext, example string, force bool) int {
	if out == "" {
		fmt.Fprintf(os.Stderr, "请用 -out 指定要保存的文件，例如 -out %s\n", example)
		return 2
	}
	if !strings.EqualFold(filepath.Ext(out), ext) {
		fmt.Fprintf(os.Stderr, "要保存的文件“%s”应以 %s 结尾，例如 -out %s\n", out, ext, example)
		return 2
	}
	info, err := os.Stat(out)
	switch {
	case err == nil && info.IsDir():
		fmt.Fprintf(os.Stderr, "“%s”是一个文件夹，请给出文件名，例如 -out %s\n", out, filepath.Join(out, example))
		return 2
	case err == nil && !force:
		fmt.Fprintln(os.Stderr, notOverwritten(out))
		return 1
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(os.Stderr, "无法访问“%s”：%v\n", out, err)
		return 1
	}
	if dir, err := os.Stat(filepath.Dir(out)); err != nil || !dir.IsDir() {
		fmt.Fprintf(os.Stderr, "文件夹“%s”不存在，请先建好它或换一个位置。\n", filepath.Dir(out))
		return 1
	}
	return 0
}

// saveReport writes a report file through report.WriteFile; Ctrl+C stops it cleanly (no
// half-written or temporary file is left) and the refusal to overwrite names -force.
func saveReport(path string, force bool, write func(w io.Writer) error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := report.WriteFile(ctx, path, force, write)
	if errors.Is(err, report.ErrFileExists) {
		return errors.New(notOverwritten(path))
	}
	return err
}
