package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"cunji/data"
	"cunji/data/report"
)

func init() { verbs["disclose"] = runDisclose }

// runDisclose is `cunji disclose -db PATH -period 2025Q3|2025-07|2025 [-village NAME] -out FILE.pdf [-force]`:
// the 村务公开表 of one village for the notice board.
func runDisclose(args []string) int {
	flags := newFlags("cunji disclose", "用法：cunji disclose -db 数据库文件 -period 2025Q3 [-village 村名] -out 村务公开表-东泉村-2025年第三季度.pdf [-force]")
	dbPath := flags.String("db", data.DefaultPath(), "数据库文件路径")
	periodText := flags.String("period", "", "公开期间：2025（全年）、2025Q3（季度）、2025-07（月份）或 2025-01-01..2025-03-31")
	villageName := flags.String("village", "", "村名（数据库里只有一个村时可省略）")
	out := flags.String("out", "", "保存到的 PDF 文件，例如 村务公开表-东泉村-2025年第三季度.pdf")
	force := flags.Bool("force", false, "文件已存在时覆盖它")
	note := flags.String("note", "", "印在“说明”一栏的文字（不写则留空线手写）")
	dateText := flags.String("date", "", "公开日期，例如 2025-10-08（默认今天）")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	if strings.TrimSpace(*periodText) == "" {
		fmt.Fprintln(os.Stderr, "请用 -period 指定公开期间，例如 -period 2025Q3（季度）、-period 2025-07（月份）或 -period 2025（全年）")
		return 2
	}
	period, err := data.ParsePeriod(*periodText)
	if err != nil {
		fmt.Fprintf(os.Stderr, "期间“%s”不对：%s\n", *periodText, chineseMessage(err))
		return 2
	}
	var opts report.DisclosureOptions
	opts.Note = *note
	if strings.TrimSpace(*dateText) != "" {
		if opts.Date, err = data.ParseDate(*dateText); err != nil {
			fmt.Fprintf(os.Stderr, "公开日期“%s”不对：%s\n", *dateText, chineseMessage(err))
			return 2
		}
	}
	if code := checkOut(*out, ".pdf", "村务公开表-东泉村-2025年第三季度.pdf", *force); code != 0 {
		return code
	}
	st, code := openStore(*dbPath)
	if code != 0 {
		return code
	}
	defer st.Close()
	village, code := chooseVillage(st, *villageName)
	if code != 0 {
		return code
	}
	if today := data.Today(); period.From.After(today) {
		fmt.Fprintf(os.Stderr, "注意：%s还没有开始，公开表里没有任何收支。\n", period.Chinese())
	}
	err = saveReport(*out, *force, func(w io.Writer) error {
		return report.Disclosure(st, period, village.ID, w, opts)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("已生成%s%s村务公开表：%s\n", village.Name, period.Chinese(), *out)
	return 0
}

// chineseMessage is a field error's Chinese text without its field prefix.
func chineseMessage(err error) string {
	var fe *data.FieldError
	if errors.As(err, &fe) && fe.Msg != "" {
		return fe.Msg
	}
	return err.Error()
}
