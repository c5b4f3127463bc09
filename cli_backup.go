package main

import (
	"fmt"
	"os"

	"cunji/data"
)

func init() { verbs["backup"] = runBackup }

// runBackup is `cunji backup -db PATH`: a consistent, checked copy in the backup folder beside
// the database, now. It prints the copy's path alone, so scripts can use it.
func runBackup(args []string) int {
	flags := newFlags("cunji backup", "用法：cunji backup -db 数据库文件\n在数据库旁边的 backups 文件夹里立即做一份检查过的备份，并输出它的路径。")
	dbPath := flags.String("db", data.DefaultPath(), "数据库文件路径")
	if code := parseFlags(flags, args); code != 0 {
		return code
	}
	st, code := openStore(*dbPath)
	if code != 0 {
		return code
	}
	defer st.Close()
	path, err := st.BackupNow()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(path)
	return 0
}
