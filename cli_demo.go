package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"cunji/data"
)

func init() { verbs["demo"] = runDemo }

// runDemo is `cunji demo -db PATH [-sales N] [-years Y] [-villages V]`: a new database full of
// realistic demo data. It never overwrites an existing file; stopped by Ctrl+C it leaves nothing.
func runDemo(args []string) int {
	flags := newFlags("cunji demo", "用法：cunji demo -db 演示.db [-sales 5000] [-years 3] [-villages 1]")
	dbPath := flags.String("db", "", "要新建的数据库文件，例如 演示.db（不能是已有文件）")
	sales := flags.Int("sales", 5000, "销售明细行数")
	years := flags.Int("years", 3, "覆盖的年数（今年和之前的年份）")
	villages := flags.Int("villages", 1, "村的个数")
	seed := flags.Int64("seed", 1, "随机种子：相同的种子生成相同的数据")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	if msg := demoArgsProblem(*dbPath, *sales, *years, *villages); msg != "" {
		fmt.Fprintln(os.Stderr, msg)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	err := data.Demo(*dbPath, data.DemoOptions{Sales: *sales, Years: *years, Villages: *villages, Seed: *seed, Context: ctx})
	if err != nil {
		fmt.Fprintln(os.Stderr, demoFailure(err))
		return 1
	}
	fmt.Printf("已生成演示数据库：%s（%d 个村，%d 年，%d 行销售明细），用时 %.1f 秒\n",
		*dbPath, *villages, *years, *sales, time.Since(start).Seconds())
	return 0
}

func demoArgsProblem(path string, sales, years, villages int) string {
	switch {
	case strings.TrimSpace(path) == "":
		return "请用 -db 指定要新建的数据库文件，例如 -db 演示.db"
	case sales < 1 || sales > 10_000_000:
		return fmt.Sprintf("-sales %d 不对：销售明细行数应在 1 到 10000000 之间", sales)
	case years < 1 || years > 20:
		return fmt.Sprintf("-years %d 不对：年数应在 1 到 20 之间", years)
	case villages < 1 || villages > data.MaxDemoVillages:
		return fmt.Sprintf("-villages %d 不对：村的个数应在 1 到 %d 之间", villages, data.MaxDemoVillages)
	}
	return ""
}

func demoFailure(err error) string {
	if errors.Is(err, context.Canceled) {
		return "已中断，没有生成演示数据库，也没有留下临时文件。"
	}
	if data.IsOpenError(err, data.ErrExists) {
		return "文件已经存在，演示数据不会覆盖它。请换一个文件名，例如 -db 演示2.db。\n" + errorPath(err)
	}
	return "生成演示数据失败：" + err.Error()
}

func errorPath(err error) string {
	var oe *data.OpenError
	if errors.As(err, &oe) {
		return "文件：" + oe.Path
	}
	return ""
}
