package data

import (
	"errors"
	"path/filepath"
	"strings"
)

// FieldError says which input field is wrong and why. Msg is Chinese (shown to users);
// Key is a translation key (assets/translations, under "err.").
type FieldError struct {
	Field string
	Key   string
	Msg   string
}

func (e *FieldError) Error() string { return e.Msg }

// ValidationError collects every FieldError of one save, so a form can mark them all at once.
type ValidationError struct {
	Fields []*FieldError
}

func (v *ValidationError) Error() string {
	msgs := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		msgs[i] = f.Msg
	}
	return strings.Join(msgs, "；")
}

// Add records a problem with one field.
func (v *ValidationError) Add(field, key, msg string) {
	v.Fields = append(v.Fields, &FieldError{Field: field, Key: key, Msg: msg})
}

// AddErr records a parser's FieldError under the given field; other errors keep their text.
func (v *ValidationError) AddErr(field string, err error) {
	var fe *FieldError
	if errors.As(err, &fe) {
		v.Add(field, fe.Key, fe.Msg)
		return
	}
	v.Add(field, "err.invalid", err.Error())
}

// Err returns v when it holds problems, else nil.
func (v *ValidationError) Err() error {
	if v == nil || len(v.Fields) == 0 {
		return nil
	}
	return v
}

// For returns the problem recorded for a field, or nil.
func (v *ValidationError) For(field string) *FieldError {
	for _, f := range v.Fields {
		if f.Field == field {
			return f
		}
	}
	return nil
}

// OpenError explains why a database file was refused. The file is never modified when this is returned.
type OpenError struct {
	Kind OpenErrorKind
	Path string
	Err  error // underlying cause, may be nil
}

// OpenErrorKind names the reason a database file could not be used.
type OpenErrorKind int

const (
	ErrNotSQLite OpenErrorKind = iota + 1 // the file is not a SQLite database
	ErrForeign                            // a SQLite database of another program
	ErrReadOnly                           // the file or its folder cannot be written
	ErrLocked                             // another running copy of 村记 has it open
	ErrCorrupt                            // the database fails its integrity check
	ErrTooNew                             // made by a newer version of 村记
	ErrMissing                            // the file does not exist (CLI verbs)
	ErrExists                             // the file exists but a new one was asked for
	ErrDiskFull                           // no space left on the disk
	ErrOther                              // anything else while opening
)

// Key is the translation key of the kind's message.
func (k OpenErrorKind) Key() string {
	return [...]string{"", "err.open.notsqlite", "err.open.foreign", "err.open.readonly", "err.open.locked",
		"err.open.corrupt", "err.open.toonew", "err.open.missing", "err.open.exists", "err.open.diskfull", "err.open.other"}[k]
}

func (k OpenErrorKind) chinese() string {
	return [...]string{"",
		"这个文件不是村记的数据库（也不是 SQLite 数据库）。请检查是否选错了文件。文件没有被改动。",
		"这个文件是其他软件的数据库，不是村记的台账。为保护它，村记不会打开或改动它。请选择村记的数据库文件。",
		"数据库文件或所在文件夹是只读的，村记无法保存数据。请把文件复制到可写的位置（例如“文档”文件夹），或去掉文件的只读属性后再打开。",
		"另一个村记窗口正在使用这个数据库。请先关闭那个窗口，再打开这里；两个窗口同时写同一个台账会造成混乱。",
		"数据库文件已损坏，村记不会继续写入它。请关闭村记，把损坏的文件改名保存（留给技术人员查看），再把备份文件夹中最近的一份备份复制过来，改成原来的文件名。",
		"这个数据库是新版本的村记建立的，当前版本无法安全打开。请安装最新版本的村记。",
		"数据库文件不存在。请检查路径是否正确。",
		"文件已经存在，村记不会覆盖它。请换一个文件名。",
		"磁盘空间已满，数据无法保存。请清理磁盘空间后重试；已保存的数据没有丢失。",
		"无法打开数据库。",
	}[k]
}

func (e *OpenError) Error() string {
	msg := e.Kind.chinese()
	if e.Path != "" {
		msg += "\n文件：" + e.Path
	}
	if e.Kind == ErrCorrupt && e.Path != "" {
		msg += restoreHint(backupDir(e.Path), newestBackup(e.Path))
	}
	if e.Err != nil && (e.Kind == ErrOther || e.Kind == ErrCorrupt) {
		msg += "\n技术详情：" + e.Err.Error()
	}
	return msg
}

// restoreHint names the backup folder and the newest copy in it ("" when none).
func restoreHint(dir, newest string) string {
	if newest == "" {
		return "\n备份文件夹：" + dir + "\n（这个文件夹里还没有备份。）"
	}
	return "\n备份文件夹：" + dir + "\n最近的备份：" + newest
}

// newestBackup is the file name of the database's most recent backup, "" when there is none.
func newestBackup(dbPath string) string {
	if list, _ := backupsOf(dbPath); len(list) > 0 {
		return filepath.Base(list[0])
	}
	return ""
}

func (e *OpenError) Unwrap() error { return e.Err }

// IntegrityError is damage SQLite's integrity_check found in the open database, with the way to restore.
type IntegrityError struct {
	Path         string   // the database file
	BackupDir    string   // where its backups are
	NewestBackup string   // file name of the newest backup, "" when none
	Problems     []string // the check's own lines, for a technician
}

func (e *IntegrityError) Error() string {
	return "数据完整性检查发现数据库文件有损坏。请先不要继续录入，以免损失扩大：关闭村记，把这个文件改名保存（留给技术人员查看），" +
		"再把备份文件夹中最近的一份备份复制过来，改成原来的文件名，然后重新打开村记。\n文件：" + e.Path +
		restoreHint(e.BackupDir, e.NewestBackup) + "\n技术详情：" + strings.Join(e.Problems, "；")
}

// IsOpenError reports whether err is an OpenError of the given kind.
func IsOpenError(err error, kind OpenErrorKind) bool {
	var oe *OpenError
	return errors.As(err, &oe) && oe.Kind == kind
}
