package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"cunji/data"
)

func init() { verbs["restore"] = runRestore }

// runRestore is `cunji restore -db PATH -from BACKUP [-force]`. Without -force it shows what the
// database holds and what the backup holds, and exits 1 having changed nothing; with -force the
// backup is checked and replaces the database, which is first kept as a 恢复前 backup.
func runRestore(args []string) int {
	flags := newFlags("cunji restore", "用法：cunji restore -db 数据库文件 -from 备份文件 [-force]\n不加 -force 时只列出会被替换的内容，不做改动。")
	dbPath := flags.String("db", data.DefaultPath(), "要恢复的数据库文件路径")
	from := flags.String("from", "", "用来恢复的备份文件")
	force := flags.Bool("force", false, "确认替换数据库（原来的数据库先另存到备份文件夹）")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	if strings.TrimSpace(*from) == "" {
		fmt.Fprintln(os.Stderr, "请用 -from 指定用来恢复的备份文件。"+backupChoices(*dbPath))
		return 2
	}
	p, err := data.PreviewRestore(*dbPath, *from)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("数据库：" + describeDatabase(p.Current))
	fmt.Println("备份：  " + describeDatabase(p.Backup))
	if !*force {
		fmt.Fprintln(os.Stderr, "没有恢复，什么也没有改动。确认要用这份备份替换数据库，请加 -force：原来的数据库会先另存到备份文件夹（文件名以“恢复前”结尾）。")
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := data.RestoreBackup(ctx, *dbPath, *from)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("已用备份恢复了数据库。")
	if res.KeptAs != "" {
		fmt.Println("原来的数据库另存为：" + res.KeptAs)
	}
	if res.AuditProblem != "" {
		fmt.Fprintln(os.Stderr, "注意：这份备份的操作日志与台账对不上（已照常恢复，村记每天的检查会继续提示）："+res.AuditProblem)
	}
	return 0
}

// describeDatabase is one line on what a database file holds, or why it could not be read.
func describeDatabase(b data.BackupInfo) string {
	switch {
	case data.IsOpenError(b.Problem, data.ErrMissing):
		return b.Path + "（还不存在，将由备份新建）"
	case b.Problem != nil:
		return b.Path + "（无法读取：" + strings.SplitN(b.Problem.Error(), "\n", 2)[0] + "）"
	}
	changed := "没有修改记录"
	if !b.LastChange.IsZero() {
		changed = "最后修改于 " + b.LastChange.Local().Format("2006-01-02 15:04")
	}
	return fmt.Sprintf("%s（%s，%s）：项目 %s 个，销售明细 %s 行，集体收支 %s 笔",
		b.Path, sizeText(b.Size), changed, thousands(b.Projects), thousands(b.SaleLines), thousands(b.Entries))
}

// backupChoices names the database's newest backups, to copy into -from.
func backupChoices(dbPath string) string {
	list, err := data.ListBackups(dbPath)
	if err != nil || len(list) == 0 {
		return "这个数据库还没有备份。"
	}
	lines := []string{"这个数据库最近的备份："}
	for i, b := range list {
		if i == 5 {
			break
		}
		lines = append(lines, "  "+b.Path)
	}
	return "\n" + strings.Join(lines, "\n")
}

// thousands writes n with commas: 1,000,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sizeText is a file size for people: 812 KB, 202.5 MB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}
