package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"cunji/data"
)

func init() {
	verbs["pack"] = runPack
	verbs["merge"] = runMerge
}

// runPack is `cunji pack -db PATH -village NAME -out FILE.cunji [-passphrase-file F] [-force]`:
// one village's rows of every ledger in one package for the town (docs/PACKAGE.md).
func runPack(args []string) int {
	flags := newFlags("cunji pack", "用法：cunji pack -db 数据库文件 -village 东泉村 -out 东泉村.cunji [-passphrase-file 密码文件]")
	dbPath := flags.String("db", data.DefaultPath(), "数据库文件路径")
	villageName := flags.String("village", "", "要导出的村（只有一个村时可省略）")
	out := flags.String("out", "", "数据包文件（.cunji）")
	passFile := flags.String("passphrase-file", "", "密码文件：第一行是密码，数据包将加密")
	force := flags.Bool("force", false, "覆盖已有的文件")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	if code := checkOut(*out, ".cunji", "东泉村.cunji", *force); code != 0 {
		return code
	}
	pass, code := readPassphrase(*passFile)
	if code != 0 {
		return code
	}
	st, code := openStore(*dbPath)
	if code != 0 {
		return code
	}
	defer st.Close()
	v, code := chooseVillage(st, *villageName)
	if code != 0 {
		return code
	}
	m, err := st.Pack(v.ID, *out, data.PackOptions{AppVersion: version, Passphrase: pass})
	if err != nil {
		fmt.Fprintln(os.Stderr, "导出数据包失败：", err)
		return 1
	}
	enc := "未加密"
	if pass != "" {
		enc = "已加密"
	}
	fmt.Printf("已导出“%s”的数据包 %s（%s）：销售明细 %d 行，集体收支 %d 笔，项目 %d 个，合同 %d 份，资产 %d 项。\n",
		m.VillageName, *out, enc, m.Counts["sale_lines"], m.Counts["collective_entries"], m.Counts["projects"],
		m.Counts["contracts"], m.Counts["assets"])
	return 0
}

// runMerge is `cunji merge -db TOWN.db [-passphrase-file F] FILE.cunji…`: packages into the town
// database (created when missing), eight to a transaction, each under its own savepoint; one line per
// package once its batch is committed.
func runMerge(args []string) int {
	flags := newFlags("cunji merge", "用法：cunji merge -db 汇总库文件 [-passphrase-file 密码文件] 数据包.cunji…")
	dbPath := flags.String("db", "", "汇总库文件路径（没有时新建）")
	passFile := flags.String("passphrase-file", "", "密码文件：第一行是数据包的密码")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *dbPath == "" || flags.NArg() == 0 {
		flags.Usage()
		return 2
	}
	pass, code := readPassphrase(*passFile)
	if code != 0 {
		return code
	}
	st, err := data.OpenTown(*dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	failed := 0
	st.MergeAll(flags.Args(), pass, func(path string, r data.MergeResult, err error) {
		if err != nil {
			failed++
			fmt.Fprintf(os.Stderr, "%s：%v\n", path, err)
			return
		}
		fmt.Printf("%s：%s\n", path, r.Message())
	})
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "%d 个数据包没有导入（见上），其余已处理。\n", failed)
		return 1
	}
	return 0
}

// readPassphrase reads the first line of a passphrase file ("" when no file is given).
func readPassphrase(path string) (string, int) {
	if path == "" {
		return "", 0
	}
	b, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "读不了密码文件“%s”：%v\n", path, err)
		return "", 1
	}
	pass, _, _ := strings.Cut(string(b), "\n")
	pass = strings.TrimSuffix(pass, "\r")
	if pass == "" {
		fmt.Fprintln(os.Stderr, errors.New("密码文件的第一行是空的，请在第一行写上密码。"))
		return "", 2
	}
	return pass, 0
}
