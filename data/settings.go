package data

import (
	"database/sql"
	"errors"
)

// Setting keys the app uses.
const (
	SettingSecretary = "secretary_name" // the first secretary's name, printed on sheets
	SettingUnit      = "sending_unit"   // 派出单位
	SettingLanguage  = "language"       // zh-CN or en
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
