package data

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"time"
)

// Setting keys the app uses.
const (
	SettingSecretary = "secretary_name" // the first secretary's name, printed on sheets
	SettingUnit      = "sending_unit"   // 派出单位
	SettingLanguage  = "language"       // zh-CN or en

	SettingSecondBackupDir    = "second_backup_dir"    // a second folder (USB stick, shared drive) that gets each daily backup
	SettingSecondBackupLast   = "second_backup_last"   // when a daily backup was last copied there (RFC3339 UTC)
	SettingSecondBackupMissed = "second_backup_missed" // when a copy was last due and the folder was absent (RFC3339 UTC)
)

// Setting returns a setting's value, "" when it was never set.
func (s *Store) Setting(key string) (string, error) {
	var v string
	err := s.db.QueryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// settingRow is what the audit log keeps for a setting.
type settingRow struct {
	Key   string
	Value string
}

// SetSetting stores a setting (audited like every other change).
func (s *Store) SetSetting(key, value string) error { return s.setSetting(key, value, noteLen) }

// setSetting stores a setting of at most maxLen characters.
func (s *Store) setSetting(key, value string, maxLen int) error {
	key, value = clean(key), clean(value)
	c := newCheck("setting")
	c.required("Key", key)
	c.maxLen("Value", value, maxLen)
	if err := c.err(); err != nil {
		return err
	}
	return s.write(func(tx *Tx) error {
		var id int64
		var old string
		err := tx.QueryRow("SELECT id, value FROM settings WHERE key = ?", key).Scan(&id, &old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res, err := tx.Exec("INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?)", key, value, tx.Stamp())
			if err != nil {
				return err
			}
			id, _ = res.LastInsertId()
			return tx.Audit("settings", id, "insert", nil, settingRow{key, value})
		case err != nil:
			return err
		case old == value:
			return nil
		}
		if _, err := tx.Exec("UPDATE settings SET value = ?, updated_at = ? WHERE id = ?", value, tx.Stamp(), id); err != nil {
			return err
		}
		return tx.Audit("settings", id, "update", settingRow{key, old}, settingRow{key, value})
	})
}

// SecondBackupRemindDays is how long without a copy in a second place before 首页 reminds.
const SecondBackupRemindDays = 30

// SetSecondBackupDir chooses the second backup place that gets each daily backup ("" stops it).
// The folder must exist when chosen; later it may come and go with the stick.
func (s *Store) SetSecondBackupDir(dir string) error {
	dir = clean(dir)
	if dir != "" {
		dir = filepath.Clean(dir)
		info, err := os.Stat(dir)
		switch {
		case !filepath.IsAbs(dir):
			return backupErr("err.backup.second.relative")
		case err != nil || !info.IsDir():
			return backupErr("err.backup.second.missing")
		case sameDir(dir, s.BackupDir()) || sameDir(dir, filepath.Dir(s.path)):
			return backupErr("err.backup.second.same")
		}
	}
	return s.SetSetting(SettingSecondBackupDir, dir)
}

func sameDir(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

// SecondBackup is the state of the second backup place, for 设置 and 首页's reminder.
type SecondBackup struct {
	Dir     string    // "" when none is chosen
	Present bool      // the folder is there now (the stick is plugged in)
	Last    time.Time // when a daily backup was last copied there; zero when never
	Missed  time.Time // when a copy was last due and the folder was absent; zero when never
	// DaysSince counts whole days without a copy there: since the last copy, else since the
	// folder was chosen, else since the ledger's first change.
	DaysSince int
	Remind    bool // DaysSince is SecondBackupRemindDays or more: 首页 reminds
}

// SecondBackupStatus says where the second backup place is and how long it has gone without a copy.
func (s *Store) SecondBackupStatus() (SecondBackup, error) {
	var b SecondBackup
	var chosen, last, missed, began string
	err := s.db.QueryRow(`SELECT
		coalesce((SELECT value FROM settings WHERE key = ?1), ''),
		coalesce((SELECT updated_at FROM settings WHERE key = ?1), ''),
		coalesce((SELECT value FROM settings WHERE key = ?2), ''),
		coalesce((SELECT value FROM settings WHERE key = ?3), ''),
		coalesce((SELECT at FROM audit_log ORDER BY id LIMIT 1), '')`,
		SettingSecondBackupDir, SettingSecondBackupLast, SettingSecondBackupMissed).Scan(&b.Dir, &chosen, &last, &missed, &began)
	if err != nil {
		return b, err
	}
	if b.Dir == "" {
		chosen = "" // turned off: count from the last copy or the ledger's start
	} else if info, err := os.Stat(b.Dir); err == nil && info.IsDir() {
		b.Present = true
	}
	b.Last, _ = time.Parse(time.RFC3339, last)
	b.Missed, _ = time.Parse(time.RFC3339, missed)
	since := b.Last
	for _, t := range []string{chosen, began} {
		if since.IsZero() {
			since, _ = time.Parse(time.RFC3339, t)
		}
	}
	if !since.IsZero() {
		b.DaysSince = max(0, int(s.now().Sub(since).Hours()/24))
	}
	// A town database makes no daily copies to carry (DailyBackup): nothing to remind of.
	b.Remind = b.DaysSince >= SecondBackupRemindDays && !s.town
	return b, nil
}
