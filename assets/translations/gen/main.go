// Command gen writes assets/translations/errors.{zh-CN,en}.json from data/keys_*.txt and the
// open-error messages, so the window can translate every message key the data layer returns.
// Run from the module root: go run ./assets/translations/gen
package main

import (
	"bufio"
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"strings"
)

var openErrors = [][3]string{
	{"err.open.notsqlite", "这个文件不是村记的数据库", "This file is not a Cunji database (nor any SQLite database). Check that you chose the right file. The file was not changed."},
	{"err.open.foreign", "这个文件是其他软件的数据库", "This file is another program's database, not a Cunji ledger. To protect it, Cunji will not open or change it."},
	{"err.open.readonly", "数据库文件是只读的", "The database file or its folder is read-only, so Cunji cannot save. Copy the file to a writable place (e.g. Documents) or clear its read-only attribute."},
	{"err.open.locked", "另一个村记窗口正在使用这个数据库", "Another Cunji window is using this database. Close that window first; two windows writing one ledger would cause confusion."},
	{"err.open.corrupt", "数据库文件已损坏", "The database file is damaged; Cunji will not write to it. Restore the most recent daily backup (see the backup folder in Settings)."},
	{"err.open.toonew", "数据库是新版本的村记建立的", "This database was made by a newer version of Cunji. Please install the latest version."},
	{"err.open.missing", "数据库文件不存在", "The database file does not exist. Check the path."},
	{"err.open.exists", "文件已经存在", "The file already exists; Cunji will not overwrite it. Choose another name."},
	{"err.open.diskfull", "磁盘空间已满", "The disk is full and nothing could be saved. Free some space and try again; saved data is not lost."},
	{"err.open.other", "无法打开数据库", "Cannot open the database."},
}

func main() {
	zh, en := map[string]string{}, map[string]string{}
	for _, e := range openErrors {
		zh[e[0]], en[e[0]] = e[1], e[2]
	}
	files, err := filepath.Glob("data/keys_*.txt")
	if err != nil || len(files) == 0 {
		log.Fatal("run from the module root: no data/keys_*.txt")
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			parts := strings.Split(sc.Text(), "\t")
			if len(parts) == 3 {
				zh[parts[0]], en[parts[0]] = parts[1], parts[2]
			}
		}
		f.Close()
	}
	write("assets/translations/errors.zh-CN.json", zh)
	write("assets/translations/errors.en.json", en)
}

func write(path string, m map[string]string) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}
